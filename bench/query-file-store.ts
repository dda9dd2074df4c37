/**
 * Queries on a FileBomStore of 100,000 BOMs through its index, as whole CLI processes: the time to build the
 * index from scratch, "runs trained on dataset D" and "model type T with accuracy ≥ 0.9" (target < 200 ms each,
 * beside `node -e 0`, the floor of any Node command), and `list` at 1k/10k/100k BOMs once indexed.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/query-file-store.ts [--write] [--rounds N] [--sizes 1000,10000,100000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TrainingBOM } from '../src';
import { hostLine, median, writeSection } from './report';

const arg = (name: string, fallback: string): string => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const ROUNDS = Number(arg('--rounds', '7'));
const SIZES = arg('--sizes', '1000,10000,100000').split(',').map(Number);
const CLI = resolve(__dirname, '../dist/cli/main.js');
const TYPES = Array.from({ length: 20 }, (_, i) => `ModelType${i}`);
const digestOf = (i: number): string => `sha256:${(i % 1000).toString(16).padStart(4, '0').repeat(16)}`;

/** A deterministic PRNG (mulberry32), so every run writes the same corpus. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The wire JSON of BOM `i`: 20-50 features, a digest shared by ~`count/1000` runs, 20 model types, accuracy 0.5-1. */
function bomText(i: number, r: () => number): string {
  const features = Array.from({ length: 20 + Math.floor(r() * 31) }, (_, k) => `feature_${(k * 7 + i) % 400}`);
  const start = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
  return `${JSON.stringify({
    id: `run-${String(i).padStart(6, '0')}`, start_time: start, end_time: start,
    dataset_info: { origin: `s3://datasets/set-${i % 1000}.parquet`, size: 10_000 + (i % 977) },
    feature_info: { original_features: features, selected_features: features.slice(0, 10) },
    model_info: { type: TYPES[i % TYPES.length], architecture: `arch-${i % 5}` },
    mlflow_params: { lr: [0.1, 0.01, 0.001][i % 3], seed: i % 10, max_depth: 4 + (i % 8) },
    mlflow_metrics: { accuracy: Math.round((0.5 + r() * 0.5) * 1e4) / 1e4, loss: Math.round(r() * 1e4) / 1e4 },
    additional_values: { dataset: { digest: digestOf(i) } },
  }, null, 2)}\n`;
}

function makeStore(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-query-${count}-`));
  const r = random(count);
  TrainingBOM.parse(bomText(0, random(1)));   // the generated text is a valid BOM
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `run-${String(i).padStart(6, '0')}.json`), bomText(i, r));
  return dir;
}

function ms(args: string[]): { ms: number; stdout: string } {
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const elapsed = Number(process.hrtime.bigint() - began) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms: elapsed, stdout: r.stdout };
}

function timed(args: string[]): { ms: number; rows: number } {
  ms(args);
  const runs = Array.from({ length: ROUNDS }, () => ms(args));
  return { ms: median(runs.map((x) => x.ms)), rows: (JSON.parse(runs[0].stdout) as unknown[]).length };
}

const fmt = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);
const floor = median(Array.from({ length: ROUNDS }, () => ms(['-e', '0']).ms));
const emptyStore = mkdtempSync(join(tmpdir(), 'bench-query-empty-'));
const cliFloor = timed([CLI, 'list', '--store', join(emptyStore, 'none'), '--json']).ms;
const lines: string[] = [];
const listRows: string[] = [];
let queryRows: string[] = [];
for (const count of SIZES) {
  const began = Date.now();
  const dir = makeStore(count);
  const generated = Date.now() - began;
  const build = ms([CLI, 'list', '--store', dir, '--limit', '1', '--json']).ms;
  const indexMb = readdirSync(join(dir, '.index')).filter((n) => n.endsWith('.sqlite')).reduce((sum, n) => sum + statSync(join(dir, '.index', n)).size, 0) / 2 ** 20;
  const page = timed([CLI, 'list', '--store', dir, '--limit', '100', '--json']);
  const all = timed([CLI, 'list', '--store', dir, '--json']);
  listRows.push(`| ${count.toLocaleString('en-US')} | ${fmt(generated)} | ${fmt(build)} | ${Math.round(indexMb)} MB | ${fmt(page.ms)} | ${fmt(all.ms)} (${all.rows.toLocaleString('en-US')} rows) |`);
  if (count === Math.max(...SIZES)) {
    const dataset = timed([CLI, 'list', '--store', dir, '--dataset', digestOf(42), '--limit', '10000', '--json']);
    const typeAcc = timed([CLI, 'list', '--store', dir, '--model-type', TYPES[3], '--metric', 'accuracy>=0.9', '--limit', '10000', '--json']);
    const byOrigin = timed([CLI, 'list', '--store', dir, '--dataset', 's3://datasets/set-42.parquet', '--feature', 'feature_42', '--limit', '10000', '--json']);
    queryRows = [
      `| \`list --dataset <digest> --limit 10000 --json\` (runs trained on dataset D) | ${dataset.rows} | ${fmt(dataset.ms)} | ${(dataset.ms / floor).toFixed(1)}× |`,
      `| \`list --model-type T --metric 'accuracy>=0.9' --limit 10000 --json\` | ${typeAcc.rows} | ${fmt(typeAcc.ms)} | ${(typeAcc.ms / floor).toFixed(1)}× |`,
      `| \`list --dataset <origin> --feature feature_42 --limit 10000 --json\` | ${byOrigin.rows} | ${fmt(byOrigin.ms)} | ${(byOrigin.ms / floor).toFixed(1)}× |`,
      `| \`list --json\` on a store that does not exist (the CLI's own start, no index) | 0 | ${fmt(cliFloor)} | ${(cliFloor / floor).toFixed(1)}× |`,
      `| \`node -e 0\` (the floor) | | ${fmt(floor)} | 1.0× |`,
    ];
  }
  if (process.argv.includes('--keep')) console.error(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  console.error(`${count}: done`);
}
lines.push(`${hostLine()} Medians of ${ROUNDS} whole processes after one warm-up; file cache warm.`, '',
  `Queries on ${Math.max(...SIZES).toLocaleString('en-US')} BOMs, index built:`, '',
  '| command | rows | time | × `node -e 0` |', '|---|--:|--:|--:|', ...queryRows, '',
  '`list` as the store grows:', '',
  '| BOMs | writing the files (bench) | first `list` (builds the index) | index file | `list --limit 100` | `list --json` (every BOM) |',
  '|--:|--:|--:|--:|--:|--:|', ...listRows);
rmSync(emptyStore, { recursive: true, force: true });
const body = lines.join('\n');
console.log(body);
if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'query-file-store', body);
