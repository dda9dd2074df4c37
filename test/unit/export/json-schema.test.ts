import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { modelArtifactsOf, trainingBomJsonSchema, TrainingBOM } from '../../../src';
import { expectedInvalidPaths, specExample, vectors } from '../../helpers/vectors';

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(trainingBomJsonSchema());

function parses(document: unknown): boolean {
  try {
    TrainingBOM.parse(document as object);
    return true;
  } catch {
    return false;
  }
}

/** The wire path of an ajv error, as TrainingBOM.parse names it (`dataset_info.size`). */
function wirePath(error: ErrorObject): string {
  const at = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') at.push((error.params as { missingProperty: string }).missingProperty);
  return at.join('.');
}

describe('trainingBomJsonSchema', () => {
  it('is a draft 2020-12 schema that ajv compiles in strict mode', () => {
    expect(trainingBomJsonSchema()['$schema']).to.equal('https://json-schema.org/draft/2020-12/schema');
    expect(validate).to.be.a('function');
  });

  for (const vector of vectors('valid')) {
    it(`accepts ${vector.name}, as TrainingBOM.parse does`, () => {
      expect(parses(vector.text)).to.equal(true);
      expect(validate(JSON.parse(vector.text)), JSON.stringify(validate.errors)).to.equal(true);
    });
  }

  const expected = expectedInvalidPaths();
  for (const vector of vectors('invalid')) {
    it(`rejects ${vector.name}, as TrainingBOM.parse does, at the same paths`, () => {
      expect(parses(vector.text)).to.equal(false);
      let document: unknown;
      try {
        document = JSON.parse(vector.text);
      } catch {
        return; // not JSON: no schema applies, and parse rejects it too
      }
      expect(validate(document)).to.equal(false);
      expect([...new Set((validate.errors ?? []).map(wirePath))].sort()).to.deep.equal([...(expected[vector.name] ?? [])].sort());
    });
  }

  it('rejects an unpaired surrogate in a string, a dictionary key and an unknown field', () => {
    for (const doc of [
      { ...specExample(), id: 'a\ud800' },
      { ...specExample(), mlflow_params: { '\udc00': 1 } },
      { ...specExample(), extra: ['\ud83d'] },
    ]) {
      expect(parses(doc)).to.equal(false);
      expect(validate(doc)).to.equal(false);
    }
  });

  it('accepts a paired surrogate (an emoji) everywhere', () => {
    const doc = { ...specExample(), id: '😀', mlflow_params: { '😀': ['😀'] } };
    expect(parses(doc)).to.equal(true);
    expect(validate(doc)).to.equal(true);
  });

  it('agrees with TrainingBOM.parse on randomly broken documents (property-based)', () => {
    const paths: ReadonlyArray<readonly string[]> = [
      ['id'], ['start_time'], ['end_time'], ['dataset_info'], ['dataset_info', 'origin'], ['dataset_info', 'size'],
      ['dataset_info', 'extra'], ['feature_info'], ['feature_info', 'original_features'], ['feature_info', 'selected_features'],
      ['model_info'], ['model_info', 'type'], ['model_info', 'architecture'], ['mlflow_params'], ['mlflow_params', 'k'],
      ['mlflow_metrics'], ['mlflow_metrics', 'm'], ['additional_values'], ['additional_values', 'a'], ['unknown'], ['mlflow_params', '\ud800'],
    ];
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.string({ unit: 'binary' }),
      fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer())),
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      // A fresh [] and {} each time: the mutations write into the objects they place, so shared ones grew cycles.
      fc.constantFrom(null, 2 ** 53, 2 ** 53 - 1, 1.5, -0, '', [], {}).map((v) => (typeof v === 'object' && v !== null ? structuredClone(v) : v)),
      fc.constant(undefined),
    );
    const mutation = fc.tuple(fc.constantFrom(...paths), value);
    const outcomes = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const doc = specExample();
        for (const [path, v] of mutations) {
          let target: unknown = doc;
          for (const key of path.slice(0, -1)) target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[key] : undefined;
          if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
          const last = path[path.length - 1];
          if (v === undefined) delete (target as Record<string, unknown>)[last];
          else (target as Record<string, unknown>)[last] = v;
        }
        const json = JSON.parse(JSON.stringify(doc)) as unknown;
        const ok = parses(json);
        expect(validate(json), JSON.stringify(json)).to.equal(ok);
        outcomes[ok ? 'valid' : 'invalid']++;
      }),
      { numRuns: 2000 },
    );
    expect(outcomes.valid, 'documents both accepted').to.be.greaterThan(200);
    expect(outcomes.invalid, 'documents both rejected').to.be.greaterThan(200);
  });

  it('is shipped, unchanged, as docs/training-bom.schema.json', () => {
    const file = resolve(__dirname, '../../../docs/training-bom.schema.json');
    expect(readFileSync(file, 'utf8')).to.equal(`${JSON.stringify(trainingBomJsonSchema(), null, 2)}\n`);
  });
});

describe('trainingBomJsonSchema: $defs.ModelArtifacts', () => {
  const schema = trainingBomJsonSchema();
  const artifacts = new Ajv2020({ strict: true, allErrors: true }).compile({ $schema: schema['$schema'] as string, $defs: schema['$defs'], $ref: '#/$defs/ModelArtifacts' });
  const D = `sha256:${'0'.repeat(64)}`;

  function readerAccepts(name: string): boolean {
    try {
      modelArtifactsOf(new TrainingBOM({ ...SECTIONS, additionalValues: { model_artifacts: [{ name, digest: D, bytes: 1 }] } }));
      return true;
    } catch {
      return false;
    }
  }

  const SECTIONS = {
    id: 'r', startTime: '2024-01-01T00:00:00Z', endTime: '2024-01-01T00:00:00Z', datasetInfo: { origin: 'o', size: 1 },
    featureInfo: { originalFeatures: [], selectedFeatures: [] }, modelInfo: { type: 't', architecture: 'a' }, mlflowParams: {}, mlflowMetrics: {},
  };

  it('does not constrain additional_values under the lax rules (the reference reads it as a free dictionary)', () => {
    expect(validate({ ...specExample(), additional_values: { model_artifacts: 'anything' } })).to.equal(true);
  });

  it('agrees with modelArtifactsOf on which names are safe', () => {
    const names = [
      'm.json', 'model/weights.bin', 'a b/ü😀.bin', '.hidden', '..x', 'x..', 'a/.b', '', '/abs', 'a//b', 'a/', './a', 'a/./b', '..', 'a/..', '../a',
      'a\\b', 'a\nb', 'a\u007fb', 'x'.repeat(4096), 'x'.repeat(4097), '😀'.repeat(4096),
    ];
    for (const name of names) {
      expect(artifacts([{ name, digest: D, bytes: 1 }]), JSON.stringify(name.slice(0, 12))).to.equal(readerAccepts(name));
    }
    expect(readerAccepts('😀'.repeat(4096)), 'the limit counts characters').to.equal(true);
  });

  it('requires a sha256 digest in lower-case hex and a safe non-negative integer size', () => {
    expect(artifacts([{ name: 'a', digest: D, bytes: 0 }])).to.equal(true);
    for (const bad of [{ name: 'a', digest: D.toUpperCase(), bytes: 0 }, { name: 'a', digest: D, bytes: -1 }, { name: 'a', digest: D, bytes: 1.5 }, { name: 'a', digest: D }]) {
      expect(artifacts([bad]), JSON.stringify(bad)).to.equal(false);
    }
  });
});
