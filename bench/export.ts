/**
 * Standards export of a large BOM: 10,000 features (half selected), 1,000 params and 1,000 metrics, to
 * CycloneDX 1.6/1.7 and SPDX 3.0.1 (document and its JSON text), the CycloneDX import back, and the CLI end
 * to end in a fresh process. The acceptance target is under a second per export.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/export.ts [--write] [--rounds N]
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hostLine, median, writeSection } from './report';

// The compiled package, as users get it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require(resolve(__dirname, '../dist')) as typeof import('../src');

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const ROUNDS = arg('--rounds', 15);
const FEATURES = 10_000;
const PARAMS = 1_000;
const TARGET_MS = 1000;

function bigBom(): InstanceType<typeof api.TrainingBOM> {
  const original = Array.from({ length: FEATURES }, (_, i) => `feature_${i}`);
  const dict = (prefix: string, value: (i: number) => number | string): Record<string, number | string> =>
    Object.fromEntries(Array.from({ length: PARAMS }, (_, i) => [`${prefix}_${i}`, value(i)]));
  return new api.TrainingBOM({
    id: 'bench-export',
    startTime: '2024-09-05T10:00:00.000000',
    endTime: '2024-09-05T11:30:00.000000',
    datasetInfo: { origin: 's3://bench/wide.parquet', size: 1_000_000 },
    featureInfo: { originalFeatures: original, selectedFeatures: original.filter((_, i) => i % 2 === 0) },
    modelInfo: { type: 'GradientBoostingClassifier', architecture: 'tree_ensemble' },
    mlflowParams: dict('param', (i) => (i % 3 === 0 ? `value-${i}` : i * 0.5)),
    mlflowMetrics: dict('metric', (i) => i / PARAMS),
  });
}

function ms(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const bom = bigBom();
const cdxText = JSON.stringify(api.toCycloneDx(bom));
const ops: Array<readonly [string, () => unknown]> = [
  ['`toCycloneDx` 1.6 + `JSON.stringify`', () => JSON.stringify(api.toCycloneDx(bom, { specVersion: '1.6' }))],
  ['`toCycloneDx` 1.7 + `JSON.stringify`', () => JSON.stringify(api.toCycloneDx(bom, { specVersion: '1.7' }))],
  ['`toSpdx3` + `JSON.stringify`', () => JSON.stringify(api.toSpdx3(bom))],
  ['`createTrainingBomFromCycloneDx` (from JSON text)', () => api.createTrainingBomFromCycloneDx(cdxText)],
];
const times = new Map<string, number[]>(ops.map(([name]) => [name, []]));
for (const [, fn] of ops) fn(); // warm-up
for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of ops) times.get(name)?.push(ms(fn));

const dir = mkdtempSync(join(tmpdir(), 'training-bom-bench-export-'));
const file = join(dir, 'big.json');
writeFileSync(file, bom.toJSONString(2));
const cli = (format: string): number[] =>
  Array.from({ length: 5 }, () =>
    ms(() => {
      const r = spawnSync(process.execPath, [resolve(__dirname, '../dist/cli/main.js'), 'export', '--format', format, file], { maxBuffer: 1 << 28 });
      if (r.status !== 0) throw new Error(String(r.stderr));
    }),
  );
const cliTimes: Array<readonly [string, number[]]> = [
  ['CLI `export --format cyclonedx` (fresh process: start, parse, export, print)', cli('cyclonedx')],
  ['CLI `export --format spdx3` (fresh process)', cli('spdx3')],
];
rmSync(dir, { recursive: true, force: true });

const row = (name: string, values: number[]): string => {
  const m = median(values);
  return `| ${name} | ${m.toFixed(1)} ms | ${Math.max(...values).toFixed(1)} ms | < ${TARGET_MS} ms | ${Math.max(...values) < TARGET_MS ? 'yes' : '**no**'} |`;
};
const body = [
  `${hostLine()} ` +
    `BOM: ${FEATURES.toLocaleString('en')} features (half selected), ${PARAMS.toLocaleString('en')} params, ${PARAMS.toLocaleString('en')} metrics ` +
    `(${(Buffer.byteLength(bom.toJSONString(2)) / 1024).toFixed(0)} KB of wire JSON; CycloneDX ${(Buffer.byteLength(cdxText) / 1024).toFixed(0)} KB). ` +
    `In-process: ${ROUNDS} rounds after a warm-up; CLI: 5 runs.`,
  '',
  '| operation | median | worst | target | met |',
  '|---|--:|--:|--:|:-:|',
  ...ops.map(([name]) => row(name, times.get(name) ?? [])),
  ...cliTimes.map(([name, values]) => row(name, values)),
].join('\n');
console.log(body);
if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'export', body);
