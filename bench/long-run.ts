/**
 * A run of any length in bounded memory: 50,000,000 points (100 keys) into one tracker, each case in a
 * fresh child process so that its resident memory is its own: the default budget (64 MiB in memory, older
 * points spilled to a local file), and the same run with the budget off (`maxMemoryBytes: Infinity`,
 * everything in memory as before). Reports the growth of resident memory (peak RSS above the process's
 * RSS before the first point), the `logMetric` time per call against a bare `Map.set` + `Date.now()` in the
 * same process, and that every point came back.
 *
 *   npm run build && node --expose-gc -r ts-node/register/transpile-only bench/long-run.ts [--write] [--points N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bare, KEYS } from './log-metric-loops';
import { hostLine, writeSection } from './report';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const POINTS = arg('--points', 50_000_000);
const MiB = 1024 * 1024;

interface ChildResult {
  readonly ns: number;
  readonly bareNs: number;
  readonly rssGrowth: number;
  readonly spilledBytes: number;
  readonly checked: boolean;
}

function child(budget: number, points: number): ChildResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TrainingWorkflowTracker } = require(resolve(__dirname, '../dist')) as typeof import('../src');
  const spillDirectory = mkdtempSync(join(tmpdir(), 'training-bom-bench-spill-'));
  try {
    const bareNs = bare(Math.min(points, 10_000_000));
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().rss;
    const tracker = new TrainingWorkflowTracker({ metricHistory: { maxMemoryBytes: budget, spillDirectory }, captureEnvironment: false });
    tracker.startTraining('long-run');
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < points; i++) tracker.logMetric(KEYS[i % 100], i * 0.5, i);
    const ns = Number(process.hrtime.bigint() - t0) / points;
    const peak = process.resourceUsage().maxRSS * 1024;
    const history = tracker.metricHistory('metric_7');
    const n = points / 100;
    const checked = history?.length === n && history.values[n - 1] === (7 + (n - 1) * 100) * 0.5 && history.steps[0] === 7;
    const state = (tracker as unknown as { run: { historyBudget: { spilledBytes: number } } }).run.historyBudget;
    return { ns, bareNs, rssGrowth: peak - before, spilledBytes: state.spilledBytes, checked };
  } finally {
    rmSync(spillDirectory, { recursive: true, force: true });
  }
}

function runChild(budget: number): ChildResult {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', String(budget), '--points', String(POINTS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() as string) as ChildResult;
}

if (process.argv.includes('--child')) {
  const budget = Number(process.argv[process.argv.indexOf('--child') + 1]);
  console.log(JSON.stringify(child(budget, POINTS)));
} else {
  const bounded = runChild(64 * MiB);
  const unbounded = runChild(Infinity);
  const mib = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;
  const row = (name: string, r: ChildResult, target: string, met: boolean): string =>
    `| ${name} | ${mib(r.rssGrowth)} | ${mib(r.spilledBytes)} | ${r.ns.toFixed(1)} ns | ${r.bareNs.toFixed(1)} ns | **${(r.ns / r.bareNs).toFixed(2)}×** | ${r.checked ? 'yes' : 'NO'} | ${target} | ${met ? 'yes' : 'no'} |`;
  const boundedMet = bounded.rssGrowth <= 64 * MiB + 128 * MiB && bounded.ns / bounded.bareNs <= 3 && bounded.checked;
  const body = [
    `${hostLine()} ${POINTS.toLocaleString('en-US')} points on 100 keys into one tracker (anomaly monitoring on, no sinks), each case in a fresh process.`,
    '',
    '| budget (`metricHistory.maxMemoryBytes`) | peak RSS growth | spilled to file | `logMetric` per call | bare `Map.set` + `Date.now()` | ratio | history read back | target | met |',
    '|---|--:|--:|--:|--:|--:|:-:|---|:-:|',
    row('64 MiB (the default)', bounded, 'growth ≤ 64 + 128 MiB, ≤ 3×', boundedMet),
    row('`Infinity` (everything in memory, as before)', unbounded, '', true),
  ].join('\n');
  console.log(body);
  if (process.argv.includes('--write')) writeSection(join(__dirname, '..', 'docs', 'benchmarks.md'), 'long-run', body);
}
