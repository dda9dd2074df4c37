/**
 * BOM queries on PostgreSQL-backed MLflow with 4 workers (the test bed of `npm run test:postgresql`):
 * `--runs` BOM runs (default 10,000) put through MlflowBomStore concurrently, then two questions, "the runs
 * trained on dataset D" (about 100 matches) and "model type T with accuracy ≥ 0.9" (about 200), answered
 * (a) by training-bom as a whole CLI process (`training-bom list --mlflow`: one search on the query index)
 * and (b) by MLflow's Python client as a whole process: `search_runs` with the same filter, then each
 * matching run's training_bom.json downloaded and read. Both sides must count the same BOMs.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/query-mlflow.ts [--write] [--runs N] [--rounds R] [--populate-cap SECONDS]
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { privateMlflowServer } from '../test/helpers/mlflow-server';
import { stopPostgresServer } from '../test/helpers/postgres-server';
import { hostLine, median, writeSection } from './report';
import type * as Sdk from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require(resolve(__dirname, '../dist')) as typeof Sdk;
const ROOT = resolve(__dirname, '..');
const PYTHON = join(ROOT, '.venv/bin/python');
const CLI = join(ROOT, 'dist/cli/main.js');
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const RUNS = arg('--runs', 10_000);
const ROUNDS = arg('--rounds', 5);
const POPULATE_CAP_MS = arg('--populate-cap', 1800) * 1000;
const CONCURRENCY = 24;
const DATASETS = Math.max(1, Math.round(RUNS / 100));
const TYPES = ['RandomForestClassifier', 'XGBClassifier', 'LogisticRegression', 'MLP', 'SVC'];
const EXPERIMENT = 'bench-query';

const digestOf = (d: number): string => `sha256:${d.toString(16).padStart(8, '0').repeat(8)}`;

function bomOf(i: number): Sdk.TrainingBOM {
  const start = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  // A deterministic spread: dataset i mod DATASETS, type by i, accuracy in [0.5, 1).
  const accuracy = 0.5 + (((i * 7919) % 1000) / 1000) * 0.5;
  return new sdk.TrainingBOM({
    id: `bench-${i}`, startTime: start, endTime: start,
    datasetInfo: { origin: `s3://bench/dataset-${i % DATASETS}.parquet`, size: 1000 + i },
    featureInfo: { originalFeatures: ['age', 'income', 'zip_code', `f${i % 50}`], selectedFeatures: ['age', 'income'] },
    modelInfo: { type: TYPES[Math.floor(i / DATASETS) % TYPES.length], architecture: 'trees' },
    mlflowParams: { learning_rate: 0.01 * (1 + (i % 10)), max_depth: 3 + (i % 8), n_estimators: 100 },
    mlflowMetrics: { accuracy, loss: 1 - accuracy, f1: accuracy - 0.02 },
    additionalValues: { dataset: { digest: digestOf(i % DATASETS), rows: 1000 + i } },
  });
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; out: string }> {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('close', (code) => (code === 0 ? ok({ seconds: (performance.now() - t0) / 1000, out }) : fail(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Puts BOMs 0 … RUNS-1 with CONCURRENCY puts in flight; stops at the cap; resolves with how many were stored. */
async function populate(url: string): Promise<{ stored: number; seconds: number }> {
  const store = new sdk.MlflowBomStore({ clientOptions: { trackingUri: url, env: {} }, experimentName: EXPERIMENT });
  const t0 = performance.now();
  let next = 0;
  let stored = 0;
  const put = async (bom: Sdk.TrainingBOM): Promise<void> => {
    // A put that times out while the server is loaded is tried again (put replaces by id, so twice is once).
    for (let attempt = 1; ; attempt++) {
      try {
        return void (await store.put(bom));
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  };
  await put(bomOf(next++));   // the experiment exists before the concurrent puts start
  stored++;
  const worker = async (): Promise<void> => {
    while (next < RUNS && performance.now() - t0 < POPULATE_CAP_MS) {
      await put(bomOf(next++));
      stored++;
      if (stored % 1000 === 0) console.error(`  ${stored} runs stored in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await store.close();
  return { stored, seconds: (performance.now() - t0) / 1000 };
}

interface Question {
  readonly name: string;
  readonly cli: readonly string[];
  readonly pythonFilter: string;
}

async function main(): Promise<void> {
  const server = await privateMlflowServer('postgresql');
  try {
    const { stored, seconds } = await populate(server.url);
    const env = { ...process.env, MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_NAME: EXPERIMENT };
    const d = 7 % DATASETS;
    const type = TYPES[1];
    const questions: Question[] = [
      { name: `runs trained on dataset D (digest)`, cli: ['--dataset', digestOf(d)], pythonFilter: `attributes.status = 'FINISHED' and tags.\`training_bom.q.dataset_digest\` = '${digestOf(d)}'` },
      {
        name: `model type T with accuracy ≥ 0.9`, cli: ['--model-type', type, '--metric', 'accuracy>=0.9'],
        pythonFilter: `attributes.status = 'FINISHED' and tags.\`training_bom.model_type\` = '${type}' and metrics.\`training_bom.q.metric.accuracy\` >= 0.9`,
      },
    ];
    const rows: string[] = [];
    for (const q of questions) {
      const ours: number[] = [];
      const theirs: number[] = [];
      let matches = -1;
      for (let r = 0; r < ROUNDS; r++) {
        const a = await run(process.execPath, [CLI, 'list', '--mlflow', EXPERIMENT, ...q.cli, '--json'], env);
        const b = await run(PYTHON, ['bench/query_mlflow_python.py', EXPERIMENT, q.pythonFilter], env);
        const found = (JSON.parse(a.out) as unknown[]).length;
        const read = Number(b.out.trim());
        if (found !== read) throw new Error(`${q.name}: training-bom found ${found}, the Python side read ${read}`);
        matches = found;
        ours.push(a.seconds);
        theirs.push(b.seconds);
      }
      const [o, p] = [median(ours), median(theirs)];
      rows.push(`| ${q.name} | ${matches} | ${o.toFixed(2)} s | ${p.toFixed(2)} s | **${(p / o).toFixed(1)}×** |`);
    }
    const body = [
      `${hostLine()} MLflow 3.17.2 on PostgreSQL (Debian's 15, Unix socket, fsync off) with ${server.workers} uvicorn workers; ${stored.toLocaleString('en-US')} BOM runs in one experiment${stored < RUNS ? ` (population stopped at the cap, of ${RUNS.toLocaleString('en-US')} asked)` : ''}, put by MlflowBomStore with ${CONCURRENCY} puts in flight in ${seconds.toFixed(0)} s (${(stored / seconds).toFixed(0)} runs/s); whole processes, start-up included; median of ${ROUNDS} rounds, the sides alternating.`,
      '',
      '| question | BOMs | training-bom `list --mlflow` | MLflow Python: `search_runs` + each artifact | ratio |',
      '|---|--:|--:|--:|--:|',
      ...rows,
    ].join('\n');
    console.log(body);
    if (process.argv.includes('--write')) writeSection(join(ROOT, 'docs', 'benchmarks.md'), 'query-mlflow', body);
  } finally {
    await server.stop();
    await stopPostgresServer();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
