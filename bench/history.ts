/**
 * Stored metric history: bytes per point on disk and the time to write and read 1,000,000 points, for curves
 * of several shapes, against the JSON of the same points (the `{ steps, timestamps, values }` columns that
 * `from-mlflow --metric-history` embeds), plain and gzipped. Runs on the compiled package.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/history.ts [--write] [--rounds N] [--points N]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { hostLine, median, writeSection } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tb = require(resolve(__dirname, '../dist')) as typeof import('../src');
type MetricHistory = import('../src').MetricHistory;

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const ROUNDS = arg('--rounds', 5);
const N = arg('--points', 1_000_000);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** N points at steps 0..N-1, timestamps 1 to 3 ms apart, values from `value(i, random)`. */
function curve(key: string, value: (i: number, random: () => number) => number): MetricHistory {
  const random = mulberry32(42);
  const values = new Float64Array(N);
  const steps = new Float64Array(N);
  const timestamps = new Float64Array(N);
  let t = 1_733_300_000_000;
  for (let i = 0; i < N; i++) {
    steps[i] = i;
    t += 1 + Math.floor(random() * 3);
    timestamps[i] = t;
    values[i] = value(i, random);
  }
  return { key, length: N, values, steps, timestamps, nonFiniteCount: 0, latest: values[N - 1] };
}

const noisyLoss = (i: number, r: () => number): number => 2 * Math.exp(-i / (N / 5)) + 0.05 * r();
const SHAPES: Array<[string, MetricHistory]> = [
  ['noisy loss, float64 (the typical curve)', curve('loss', noisyLoss)],
  ['noisy loss, float32 values (as PyTorch/TF log them)', curve('loss', (i, r) => Math.fround(noisyLoss(i, r)))],
  ['smooth decay, no noise', curve('lr', (i) => 0.1 * Math.exp(-i / (N / 3)))],
  ['constant', curve('c', () => 0.5)],
  ['integer counter (epoch)', curve('epoch', (i) => Math.floor(i / 1000))],
  ['random uniform float64 (worst case)', curve('noise', (_, r) => r() + r() / 4_294_967_296)],
];

function timed(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
async function timedAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const jsonOf = (h: MetricHistory): string => JSON.stringify({ [h.key]: { steps: Array.from(h.steps), timestamps: Array.from(h.timestamps), values: Array.from(h.values) } });
const ms = (x: number): string => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const bpp = (bytes: number): string => (bytes / N).toFixed(2);

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' / ');

async function main(): Promise<void> {
  const loadBefore = load();
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-history-bench-'));
  const store = new tb.FileBomStore(dir);
  const bom = new tb.TrainingBOM({
    id: 'bench', startTime: '2024-09-05T10:00:00.000Z', endTime: '2024-09-05T11:00:00.000Z',
    datasetInfo: { origin: 'iris', size: 150 }, featureInfo: { originalFeatures: ['a'], selectedFeatures: ['a'] },
    modelInfo: { type: 'MLP', architecture: 'mlp' }, mlflowParams: {}, mlflowMetrics: {},
  });
  const rows: string[] = [];
  try {
    for (const [name, h] of SHAPES) {
      const t = { enc: [] as number[], dec: [] as number[], put: [] as number[], get: [] as number[], js: [] as number[], jp: [] as number[], gz: [] as number[], gunz: [] as number[] };
      let file = 0;
      let json = 0;
      let gz = 0;
      for (let r = 0; r < ROUNDS; r++) {
        let bytes: Uint8Array = new Uint8Array();
        t.enc.push(timed(() => (bytes = tb.encodeMetricHistories([h], { bomId: 'bench' }))));
        t.dec.push(timed(() => tb.decodeMetricHistories(bytes)));
        t.put.push(await timedAsync(() => store.put(bom, { history: [h] })));
        t.get.push(await timedAsync(async () => {
          const back = await store.history('bench');
          if (back?.[0].length !== N) throw new Error('history lost points');
        }));
        file = statSync(store.historyPathOf('bench')).size;
        let text = '';
        t.js.push(timed(() => (text = jsonOf(h))));
        t.jp.push(timed(() => JSON.parse(text)));
        json = Buffer.byteLength(text);
        let zipped = Buffer.alloc(0);
        t.gz.push(timed(() => (zipped = gzipSync(text))));
        t.gunz.push(timed(() => JSON.parse(gunzipSync(zipped).toString('utf8'))));
        gz = zipped.length;
      }
      const m = (a: number[]): number => median(a);
      rows.push(`| ${name} | **${bpp(file)}** | ${bpp(json)} | ${bpp(gz)} | ${(json / file).toFixed(1)}× | ${ms(m(t.put))} (${ms(m(t.enc))}) | ${ms(m(t.get))} (${ms(m(t.dec))}) | ${ms(m(t.js))} / ${ms(m(t.js) + m(t.gz))} | ${ms(m(t.jp))} / ${ms(m(t.gunz))} |`);
      process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const body = [
    `${hostLine()} ${N.toLocaleString('en')} points a curve (steps 0…${(N - 1).toLocaleString('en')}, millisecond timestamps 1-3 ms apart), one metric a file; ${ROUNDS} rounds, medians. Load average (1 / 5 / 15 min) ${loadBefore} at the start, ${load()} at the end.`,
    '',
    '| curve | history file, bytes/point | JSON, bytes/point | JSON + gzip, bytes/point | JSON / file | write: `put` (encode alone) | read: `history()` (decode alone) | JSON: stringify / + gzip | JSON: parse / gunzip + parse |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
  ].join('\n');
  process.stdout.write(`\n${body}\n`);
  if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'history', body);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
