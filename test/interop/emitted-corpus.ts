/**
 * BOMs we emit, for the Python reference to load: every valid reference vector re-emitted, plus BOMs built
 * in TypeScript around the edge cases of the wire format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrainingBOM, type JsonValue, type TrainingBOMInit } from '../../src';

/** One BOM of the corpus; `vectorText` is the reference vector it was parsed from, if any. */
export interface CorpusEntry {
  readonly name: string;
  readonly bom: TrainingBOM;
  readonly vectorText?: string;
}

/** Wire keys the reference declares: top-level fields, and for each section its fields. */
export const REFERENCE_FIELDS: Readonly<Record<string, readonly string[] | null>> = {
  id: null,
  start_time: null,
  end_time: null,
  dataset_info: ['origin', 'size'],
  feature_info: ['original_features', 'selected_features'],
  model_info: ['type', 'architecture'],
  mlflow_params: null,
  mlflow_metrics: null,
};

/** Unknown fields our corpus keeps, by entry: what the reference must ignore (and nothing else). */
export const EXPECTED_IGNORED: Readonly<Record<string, readonly string[]>> = {
  'additional-values': ['additional_values'],
  'model-artifacts': ['additional_values'],
  'unknown-fields': ['dataset_info.lineage', 'experiment'],
};

function base(overrides: Partial<TrainingBOMInit> = {}): TrainingBOMInit {
  return {
    id: 'interop-run',
    startTime: '2024-09-05T10:00:00.000000',
    endTime: '2024-09-05T11:30:00.000000',
    datasetInfo: { origin: 's3://bucket/data.parquet', size: 1000 },
    featureInfo: { originalFeatures: ['a', 'b'], selectedFeatures: ['a'] },
    modelInfo: { type: 'RandomForestClassifier', architecture: 'ensemble_tree_based' },
    mlflowParams: { n_estimators: 100 },
    mlflowMetrics: { accuracy: 0.9 },
    ...overrides,
  };
}

/** A document as JSON text, for keys an object literal cannot carry (`__proto__`) and unknown fields. */
function baseText(replace: Record<string, string>): string {
  const wire = new TrainingBOM(base()).toJSON() as Record<string, unknown>;
  const parts = Object.keys(wire).map((k) => `${JSON.stringify(k)}:${replace[k] ?? JSON.stringify(wire[k])}`);
  for (const k of Object.keys(replace)) if (!(k in wire)) parts.push(`${JSON.stringify(k)}:${replace[k]}`);
  return `{${parts.join(',')}}`;
}

function nested(depth: number): JsonValue {
  let value: JsonValue = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { level: value };
  return value;
}

function constructed(): CorpusEntry[] {
  const hostile = '{"__proto__":"p","constructor":"c","toString":1,"hasOwnProperty":{"__proto__":[1]},"valueOf":null}';
  const entries: Array<[string, TrainingBOM]> = [
    ['unicode', new TrainingBOM(base({
      id: 'run-é-☃-😀-中文-\u2028-\u0000-"q"-\\',
      datasetInfo: { origin: 'file:///données/中文.csv', size: 3 },
      featureInfo: { originalFeatures: ['naïve', 'emoji_😀', 'e\u0301', 'שלום', 'tab\tsep', ''], selectedFeatures: ['emoji_😀', ''] },
      mlflowParams: { 'clé_😀': 'välue ☃', '': 'empty key' },
    }))],
    ['empty-features', new TrainingBOM(base({ featureInfo: {} }))],
    ['hostile-keys', TrainingBOM.parse(baseText({ mlflow_params: hostile, mlflow_metrics: hostile }))],
    ['nested-values', new TrainingBOM(base({
      mlflowParams: { layers: [64, 32], opt: { name: 'adam', betas: [0.9, 0.999] }, flag: true, off: false, none: null, empty: {}, list: [] },
      mlflowMetrics: { loss: 0.5, per_class: { a: 0.9, b: [0.7, { c: 1 }] } },
    }))],
    // Near our own 128-level nesting limit; pydantic's JSON parser stops near 200.
    ['deep-nesting', new TrainingBOM(base({ mlflowParams: { deep: nested(120) } }))],
    ['non-finite-metrics', new TrainingBOM(base({ mlflowMetrics: { nan: NaN, inf: Infinity, ninf: -Infinity, ok: 1.5 } }))],
    ['additional-values', new TrainingBOM(base({ additionalValues: { python: '3.11', quality: { nulls: 0.01 } } }))],
    // What registerModelArtifact records (a TF.js model directory), in strict-valid form.
    ['model-artifacts', TrainingBOM.parse(new TrainingBOM(base({
      additionalValues: {
        model_artifacts: [
          { name: 'model/model.json', digest: `sha256:${'0a'.repeat(32)}`, bytes: 1893 },
          { name: 'model/weights.bin', digest: `sha256:${'f1'.repeat(32)}`, bytes: 1_048_576 },
          { name: 'modèle 😀/poids.bin', digest: `sha256:${'7e'.repeat(32)}`, bytes: 0 },
        ],
      },
    })).toJSON(), { strict: true })],
    ['unknown-fields', TrainingBOM.parse(baseText({
      dataset_info: '{"origin":"o","size":5,"lineage":{"parent":"run-0"}}',
      experiment: '{"name":"exp","tags":["a"]}',
    }))],
    ['size-zero', new TrainingBOM(base({ datasetInfo: { origin: 'o', size: 0 } }))],
    ['size-max-safe', new TrainingBOM(base({ datasetInfo: { origin: 'o', size: Number.MAX_SAFE_INTEGER } }))],
    ['floats', new TrainingBOM(base({
      mlflowParams: { min_safe: Number.MIN_SAFE_INTEGER, big_int_like: 1e21, lr: 1e-7, sum: 0.1 + 0.2 },
      mlflowMetrics: {
        max: Number.MAX_VALUE, min_subnormal: Number.MIN_VALUE, min_normal: 2.2250738585072014e-308, epsilon: Number.EPSILON,
        big: 1.5e300, tiny: -2.5e-300, pi: Math.PI, third: 1 / 3, integral: 3,
      },
    }))],
  ];
  return entries.map(([name, bom]) => ({ name, bom }));
}

/** Every valid reference vector (in `vectorsDir/valid`) parsed by us, then every constructed edge case. */
export function emittedCorpus(vectorsDir: string): CorpusEntry[] {
  const dir = join(vectorsDir, 'valid');
  const vectors = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f): CorpusEntry => {
      const vectorText = readFileSync(join(dir, f), 'utf8');
      return { name: `vector-${f.slice(0, -'.json'.length)}`, bom: TrainingBOM.parse(vectorText), vectorText };
    });
  return [...vectors, ...constructed()];
}

/** The part of a wire document the reference declares (our extra fields left out). */
export function referencePart(wire: object): Record<string, unknown> {
  const source = wire as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [field, sub] of Object.entries(REFERENCE_FIELDS)) {
    if (!(field in source)) continue;
    if (sub === null) out[field] = source[field];
    else {
      const section = source[field] as Record<string, unknown>;
      out[field] = Object.fromEntries(sub.filter((k) => k in section).map((k) => [k, section[k]]));
    }
  }
  return out;
}
