import { expect } from 'chai';
import fc from 'fast-check';
import { BomValidationError, TrainingBOM, type ValidationIssue } from '../../../src';
import { jsonTextFacts, loneSurrogateEscapeAt, nestingOverflow } from '../../../src/validation/json-text-facts';
import { MAX_JSON_DEPTH } from '../../../src/validation/json-value';
import { MAX_KEY_LENGTH } from '../../../src/validation/limits';
import { deepArrayText, mutatedText, PROTO_KEYS } from '../../helpers/hostile-documents';
import { specExample } from '../../helpers/vectors';

type Outcome = { readonly wire: string; readonly metrics: unknown[] } | { readonly issues: readonly ValidationIssue[] };

function outcome(input: string | object, strict: boolean): Outcome {
  try {
    const bom = TrainingBOM.parse(input, { strict });
    return { wire: bom.toJSONString(), metrics: Object.entries(bom.mlflowMetrics) };
  } catch (error) {
    if (!(error instanceof BomValidationError)) throw error;
    return { issues: error.issues };
  }
}

/**
 * Text parses exactly as the object JSON.parse makes of it: the text path trusts the text's facts and
 * skips scans, the object path (a caller's object) checks every value.
 */
function sameAsObject(text: string, strict: boolean): void {
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof plain !== 'object' || plain === null) return;
  expect(outcome(text, strict)).to.deep.equal(outcome(plain, strict));
}

/** `n` feature names `f_0`, `f_1`, … */
function features(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `f_${i}`);
}

/** Lone surrogates that JSON.stringify escaped, written raw instead. */
function rawSurrogates(text: string): string {
  return text.replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const dictValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'nan', '\uD800', 'a\uDC00', '😀'),
  fc.integer({ min: MAX_JSON_DEPTH - 6, max: MAX_JSON_DEPTH + 2 }).map((depth) => JSON.parse(deepArrayText(depth)) as unknown),
);
const dict = fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS, 'NaN', 'Infinity'), fc.string({ unit: 'binary', maxLength: 6 })), dictValue, { maxKeys: 5 });

/** The spec's example with random params, metrics and additional values, as text (escaped or raw surrogates). */
const documentText: fc.Arbitrary<string> = fc
  .tuple(dict, dict, fc.option(dict, { nil: undefined }), fc.boolean(), fc.constantFrom(0, 2))
  .map(([params, metrics, extra, raw, indent]) => {
    const text = JSON.stringify({ ...specExample(), mlflow_params: params, mlflow_metrics: metrics, additional_values: extra }, null, indent);
    return raw ? rawSurrogates(text) : text;
  });

describe('jsonTextFacts', () => {
  it('proves everything of plain text', () => {
    expect(jsonTextFacts(JSON.stringify(specExample()))).to.deep.equal({ wellFormed: true, withinLimits: true, noNonFiniteNames: true });
  });

  it('keeps its proofs across escapes other than \\u', () => {
    expect(jsonTextFacts('{"a":"x\\n\\"y\\\\"}')).to.deep.equal({ wellFormed: true, withinLimits: true, noNonFiniteNames: true });
  });

  it('does not prove strings free of NaN or Infinity when they appear or may be spelled with \\u escapes', () => {
    expect(jsonTextFacts('{"a":"NaN"}').noNonFiniteNames).to.equal(false);
    expect(jsonTextFacts('{"a":"-Infinity"}').noNonFiniteNames).to.equal(false);
    expect(jsonTextFacts('{"a":"\\u004eaN"}').noNonFiniteNames).to.equal(false);
  });

  it('does not prove well-formedness with a surrogate escape or a raw lone surrogate', () => {
    expect(jsonTextFacts('{"a":"\\uD800"}').wellFormed).to.equal(false);
    expect(jsonTextFacts('{"a":"\uDC00"}').wellFormed).to.equal(false);
  });

  it('proves the limits only up to MAX_JSON_DEPTH brackets and MAX_KEY_LENGTH characters', () => {
    expect(jsonTextFacts(deepArrayText(MAX_JSON_DEPTH)).withinLimits).to.equal(true);
    expect(jsonTextFacts(deepArrayText(MAX_JSON_DEPTH + 1)).withinLimits).to.equal(false);
    expect(jsonTextFacts(`{"${'['.repeat(MAX_JSON_DEPTH)}":1}`).withinLimits).to.equal(false);
    expect(jsonTextFacts(`{"${'k'.repeat(MAX_KEY_LENGTH)}":1}`).withinLimits).to.equal(false);
  });

  it('proves the string limits of a longer text without a backslash from a quote in every block', () => {
    const wide = JSON.stringify({ ...specExample(), feature_info: { original_features: features(20_000), selected_features: [] } });
    expect(wide.length).to.be.above(2 * MAX_KEY_LENGTH);
    expect(jsonTextFacts(wide).withinLimits).to.equal(true);
    expect(jsonTextFacts(wide.replace('"f_1"', `"${'k'.repeat(MAX_KEY_LENGTH + 1)}"`)).withinLimits).to.equal(false);
    expect(jsonTextFacts(wide.replace('"f_1"', '"f\\n1"')).withinLimits).to.equal(false);
  });
});

