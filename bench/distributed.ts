/**
 * Distributed training at team scale: 8 ranks × 50,000 points into one run on PostgreSQL-backed MLflow
 * with 4 workers (the test bed of `npm run test:postgresql`), time until every point is durable, against
 * (a) the same 400,000 points from one process, and (b) 8 processes of MLflow's Python client with its
 * async logging (`log_metric(..., synchronous=False)` then `flush_async_logging`). Each side is whole
 * processes, start-up included (Node with ts-node, Python importing mlflow), on the same server, in one run
 * of this script; every side's points are counted in the database afterwards.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/distributed.ts [--write] [--points N] [--cap SECONDS]
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { privateMlflowServer, type MlflowServerProcess } from '../test/helpers/mlflow-server';
import { postgresServer, stopPostgresServer } from '../test/helpers/postgres-server';
import { hostLine, writeSection } from './report';
import type * as Sdk from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require(resolve(__dirname, '../dist')) as typeof Sdk;
const ROOT = resolve(__dirname, '..');
const PYTHON = join(ROOT, '.venv/bin/python');
const RANKS = 8;
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const POINTS = arg('--points', 50_000);
const KEYS = 10;

/** How long a side may take before it is stopped and reported as not finished (`--cap <seconds>`, default 600). */
const CAP_MS = arg('--cap', 600) * 1000;

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: CAP_MS });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('close', (code) => (code === 0 ? ok(out) : fail(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

async function counted(server: MlflowServerProcess, runId: string): Promise<number> {
  const database = /^postgresql\+psycopg2:\/\/[^/]*\/([^?]+)/.exec(server.backendStoreUri)?.[1] ?? '';
  return Number((await postgresServer()).query(database, `SELECT count(*) FROM metrics WHERE run_uuid = '${runId.replace(/[^0-9a-f]/g, '')}'`).trim());
}

/** Our ranks, `ranks` processes of `points` each (rank-worker.ts); seconds and the run id. */
async function ours(server: MlflowServerProcess, ranks: number, points: number, keys: number): Promise<{ seconds: number; runId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'training-bom-bench-distributed-'));
  try {
    const env = { ...process.env, MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_NAME: 'bench-distributed', WORLD_SIZE: String(ranks), TRAINING_ID: `bench-${randomUUID()}`, POINTS: String(points), KEYS: String(keys), OUT: join(dir, 'bom.json') };
    const t0 = performance.now();
    const outs = await Promise.all(Array.from({ length: ranks }, (_, rank) =>
      run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/helpers/rank-worker.ts'], { ...env, RANK: String(rank), JOURNAL_DIR: join(dir, `j${rank}`) })));
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, runId: (JSON.parse(outs[0].trim().split('\n').pop() as string) as { runId: string }).runId };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function python(server: MlflowServerProcess): Promise<{ seconds: number; runId: string; capped?: boolean }> {
  const client = new sdk.MlflowClient({ trackingUri: server.url, env: {} });
  const experimentId = (await client.getOrCreateExperiment('bench-distributed-python')).experimentId;
  const runId = (await client.createRun({ experimentId, runName: 'python-async' })).info.runId;
  await client.close();
  const env = { ...process.env, MLFLOW_TRACKING_URI: server.url };
  const t0 = performance.now();
  const ended = await Promise.allSettled(Array.from({ length: RANKS }, (_, rank) => run(PYTHON, ['bench/distributed_python_bench.py', runId, String(rank), String(POINTS), String(KEYS)], env)));
  return { seconds: (performance.now() - t0) / 1000, runId, capped: ended.some((e) => e.status === 'rejected') };
}

async function main(): Promise<void> {
  const server = await privateMlflowServer('postgresql');
  try {
    const rows: string[] = [];
    const add = async (name: string, side: Promise<{ seconds: number; runId: string; capped?: boolean }>, expected: number): Promise<number> => {
      const r = await side;
      const stored = await counted(server, r.runId);
      const time = r.capped === true ? `not finished: stopped after ${r.seconds.toFixed(0)} s` : `${r.seconds.toFixed(1)} s`;
      const rate = r.capped === true ? `${(stored / r.seconds / 1000).toFixed(1)}k stored` : `${(expected / r.seconds / 1000).toFixed(1)}k`;
      rows.push(`| ${name} | ${time} | ${rate} | ${stored.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} |`);
      return r.seconds;
    };
    const total = RANKS * POINTS;
    const eight = await add(`training-bom: ${RANKS} rank processes × ${POINTS.toLocaleString('en-US')} points, one run`, ours(server, RANKS, POINTS, KEYS), total);
    const one = await add(`training-bom: one process, the same ${total.toLocaleString('en-US')} points`, ours(server, 1, total, KEYS * RANKS), total);
    const py = await add(`MLflow's Python client, async logging: ${RANKS} processes × ${POINTS.toLocaleString('en-US')}`, python(server), total);
    const body = [
      `${hostLine()} MLflow 3.17.2 on PostgreSQL (Debian's 15, Unix socket, fsync off) with ${server.workers} uvicorn workers; ${KEYS} keys a rank; NaN and ±Infinity among training-bom's points; whole processes, start-up included; one round.`,
      '',
      '| side | until every point is durable | points/s | points in the database |',
      '|---|--:|--:|--:|',
      ...rows,
      '',
      `Ratios: ${RANKS} ranks against one process **${(eight / one).toFixed(2)}×** the time; against MLflow's Python client **${(eight / py).toFixed(2)}×**${py * 1000 >= CAP_MS - 1000 ? ' (the Python side stopped at the cap: at most this)' : ''}.`,
    ].join('\n');
    console.log(body);
    if (process.argv.includes('--write')) writeSection(join(ROOT, 'docs', 'benchmarks.md'), 'distributed', body);
  } finally {
    await server.stop();
    await stopPostgresServer();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
