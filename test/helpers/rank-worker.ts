/**
 * One rank of a distributed run, as a process of its own (spawned by test/integration/mlflow/distributed*.test.ts):
 * logs POINTS deterministic points (NaN and ±Infinity among them) on KEYS metric keys into the shared MLflow
 * run through an MlflowRunSink with `distributed: { rank, worldSize }` and a durable journal. The owner
 * (rank 0) registers the sections, waits for the other ranks, records them and writes its BOM to OUT.
 * KILL_AT=n: SIGKILLs itself right after its n-th point (a crash; its journal has every point so far).
 *
 * Environment: MLFLOW_TRACKING_URI, MLFLOW_EXPERIMENT_NAME, RANK, WORLD_SIZE, TRAINING_ID, POINTS, KEYS,
 * JOURNAL_DIR, OUT (owner), AWAIT_TIMEOUT_MS (owner), KILL_AT (optional).
 */
import { writeFileSync } from 'node:fs';
import { MlflowRunSink, TrainingWorkflowTracker } from '../../src';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`rank-worker: ${name} is required`);
  return value;
};

/** The i-th point of `rank`: key, step, value (shared with the tests, which check MLflow against it). */
export function rankPoint(rank: number, i: number, keys: number): { key: string; step: number; value: number } {
  const key = `m${i % keys}`;
  const step = Math.floor(i / keys);
  let value = (rank + 1) / (1 + step) + (i % 7) * 1e-3;
  if (i % 997 === 5) value = NaN;
  else if (i % 1999 === 7) value = Infinity;
  else if (i % 2999 === 11) value = -Infinity;
  return { key, step, value };
}

async function main(): Promise<void> {
  const rank = Number(env('RANK'));
  const worldSize = Number(env('WORLD_SIZE'));
  const points = Number(env('POINTS'));
  const keys = Number(env('KEYS'));
  const killAt = process.env.KILL_AT === undefined ? undefined : Number(process.env.KILL_AT);
  const sink = new MlflowRunSink({ distributed: { rank, worldSize, joinTimeoutMs: 120_000 }, maxQueueSize: 20_000 });
  const tracker = new TrainingWorkflowTracker({
    sinks: [sink], journal: { directory: env('JOURNAL_DIR'), durable: killAt !== undefined }, captureEnvironment: false, anomalies: false,
    logger: { info: () => undefined, warn: (m) => process.stderr.write(`rank ${rank}: ${m}\n`) },
  });
  tracker.startTraining(env('TRAINING_ID'));
  tracker.logParameters({ shard: rank, learning_rate: 0.01 });
  if (rank === 0) {
    tracker.registerDataset('synthetic://distributed-test', points * worldSize).registerFeatures(['x1', 'x2'], ['x1', 'x2']).registerModel('LinearModel', 'data-parallel');
  }
  for (let i = 0; i < points; i++) {
    const p = rankPoint(rank, i, keys);
    tracker.logMetric(p.key, p.value, p.step);
    if (killAt !== undefined && i + 1 === killAt) {
      process.stdout.write(`${JSON.stringify({ journal: tracker.journalPath, killedAt: killAt })}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    // Let the sink's exports run now and then, as a training loop's awaits would.
    if (i % 5000 === 4999) await new Promise((r) => setImmediate(r));
  }
  if (rank === 0) {
    await tracker.flush();
    const report = await sink.awaitRanks({ timeoutMs: Number(process.env.AWAIT_TIMEOUT_MS ?? 300_000) });
    const bom = tracker.recordRanks(report).finalizeTraining();
    writeFileSync(env('OUT'), bom.toJSONString(2));
  }
  const closed = await tracker.close();
  process.stdout.write(`${JSON.stringify({ rank, runId: sink.runId, complete: closed.complete, journalPath: closed.journalPath ?? null, stats: sink.stats() })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`rank-worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
