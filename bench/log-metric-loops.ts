/** The timed loops of bench/log-metric.ts: bare `Map.set` + `Date.now()`, the tracker, the tracker with its journal. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The tracker class of the compiled package (dist/), as users get it. */
export type TrackerClass = typeof import('../src').TrainingWorkflowTracker;

/** The 100 metric keys every loop cycles through. */
export const KEYS = Array.from({ length: 100 }, (_, i) => `metric_${i}`);

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run node with --expose-gc');
  gc();
}

/** Nanoseconds a call of the least any tracker must do: a `Map.set` and a `Date.now()`. */
export function bare(calls: number): number {
  const map = new Map<string, number>();
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    map.set(KEYS[i % 100], i * 0.5);
    sink += Date.now() & 1;
  }
  const ns = Number(process.hrtime.bigint() - t0) / calls;
  if (sink < 0) console.log(sink);
  return ns;
}

/** Nanoseconds a `logMetric` call (full history, no sinks) and the resident bytes a point after GC. */
export function tracked(Tracker: TrackerClass, calls: number): { ns: number; bytesPerPoint: number } {
  collectGarbage();
  const before = process.memoryUsage();
  const tracker = new Tracker().startTraining('bench');
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) tracker.logMetric(KEYS[i % 100], i * 0.5, i);
  const ns = Number(process.hrtime.bigint() - t0) / calls;
  collectGarbage();
  const after = process.memoryUsage();
  const resident = after.arrayBuffers - before.arrayBuffers + (after.heapUsed - before.heapUsed);
  if (tracker.metricHistory('metric_0')?.length !== calls / 100) throw new Error('history lost points');
  return { ns, bytesPerPoint: resident / calls };
}

/** The tracker with its journal on: `ns` a call; the journal file's bytes a point. */
export function journaled(Tracker: TrackerClass, calls: number, durable: boolean): { ns: number; fileBytesPerPoint: number } {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-bench-journal-'));
  try {
    collectGarbage();
    const tracker = new Tracker({ journal: { directory: dir, durable } }).startTraining('bench');
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) tracker.logMetric(KEYS[i % 100], i * 0.5, i);
    const ns = Number(process.hrtime.bigint() - t0) / calls;
    const size = statSync(tracker.journalPath as string).size;
    return { ns, fileBytesPerPoint: size / calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
