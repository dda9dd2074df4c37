// Distributed training into one MLflow run and one BOM (docs/distributed.md): a launcher starts N worker
// processes (they share no memory); each trains a softmax-regression model on its shard of iris with SGD and
// logs its loss and accuracy; rank 0 owns the run: it registers the dataset, features and model, waits for
// every rank to report done, and finalizes the BOM into the local store. MLflow is where the ranks meet.
//
//   MLFLOW_TRACKING_URI=http://127.0.0.1:5000 node -r ts-node/register/transpile-only examples/distributed/train.ts [--ranks 4] [--epochs 200]
//
// Kill a worker while it trains (kill -9 <pid>), then `npx training-bom recover <its journal>`: the BOM says
// the rank was recovered (if the owner was still waiting) or lost.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { FileBomStore, MlflowRunSink, TrainingWorkflowTracker } from 'training-bom';
import { loadIris, withDataDigest, type IrisData } from '../demo/iris-data';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};

/** Deterministic shuffle (mulberry32), so every rank agrees on the shards without talking. */
function shuffled(n: number, seed: number): number[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** One epoch of SGD on softmax regression over `rows`; returns the mean cross-entropy and accuracy. */
function epoch(data: IrisData, rows: readonly number[], w: number[][], lr: number): { loss: number; accuracy: number } {
  const k = data.classes.length;
  let loss = 0;
  let correct = 0;
  for (const r of rows) {
    const x = [...data.rows[r], 1];
    const z = w.map((wc) => wc.reduce((s, wi, i) => s + wi * x[i], 0));
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((s, v) => s + v, 0);
    const p = e.map((v) => v / sum);
    const y = data.labels[r];
    loss -= Math.log(Math.max(p[y], 1e-12));
    if (p.indexOf(Math.max(...p)) === y) correct++;
    for (let c = 0; c < k; c++) {
      const g = p[c] - (c === y ? 1 : 0);
      for (let i = 0; i < x.length; i++) w[c][i] -= lr * g * x[i];
    }
  }
  return { loss: loss / rows.length, accuracy: correct / rows.length };
}

async function rank(rankNo: number, worldSize: number, trainingId: string, epochs: number): Promise<void> {
  const data = await withDataDigest(loadIris());
  const sink = new MlflowRunSink({ experimentName: process.env.MLFLOW_EXPERIMENT_NAME || 'training-bom-distributed', distributed: { rank: rankNo, worldSize } });
  const tracker = new TrainingWorkflowTracker({ sinks: [sink] });
  tracker.startTraining(trainingId);
  const order = shuffled(data.rows.length, 42);
  const shard = order.filter((_, i) => i % worldSize === rankNo);
  const lr = 0.01;
  tracker.logParameters({ shard_rows: shard.length, learning_rate: lr, epochs });
  if (rankNo === 0) {
    if (data.inspection !== undefined) tracker.registerDataset(data.inspection, data.rows.length);
    else tracker.registerDataset(data.origin, data.rows.length);
    tracker.registerFeatures(data.features, data.features).registerModel('SoftmaxRegression', `linear softmax, data-parallel over ${worldSize} ranks, per-shard SGD`);
    tracker.registerSeed('shuffle', 42);
  }
  const w = data.classes.map(() => new Array<number>(data.features.length + 1).fill(0));
  for (let e = 0; e < epochs; e++) {
    const { loss, accuracy } = epoch(data, shard, w, lr);
    tracker.logMetrics({ loss, accuracy }, e);
    if (e % 20 === 19) await new Promise((r) => setImmediate(r));
  }
  if (rankNo === 0) {
    await tracker.flush();
    const report = await sink.awaitRanks({ timeoutMs: 120_000 });
    const bom = tracker.recordRanks(report).finalizeTraining();
    const path = await new FileBomStore().put(bom, { history: tracker.metricHistories() });
    const lost = report.ranks.filter((r) => r.status !== 'done').map((r) => `rank ${r.rank} ${r.status}`);
    console.log(`BOM ${bom.id} written to ${path}: ${worldSize} ranks, MLflow run ${sink.runId ?? '?'}${lost.length > 0 ? ` (${lost.join(', ')})` : ''}`);
  }
  const closed = await tracker.close();
  if (!closed.complete) console.error(`rank ${rankNo}: not everything reached MLflow; journal kept at ${closed.journalPath ?? '(none)'}`);
}

async function launch(): Promise<number> {
  if (!process.env.MLFLOW_TRACKING_URI) {
    console.error('Set MLFLOW_TRACKING_URI: the ranks meet in an MLflow tracking server (docs/distributed.md).');
    return 2;
  }
  const worldSize = arg('--ranks', 4);
  const epochs = arg('--epochs', 200);
  const trainingId = `iris-distributed-${randomUUID().slice(0, 8)}`;
  console.log(`Launching ${worldSize} ranks of ${trainingId}`);
  const codes = await Promise.all(Array.from({ length: worldSize }, (_, k) => new Promise<number>((done) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename], {
      stdio: 'inherit', env: { ...process.env, TRAINING_BOM_RANK: String(k), TRAINING_BOM_WORLD_SIZE: String(worldSize), TRAINING_BOM_ID: trainingId, TRAINING_BOM_EPOCHS: String(epochs) },
    });
    child.once('exit', (code) => done(code ?? 1));
  })));
  return codes.every((c) => c === 0) ? 0 : 1;
}

const env = process.env;
const work = env.TRAINING_BOM_RANK === undefined
  ? launch()
  : rank(Number(env.TRAINING_BOM_RANK), Number(env.TRAINING_BOM_WORLD_SIZE), env.TRAINING_BOM_ID as string, Number(env.TRAINING_BOM_EPOCHS)).then(() => 0);
work.then((code) => (process.exitCode = code), (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
