import { expect } from 'chai';
import { BomValidationError, TrainingBOM } from '../../../src';
import { deepArrayText, deepObject, deepObjectText } from '../../helpers/hostile-documents';
import { specExample } from '../../helpers/vectors';

function rejection(fn: () => unknown): BomValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(BomValidationError);
    return error as BomValidationError;
  }
  throw new Error('expected a BomValidationError');
}

/** The spec example as text with `"<key>": <valueText>` spliced into the object at `where` (a wire key, or '' for the top). */
function splice(where: string, key: string, valueText: string): string {
  const text = JSON.stringify(specExample());
  if (where === '') return text.replace(/}$/, `,"${key}":${valueText}}`);
  return text.replace(`"${where}":{`, `"${where}":{"${key}":${valueText},`);
}

describe('deep nesting (10,000 levels) is rejected cleanly', () => {
  const places: Array<[string, string, string]> = [
    ['mlflow_params', 'd', 'mlflow_params.d'],
    ['mlflow_metrics', 'd', 'mlflow_metrics.d'],
    ['dataset_info', 'unknown', 'dataset_info.unknown'],
    ['', 'unknown', 'unknown'],
  ];
  for (const [where, key, path] of places) {
    for (const [kind, text] of [['arrays', deepArrayText(10_000)], ['objects', deepObjectText(10_000)]] as const) {
      it(`in ${path}, ${kind}, as text`, () => {
        const error = rejection(() => TrainingBOM.parse(splice(where, key, text)));
        expect(error.issues).to.have.length(1);
        expect(error.issues[0]?.path.startsWith(path)).to.equal(true);
        expect(error.issues[0]?.message).to.equal('is nested deeper than 128 levels');
      });
    }
  }

  it('in additional_values and unknown fields, as objects', () => {
    for (const patch of [{ additional_values: { d: deepObject(10_000) } }, { unknown: deepObject(10_000) }]) {
      const error = rejection(() => TrainingBOM.parse({ ...specExample(), ...patch }));
      expect(error.issues.map((i) => i.message)).to.deep.equal(['is nested deeper than 128 levels']);
    }
  });

  it('in a section itself (class-validator would recurse into nested arrays)', () => {
    for (const section of ['dataset_info', 'feature_info', 'model_info']) {
      const error = rejection(() => TrainingBOM.parse(JSON.stringify(specExample()).replace(new RegExp(`"${section}":\\{[^}]*\\}`), `"${section}":${deepArrayText(10_000)}`)));
      expect(error.issues).to.have.length(1);
      expect(error.issues[0]?.path).to.equal(section);
      expect(error.issues[0]?.message).to.match(/^must be an object with .+, got an array$/);
    }
  });

  it('in strict mode, as an unknown field', () => {
    const error = rejection(() => TrainingBOM.parse(splice('', 'unknown', deepArrayText(10_000)), { strict: true }));
    expect(error.issues).to.deep.equal([{ path: 'unknown', message: 'is not a known field' }]);
  });

  it('a million levels in a text of a MiB or more are refused before JSON.parse, which would spend seconds on them', () => {
    const text = splice('mlflow_params', 'd', deepArrayText(1_000_000));
    const error = rejection(() => TrainingBOM.parse(text));
    expect(error.issues).to.have.length(1);
    expect(error.issues[0]?.path).to.equal('');
    expect(error.issues[0]?.message).to.match(/^is nested deeper than 128 levels \(at character \d+\); a text of a MiB or more is checked before it is parsed$/);
  });

  it('a million levels given as an object still give the issue at its path', () => {
    const error = rejection(() => TrainingBOM.parse(JSON.parse(splice('mlflow_params', 'd', deepArrayText(1_000_000))) as object));
    expect(error.issues).to.have.length(1);
    expect(error.issues[0]?.path).to.match(/^mlflow_params\.d(\.0)+$/);
    expect(error.issues[0]?.message).to.equal('is nested deeper than 128 levels');
  });

  it('a text of a MiB or more with many shallow lists, and brackets inside strings, is not mistaken for deep nesting', () => {
    const params: Record<string, unknown> = {};
    for (let i = 0; i < 60_000; i++) params[`p${i}`] = [[i], '[[[[{{{{'];
    const text = JSON.stringify({ ...specExample(), mlflow_params: params });
    expect(text.length).to.be.above(1 << 20);
    expect(TrainingBOM.parse(text).mlflowParams['p59999']).to.deep.equal([[59_999], '[[[[{{{{']);
  });
});

