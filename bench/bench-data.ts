/**
 * Deterministic benchmark documents. S is the spec's example; M and L are generated from a seeded PRNG
 * and written with indent 2, which is also the exact layout of pydantic's `model_dump_json(indent=2)`,
 * so both languages read identical bytes and each side's dump can be compared with the input.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One benchmark document and the number of timed iterations per round for each side. */
export interface BenchDoc {
  readonly name: 'S' | 'M' | 'L';
  readonly path: string;
  readonly iterations: number;
}

interface Shape {
  readonly features: number;
  readonly params: number;
  readonly metrics: number;
}

export const DATA_DIR = join(__dirname, '.data');
const SEED_VECTOR = join(__dirname, '../test/fixtures/reference-vectors/valid/seed-basic.json');
const SHAPES: Record<'M' | 'L', Shape> = {
  M: { features: 1_000, params: 200, metrics: 200 },
  L: { features: 100_000, params: 5_000, metrics: 5_000 },
};
const WORDS = ['age', 'income', 'lag', 'mean', 'std', 'ratio', 'count', 'delta', 'embed', 'bucket'];
const CHOICES = ['adam', 'relu', 'gelu', 'cosine', 's3://ml-bucket/checkpoints/run-42', 'float16'];

/** mulberry32: a tiny seeded PRNG, so the documents never change between runs or machines. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A non-integral float in [0.001, 1000): JavaScript and Python print such doubles identically
 * (shortest round trip, no exponent), while an integral one would dump as `1` here and `1.0` there.
 */
function float(rand: () => number, scale: number): number {
  const x = 0.001 + rand() * scale;
  return Number.isInteger(x) ? x + 0.5 : x;
}

function param(rand: () => number, i: number): number | string {
  if (i % 3 === 0) return Math.floor(rand() * 1_000_000);
  if (i % 3 === 1) return `${CHOICES[i % CHOICES.length]}-${Math.floor(rand() * 10_000)}`;
  return float(rand, 999);
}

function generate(name: string, shape: Shape): object {
  const rand = prng(name.charCodeAt(0));
  const pad = (i: number): string => String(i).padStart(6, '0');
  const features = Array.from({ length: shape.features }, (_, i) => `f_${pad(i)}_${WORDS[i % WORDS.length]}`);
  const params: Record<string, number | string> = {};
  for (let i = 0; i < shape.params; i++) params[`param.${pad(i)}.${WORDS[i % WORDS.length]}`] = param(rand, i);
  const metrics: Record<string, number> = {};
  for (let i = 0; i < shape.metrics; i++) metrics[`metric.${pad(i)}.${WORDS[i % WORDS.length]}`] = float(rand, 1);
  return {
    id: `bench-${name}-0001`,
    start_time: '2024-09-05T10:00:00.000000',
    end_time: '2024-09-05T11:30:00.000000',
    dataset_info: { origin: `s3://bench-bucket/dataset-${name}.parquet`, size: 123_456_789 },
    feature_info: { original_features: features, selected_features: features.filter((_, i) => i % 2 === 0) },
    model_info: { type: 'GradientBoostingClassifier', architecture: 'tree_ensemble' },
    mlflow_params: params,
    mlflow_metrics: metrics,
  };
}

/** Writes S, M and L into bench/.data/ (same bytes on every run) and returns them with their iteration counts. */
export function writeBenchData(): BenchDoc[] {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = (name: string): string => join(DATA_DIR, `${name}.json`);
  const texts: Record<string, string> = { S: readFileSync(SEED_VECTOR, 'utf8') };
  for (const [name, shape] of Object.entries(SHAPES)) texts[name] = JSON.stringify(generate(name, shape), null, 2);
  for (const [name, text] of Object.entries(texts)) if (readFileSafe(path(name)) !== text) writeFileSync(path(name), text);
  // About 0.2 s per operation per round on the slower side.
  return [
    { name: 'S', path: path('S'), iterations: 50_000 },
    { name: 'M', path: path('M'), iterations: 2_000 },
    { name: 'L', path: path('L'), iterations: 15 },
  ];
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
