/**
 * Two builds of the SDK side by side in one process, rounds interleaved: `logMetric` (no sink; and with
 * the journal on, as with a sink) against a bare `Map.set` + `Date.now()`, and parse/dump of the M
 * document. Used to show that a refactoring costs nothing on the hot paths: each build's ratio to the
 * same round's floor, and after/before.
 *
 *   git worktree add /tmp/before <rev> && (cd /tmp/before && npm ci && npm run build)
 *   npm run build && node --expose-gc -r ts-node/register/transpile-only bench/before-after.ts \
 *     --before /tmp/before/dist [--label "10da6f8 → HEAD"] [--rounds 6] [--calls 5000000] [--write]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeBenchData } from './bench-data';
import { bare as bareLoop, KEYS } from './log-metric-loops';
import { hostLine, median, writeSection } from './report';

type Sdk = typeof import('../src');

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const beforeDir = option('--before');
if (beforeDir === undefined) throw new Error('--before <dist directory of the earlier build> is required');
const ROUNDS = Number(option('--rounds') ?? 6);
const CALLS = Number(option('--calls') ?? 5_000_000);
const bare = (): number => bareLoop(CALLS);
const PARSES = 400;
const label = option('--label') ?? 'before → after';
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run node with --expose-gc');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const builds: Array<[string, Sdk]> = [['before', require(resolve(beforeDir)) as Sdk], ['after', require(resolve(__dirname, '../dist')) as Sdk]];
const mText = readFileSync((writeBenchData().find((d) => d.name === 'M') as { path: string }).path, 'utf8');

function logMetric(sdk: Sdk, journal: boolean): number {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-before-after-'));
  try {
    gc!();
    const tracker = new sdk.TrainingWorkflowTracker({ captureEnvironment: false, journal: journal ? { directory: dir } : false }).startTraining('bench');
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) tracker.logMetric(KEYS[i % 100], i * 0.5, i);
    return Number(process.hrtime.bigint() - t0) / CALLS;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseDump(sdk: Sdk): { parse: number; dump: number } {
  const bom = sdk.TrainingBOM.parse(mText);
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < PARSES; i++) sdk.TrainingBOM.parse(mText);
  const parse = Number(process.hrtime.bigint() - t0) / PARSES;
  t0 = process.hrtime.bigint();
  for (let i = 0; i < PARSES; i++) bom.toJSONString(2);
  const dump = Number(process.hrtime.bigint() - t0) / PARSES;
  return { parse, dump };
}

const series: Record<string, number[]> = {};
const push = (name: string, value: number): void => void (series[name] ??= []).push(value);
bare();
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? builds : [...builds].reverse();
  const floor = bare();
  push('bare', floor);
  for (const [name, sdk] of order) {
    push(`${name} logMetric ratio`, logMetric(sdk, false) / floor);
    push(`${name} journaled ratio`, logMetric(sdk, true) / floor);
    const pd = parseDump(sdk);
    push(`${name} parse`, pd.parse);
    push(`${name} dump`, pd.dump);
  }
}

const m = (name: string): number => median(series[name]);
const row = (what: string, unit: (v: number) => string, key: string): string =>
  `| ${what} | ${unit(m(`before ${key}`))} | ${unit(m(`after ${key}`))} | ${(m(`after ${key}`) / m(`before ${key}`)).toFixed(2)} |`;
const ratio = (v: number): string => `${v.toFixed(2)}× bare`;
const ms = (v: number): string => `${(v / 1e6).toFixed(2)} ms`;
const body = [
  `${hostLine()} ${label}: ${ROUNDS} interleaved rounds (the builds' order alternates), ${CALLS.toLocaleString('en')} logMetric calls on ${KEYS.length} keys, ` +
    `${PARSES} parses and dumps of the M document per round; medians. Bare \`Map.set\` + \`Date.now()\`: ${m('bare').toFixed(1)} ns.`,
  '',
  '| | before | after | after / before |',
  '|---|--:|--:|--:|',
  row('`logMetric`, no sink', ratio, 'logMetric ratio'),
  row('`logMetric`, journal on (as with a sink)', ratio, 'journaled ratio'),
  row('`TrainingBOM.parse` (M)', ms, 'parse'),
  row('`toJSONString(2)` (M)', ms, 'dump'),
].join('\n');
console.log(body);
if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'before-after', body);
