import { expect } from 'chai';
import { BomValidationError, InvalidArgumentError, TrainingBOM, TrainingWorkflowTracker } from '../../../src';
import { DEFAULT_MAX_INPUT_BYTES, MAX_FEATURES, MAX_KEY_LENGTH, MAX_STRING_LENGTH } from '../../../src/validation/limits';
import { specExample } from '../../helpers/vectors';

function issuesOf(fn: () => unknown): ReadonlyArray<{ path: string; message: string }> {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(BomValidationError);
    return (error as BomValidationError).issues;
  }
  throw new Error('expected a BomValidationError');
}

const doc = (patch: Record<string, unknown>): Record<string, unknown> => ({ ...specExample(), ...patch });

describe('size limits', () => {
  it('are generous: 1,000,000 features, 64 Ki-character keys and 16 Mi-character strings parse', () => {
    const features = Array.from({ length: 1_000_000 }, (_, i) => `f${i}`);
    const bom = TrainingBOM.parse(JSON.stringify(doc({
      id: 'x'.repeat(MAX_STRING_LENGTH),
      feature_info: { original_features: features, selected_features: features },
      mlflow_params: { ['k'.repeat(MAX_KEY_LENGTH)]: 1 },
    })));
    expect(bom.featureInfo.originalFeatures).to.have.length(1_000_000);
    expect(DEFAULT_MAX_INPUT_BYTES).to.equal(256 * 1024 * 1024);
  });

  it('rejects text over maxInputBytes before parsing it, naming the limit', () => {
    const text = JSON.stringify(specExample());
    const issues = issuesOf(() => TrainingBOM.parse(text, { maxInputBytes: 100 }));
    expect(issues).to.deep.equal([{ path: '', message: `is ${text.length} bytes, larger than the limit of 100 (ParseOptions.maxInputBytes)` }]);
    expect(() => TrainingBOM.parse('{'.repeat(200), { maxInputBytes: 100 })).to.throw(BomValidationError, /larger than the limit/);
  });

  it('measures strings in UTF-8 bytes and byte arrays by their length', () => {
    const text = JSON.stringify(doc({ id: '€'.repeat(100) }));
    expect(() => TrainingBOM.parse(text, { maxInputBytes: text.length + 100 })).to.throw(BomValidationError, /larger than the limit/);
    expect(() => TrainingBOM.parse(new TextEncoder().encode(text), { maxInputBytes: text.length })).to.throw(/larger than the limit/);
    expect(TrainingBOM.parse(text, { maxInputBytes: text.length + 200 }).id).to.have.length(100);
  });

  it('refuses a maxInputBytes that is not a positive integer', () => {
    expect(() => TrainingBOM.parse(specExample(), { maxInputBytes: 0 })).to.throw(InvalidArgumentError, /maxInputBytes/);
    expect(() => TrainingBOM.parse('{}', { maxInputBytes: 1.5 })).to.throw(InvalidArgumentError, /maxInputBytes/);
  });

  it('rejects a dictionary key over the limit at its dictionary, without echoing the key', () => {
    const key = 'k'.repeat(MAX_KEY_LENGTH + 1);
    for (const input of [JSON.stringify(doc({ mlflow_params: { [key]: 1 } })), doc({ mlflow_params: { [key]: 1 } })]) {
      const issues = issuesOf(() => TrainingBOM.parse(input));
      expect(issues).to.have.length(1);
      expect(issues[0]?.path).to.equal('mlflow_params');
      expect(issues[0]?.message).to.contain(`has a key of ${MAX_KEY_LENGTH + 1} characters`).and.contain(`limit of ${MAX_KEY_LENGTH}`);
      expect(issues[0]?.message.length).to.be.below(200);
    }
  });

  it('rejects long keys in nested values and unknown fields too', () => {
    const key = 'k'.repeat(MAX_KEY_LENGTH + 1);
    expect(issuesOf(() => TrainingBOM.parse(doc({ additional_values: { a: { [key]: 1 } } }))).map((i) => i.path)).to.deep.equal(['additional_values.a']);
    expect(issuesOf(() => TrainingBOM.parse(doc({ extra: { [key]: 1 } }))).map((i) => i.path)).to.deep.equal(['extra']);
  });

  it('rejects a string over the limit wherever it is, naming its path', () => {
    const long = 'x'.repeat(MAX_STRING_LENGTH + 1);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ id: long }, 'id'],
      [{ dataset_info: { origin: long, size: 1 } }, 'dataset_info.origin'],
      [{ feature_info: { original_features: ['a', long], selected_features: [] } }, 'feature_info.original_features.1'],
      [{ mlflow_params: { p: long } }, 'mlflow_params.p'],
      [{ mlflow_metrics: { m: [long] } }, 'mlflow_metrics.m.0'],
      [{ extra: long }, 'extra'],
    ];
    for (const [patch, path] of cases) {
      const issues = issuesOf(() => TrainingBOM.parse(JSON.stringify(doc(patch))));
      expect(issues, path).to.deep.equal([{ path, message: `is a string of ${MAX_STRING_LENGTH + 1} characters, longer than the limit of ${MAX_STRING_LENGTH}` }]);
    }
  });

  it('rejects more features than the limit, naming the list and the limit', () => {
    const many = new Array<string>(MAX_FEATURES + 1).fill('f');
    const issues = issuesOf(() => TrainingBOM.parse(doc({ feature_info: { original_features: many, selected_features: [] } })));
    expect(issues).to.deep.equal([{ path: 'feature_info.original_features', message: `has ${MAX_FEATURES + 1} elements, more than the limit of ${MAX_FEATURES}` }]);
  });

  it('applies to the tracker: an oversized parameter is refused and nothing is kept', () => {
    const tracker = new TrainingWorkflowTracker({ captureEnvironment: false, anomalies: false });
    tracker.startTraining('run');
    expect(() => tracker.logParameters({ ok: 1, bad: 'x'.repeat(MAX_STRING_LENGTH + 1) })).to.throw(InvalidArgumentError, /mlflow_params\.bad.*limit/);
    expect(() => tracker.logParameter('k'.repeat(MAX_KEY_LENGTH + 1), 1)).to.throw(InvalidArgumentError, /limit of 65536/);
  });
});