describe('hostile arrays from callers', () => {
  it('ignore a feature list own constructor (Symbol.species) when copying it', () => {
    const features = ['a', 'b'];
    Object.defineProperty(features, 'constructor', { value: { [Symbol.species]: 42 }, enumerable: true });
    const doc = { ...specExample(), feature_info: { original_features: features, selected_features: [] } };
    expect(TrainingBOM.parse(doc).featureInfo.originalFeatures).to.deep.equal(['a', 'b']);
  });

  it('reject a sparse list of 2^32-1 holes by its length, without walking it', () => {
    const holes = new Array<string>(2 ** 32 - 1);
    const error = rejection(() => TrainingBOM.parse({ ...specExample(), feature_info: { original_features: holes, selected_features: [] } }));
    expect(error.issues[0]?.message).to.match(/has 4294967295 elements, more than the limit/);
  });

  it('describe an unlisted selected feature briefly and leave non-strings to the type rule', () => {
    const doc = { ...specExample(), feature_info: { original_features: ['a'], selected_features: ['x'.repeat(1000), JSON.parse(deepArrayText(10_000)) as unknown] } };
    const error = rejection(() => TrainingBOM.parse(doc, { strict: true }));
    expect(error.issues.map((i) => i.path)).to.have.members(['feature_info.selected_features.0', 'feature_info.selected_features.1']);
    expect(error.message.length).to.be.below(400);
  });
});

/**
 * Linear time in the number of keys. Checked as a ratio of two sizes eight times apart, measured in the
 * same run (best of 5 each, after a warm-up), never as an absolute time, and against `JSON.parse` of the
 * same texts: V8's own parse of one dictionary grows 10-17x for 8x the keys here (its dictionary-mode
 * objects outgrow the caches), so a bare 8x cannot be expected. Ours may grow at most 3x faster than
 * `JSON.parse` does; class-transformer's quadratic dict handling (see STYLE.md) would grow 64x against
 * JSON.parse's ~8-17x, and fail.
 */
describe('100k-key dictionaries parse in linear time', function () {
  // A busy machine (CI runs the unit tests on two Node lines) can stretch one measurement past the bound;
  // quadratic handling would miss it on every try, so two retries keep the test's power.
  this.retries(2);

  function dictText(n: number, where: 'mlflow_params' | 'unknown'): string {
    const keys = Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',');
    return where === 'unknown' ? splice('', 'unknown', `{${keys}}`) : splice('mlflow_params', 'k', `{${keys}}`);
  }

  function bestOf5(fn: () => void): number {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      fn();
      best = Math.min(best, Number(process.hrtime.bigint() - start));
    }
    return best;
  }

  for (const where of ['mlflow_params', 'unknown'] as const) {
    for (const input of ['text', 'object'] as const) {
      it(`in ${where}, from ${input}`, () => {
        const small = dictText(25_000, where);
        const large = dictText(200_000, where);
        const make = (t: string): string | object => (input === 'text' ? t : (JSON.parse(t) as object));
        TrainingBOM.parse(make(small));
        const smallNs = bestOf5(() => TrainingBOM.parse(make(small)));
        const largeNs = bestOf5(() => TrainingBOM.parse(make(large)));
        const jsonGrowth = bestOf5(() => JSON.parse(large) as unknown) / bestOf5(() => JSON.parse(small) as unknown);
        expect(Object.keys(TrainingBOM.parse(make(large)).mlflowParams).length).to.be.at.least(1);
        const growth = largeNs / smallNs;
        expect(growth / jsonGrowth, `25k: ${smallNs / 1e6} ms, 200k: ${largeNs / 1e6} ms (${growth.toFixed(1)}x; JSON.parse ${jsonGrowth.toFixed(1)}x)`).to.be.below(3);
      });
    }
  }
});
