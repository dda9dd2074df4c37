import { expect } from 'chai';
import fc from 'fast-check';
import { validateSync } from 'class-validator';
import { BomValidationError, TrainingBOM } from '../../../src';
import { fromPlain } from '../../../src/serialization/from-wire';
import { quickCheck } from '../../../src/validation/compiled-validity';
import { specExampleWithFacts } from '../../helpers/reproducibility-facts';
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

/** Paths into the reproducibility facts of `additional_values`, which strict mode types. */
const FACT_PATHS: ReadonlyArray<readonly string[]> = [
  ['additional_values', 'dataset'], ['additional_values', 'dataset', 'digest'], ['additional_values', 'dataset', 'rows'],
  ['additional_values', 'dataset', 'kind'], ['additional_values', 'dataset', 'modified'], ['additional_values', 'environment'],
  ['additional_values', 'environment', 'git'], ['additional_values', 'environment', 'git', 'remote'],
  ['additional_values', 'environment', 'git', 'commit'], ['additional_values', 'environment', 'packages'],
  ['additional_values', 'environment', 'cpu', 'count'], ['additional_values', 'seeds'], ['additional_values', 'seeds', 'global'],
  ['additional_values', 'data_quality'], ['additional_values', 'anomalies'], ['additional_values', 'anomalies', '0'],
  ['additional_values', 'anomalies', '0', 'step'], ['additional_values', 'anomalies', '0', 'value'], ['additional_values', 'other'],
];

const factReplacement = fc.oneof(
  replacement,
  fc.constantFrom(`sha256:${'a'.repeat(64)}`, 'sha256:ABC', 'https://u:p@h/r.git', 'https://h/r.git', 'a'.repeat(40), 'non_finite', 'NaN', 'file', null),
);

function mutate(path: readonly string[], value: unknown, base: () => Record<string, unknown> = specExample): Record<string, unknown> {
  const doc = base();
  let target = doc;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path[path.length - 1];
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

  it('agrees with class-validator on the reproducibility facts in additional_values, lax and strict', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FACT_PATHS), factReplacement, (path, value) => {
        const instance = fromPlain(TrainingBOM, mutate(path, value, specExampleWithFacts), 'wire');
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