describe('TrainingBOM.parse(text) against TrainingBOM.parse(JSON.parse(text)) (fast-check)', () => {
  for (const strict of [false, true]) {
    it(`gives the same BOM or the same issues for random dictionaries (${strict ? 'strict' : 'lax'})`, () => {
      fc.assert(fc.property(documentText, (text) => sameAsObject(text, strict)), { numRuns: 300 });
    });

    it(`gives the same BOM or the same issues for mutated text (${strict ? 'strict' : 'lax'})`, () => {
      fc.assert(fc.property(mutatedText, (text) => sameAsObject(text, strict)), { numRuns: 300 });
    });
  }

  it('gives the same BOM or the same issues for texts longer than a key may be, at and around the key limit', () => {
    const wide = { ...specExample(), feature_info: { original_features: features(20_000), selected_features: [] } };
    for (const length of [MAX_KEY_LENGTH - 1, MAX_KEY_LENGTH, MAX_KEY_LENGTH + 1]) {
      // A quote inside a key is escaped: the text then has quotes within the key's run of characters.
      for (const key of ['k'.repeat(length), Array.from({ length }, (_, i) => (i % 1000 === 999 ? '"' : 'k')).join('')]) {
        for (const value of [1, [[1]], 'NaN']) {
          const doc = { ...wide, mlflow_params: { [key]: value }, mlflow_metrics: { [key]: value } };
          for (const strict of [false, true]) sameAsObject(JSON.stringify(doc), strict);
        }
      }
    }
  });

  it('gives the same issues for params nested around MAX_JSON_DEPTH, where the text stops proving the limit', () => {
    for (let depth = MAX_JSON_DEPTH - 12; depth <= MAX_JSON_DEPTH + 1; depth++) {
      sameAsObject(JSON.stringify({ ...specExample(), mlflow_params: { deep: JSON.parse(deepArrayText(depth)) as unknown } }), false);
    }
  });
});

describe('nestingOverflow', () => {
  /** The deepest nesting of a JSON value, by walking it. */
  const depthOf = (v: unknown): number => (typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);

  it('finds where a value first goes deeper than the limit, skipping brackets in strings and escaped quotes', () => {
    expect(nestingOverflow('[[[1]]]', 2)).to.equal(2);
    expect(nestingOverflow('[[1]]', 2)).to.equal(-1);
    expect(nestingOverflow('["[[[[", "\\"[[[[", {"a{": [1]}]', 3)).to.equal(-1);
    expect(nestingOverflow('{"a":{"b":{"c":1}}}', 2)).to.equal(10);
  });

  it('agrees with the depth of the parsed value (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), (value, limit) => {
        expect(nestingOverflow(JSON.stringify(value), limit) !== -1).to.equal(depthOf(value) > limit);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('loneSurrogateEscapeAt', () => {
  it('finds an escaped unpaired surrogate, not a pair, not escaped backslashes, and gives no verdict on raw surrogates', () => {
    expect(loneSurrogateEscapeAt('["a\\ud800"]')).to.equal(3);
    expect(loneSurrogateEscapeAt('["\\uD83D\\uDE00", "\\udc00"]')).to.equal(18);
    expect(loneSurrogateEscapeAt('["\\ud83d\\ude00"]')).to.equal(-1);
    expect(loneSurrogateEscapeAt('["\\\\ud800"]')).to.equal(-1);
    expect(loneSurrogateEscapeAt('["\\\\\\ud800"]')).to.equal(4);
    expect(loneSurrogateEscapeAt('["\\ud800\ud83d\ude00"]')).to.equal(2);
    expect(loneSurrogateEscapeAt('["\ud800", "\\udc00"]')).to.equal(-1);
  });

  it('agrees with the strings JSON.parse builds, over keys and values built from backslashes, u, hex digits and surrogates (fast-check)', () => {
    const units = ['\\', 'u', 'd', 'D', '8', 'b', 'c', 'e', '0', '\ud800', '\udbff', '\udc00', '\udfff', 'x'];
    const text = fc.array(fc.constantFrom(...units), { maxLength: 14 }).map((a) => a.join(''));
    const wellFormedEverywhere = (v: unknown): boolean =>
      typeof v === 'string' ? v.isWellFormed() : typeof v === 'object' && v !== null ? Object.entries(v).every(([k, x]) => k.isWellFormed() && wellFormedEverywhere(x)) : true;
    fc.assert(
      fc.property(fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 4 }), (value) => {
        const json = JSON.stringify(value);
        expect(loneSurrogateEscapeAt(json) !== -1, json).to.equal(!wellFormedEverywhere(JSON.parse(json)));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('makes TrainingBOM.parse refuse a text of a MiB or more with one, as a whole and before JSON.parse, and accept pairs', () => {
    const params: Record<string, string> = {};
    for (let i = 0; i < 40_000; i++) params[`p${i}`] = `x\ud83d\ude00${i}`;
    const paired = JSON.stringify({ ...specExample(), mlflow_params: params }).replace(/\ud83d\ude00/g, '\\ud83d\\ude00');
    expect(paired.length).to.be.above(1 << 20);
    expect(TrainingBOM.parse(paired).mlflowParams['p39999']).to.equal('x\ud83d\ude0039999');
    const lone = paired.replace('\\ud83d\\ude0039999', '\\ud83d39999');
    let error: unknown;
    try {
      TrainingBOM.parse(lone);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(BomValidationError);
    expect((error as BomValidationError).issues).to.have.length(1);
    expect((error as BomValidationError).issues[0]?.path).to.equal('');
    expect((error as BomValidationError).issues[0]?.message).to.match(/^holds an unpaired surrogate escape \\\\ud83d at character \d+, which the reference rejects/);
  });
});
