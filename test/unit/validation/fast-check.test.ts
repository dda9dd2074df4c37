import { expect } from 'chai';
import fc from 'fast-check';
import { validateSync } from 'class-validator';
import { BomValidationError, TrainingBOM } from '../../../src';
import { fromPlain } from '../../../src/serialization/from-wire';
import { quickCheck } from '../../../src/validation/fast-check';
import { specExample } from '../../helpers/vectors';

const PATHS: ReadonlyArray<readonly string[]> = [
  ['id'], ['start_time'], ['end_time'], ['dataset_info'], ['dataset_info', 'origin'], ['dataset_info', 'size'],
  ['feature_info'], ['feature_info', 'original_features'], ['feature_info', 'selected_features'],
  ['model_info'], ['model_info', 'type'], ['model_info', 'architecture'], ['mlflow_params'], ['mlflow_metrics'],
  ['mlflow_metrics', 'accuracy'], ['additional_values'], ['extra_field'],
];

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, NaN, Infinity, -1, 1.5, 2 ** 53, '', 'a', [], {}, ['a', 1], ['age'], ['zzz'], '2024-01-01T00:00:00Z'),
);

function mutate(path: readonly string[], value: unknown): Record<string, unknown> {
  const doc = specExample();
  let target = doc;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return doc;
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, always: true, strictGroups: true };

describe('compiled validation fast path', () => {
  it('says valid exactly when class-validator finds nothing, lax and strict', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), replacement, (path, value) => {
        const instance = fromPlain(TrainingBOM, mutate(path, value), 'wire');
        expect(quickCheck(instance, undefined)).to.equal(validateSync(instance, OPTIONS).length === 0);
        expect(quickCheck(instance, ['strict'])).to.equal(validateSync(instance, { ...OPTIONS, groups: ['strict'] }).length === 0);
      }),
      { numRuns: 600 },
    );
  });

  it('only ever yields a BOM or a BomValidationError from parse', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), replacement, fc.boolean(), (path, value, strict) => {
        try {
          TrainingBOM.parse(JSON.stringify(mutate(path, value)), { strict });
        } catch (error) {
          expect(error).to.be.instanceOf(BomValidationError);
        }
      }),
      { numRuns: 600 },
    );
  });
});
