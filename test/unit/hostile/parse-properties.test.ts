import { expect } from 'chai';
import fc from 'fast-check';
import { BomValidationError, TrainingBOM } from '../../../src';
import { mutatedBytes, mutatedDocument, mutatedText, randomDocument } from '../../helpers/hostile-documents';

/** Parses, and fails the property unless the outcome is a BOM or a BomValidationError with located issues. */
function parsesOrRejects(input: string | Uint8Array | object, strict: boolean): void {
  let bom: TrainingBOM;
  try {
    bom = TrainingBOM.parse(input, { strict });
  } catch (error) {
    if (!(error instanceof BomValidationError)) throw error;
    expect(error.issues.length).to.be.above(0);
    for (const issue of error.issues) expect(issue.path).to.be.a('string') && expect(issue.message).to.be.a('string');
    return;
  }
  expect(bom).to.be.instanceOf(TrainingBOM);
  // What was accepted writes out and reads back.
  expect(TrainingBOM.parse(bom.toJSONString(), { strict }).toJSONString()).to.equal(bom.toJSONString());
}

function unpolluted(): void {
  expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  expect(Object.getPrototypeOf({})).to.equal(Object.prototype);
  expect(Object.prototype.toString).to.be.a('function');
}

/** fast-check's own report stringifies the counterexample, which overflows on 10,000-level values: report seed and error instead. */
function reporter<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const error = details.errorInstance instanceof Error ? details.errorInstance.stack : String(details.errorInstance);
  throw new Error(`property failed (seed ${details.seed}, path ${details.counterexamplePath ?? ''}): ${error}`);
}

function runs<T>(): fc.Parameters<T> {
  return { numRuns: 400, reporter: reporter<T> };
}

describe('TrainingBOM.parse on hostile input (fast-check)', () => {
  afterEach(unpolluted);

  for (const strict of [false, true]) {
    describe(strict ? 'strict' : 'lax', () => {
      it('yields a BOM or a BomValidationError for mutated documents (objects)', () => {
        fc.assert(fc.property(mutatedDocument, (doc) => {
          parsesOrRejects(doc as object, strict);
          unpolluted();
        }), runs());
      });

      it('yields a BOM or a BomValidationError for random values', () => {
        fc.assert(fc.property(randomDocument, (doc) => {
          parsesOrRejects(doc as object, strict);
          unpolluted();
        }), runs());
      });

      it('yields a BOM or a BomValidationError for mutated JSON text', () => {
        fc.assert(fc.property(mutatedText, (text) => {
          parsesOrRejects(text, strict);
          unpolluted();
        }), runs());
      });

      it('yields a BOM or a BomValidationError for mutated UTF-8 bytes', () => {
        fc.assert(fc.property(mutatedBytes, (bytes) => {
          parsesOrRejects(bytes, strict);
          unpolluted();
        }), runs());
      });
    });
  }
});
