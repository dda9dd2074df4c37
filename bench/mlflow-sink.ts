/**
 * Time until 100,000 metric points are durable on a real MLflow server: MlflowRunSink (tracker + sink,
 * then `await tracker.flush()`) against (a) pre-built 1,000-point `log-batch` requests sent back to back,
 * (b) MLflow's Python client calling `log_metric` once per point (a sample, extrapolated), and (c) MLflow's
 * Python async logging. Same server, same run of this script; plus `logMetric` cost with the sink attached.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/mlflow-sink.ts [--write] [--rounds N]
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { mlflowServer, stopMlflowServer } from '../test/helpers/mlflow-server';
import { hostLine, median, writeSection } from './report';
import type * as Sdk from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require(resolve(__dirname, '../dist')) as typeof Sdk;
const POINTS = 100_000;
const SAMPLE = 2_000;
const ASYNC_SAMPLE = 20_000;
const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1] ?? 3) || 3;
const PYTHON = resolve(__dirname, '../.venv/bin/python');
const quiet: Sdk.Logger = { info: () => undefined, warn: () => undefined };
const KEYS = Array.from({ length: 100 }, (_, i) => `m_${i}`);

async function viaSink(url: string): Promise<{ seconds: number; logNs: number }> {
  const sink = new sdk.MlflowRunSink({ clientOptions: { trackingUri: url, env: {} }, experimentName: 'bench-sink' });
  const tracker = new sdk.TrainingWorkflowTracker({ sinks: [sink], logger: quiet }).startTraining();
  await sink.ready();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < POINTS; i++) tracker.logMetric(KEYS[i % 100], i * 0.5, i);
  const logged = process.hrtime.bigint();
  await tracker.flush();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (sink.stats().sentPoints !== POINTS) throw new Error(`sink sent ${sink.stats().sentPoints} of ${POINTS}`);
  await tracker.close();
  return { seconds, logNs: Number(logged - t0) / POINTS };
}

async function viaPrebuiltBatches(url: string): Promise<number> {
  const client = new sdk.MlflowClient({ trackingUri: url, env: {} });
  const experiment = await client.getOrCreateExperiment('bench-batches');
  const run = await client.createRun({ experimentId: experiment.experimentId });
  const now = Date.now();
  const batches = [];
  for (let b = 0; b < POINTS / 1000; b++) {
    batches.push(Array.from({ length: 1000 }, (_, j) => ({ key: `m_${(b * 1000 + j) % 100}`, value: (b * 1000 + j) * 0.5, step: b * 1000 + j, timestamp: now })));
  }
  const t0 = process.hrtime.bigint();
  for (const metrics of batches) await client.logBatch(run.info.runId, { metrics });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await client.close();
  return seconds;
}

/** Runs the Python side asynchronously: a blocking spawn would stop this process draining the server's output pipes. */
function viaPython(url: string, mode: 'sync' | 'async', n: number): Promise<{ seconds: number; mlflow: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(PYTHON, [resolve(__dirname, 'mlflow_python_bench.py'), mode, String(n)], {
      env: { ...process.env, MLFLOW_TRACKING_URI: url }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`python ${mode} exited ${code}: ${stderr}`));
      const out = JSON.parse(stdout.trim().split('\n').pop() as string) as { seconds: number; stored_m0: number; mlflow: string };
      if (out.stored_m0 !== n / 100) return fail(new Error(`python ${mode} stored ${out.stored_m0} of ${n / 100} points of m_0`));
      ok(out);
    });
  });
}

async function main(): Promise<void> {
  const server = await mlflowServer();
  try {
    const sink: number[] = [], log: number[] = [], batches: number[] = [], pySync: number[] = [], pyAsync: number[] = [];
    let mlflowVersion = '';
    for (let r = 0; r < ROUNDS; r++) {
      const s = await viaSink(server.url);
      sink.push(s.seconds);
      log.push(s.logNs);
      batches.push(await viaPrebuiltBatches(server.url));
      const sync = await viaPython(server.url, 'sync', SAMPLE);
      pySync.push((sync.seconds * POINTS) / SAMPLE);
      pyAsync.push(((await viaPython(server.url, 'async', ASYNC_SAMPLE)).seconds * POINTS) / ASYNC_SAMPLE);
      mlflowVersion = sync.mlflow;
      console.log(`round ${r + 1}: sink ${s.seconds.toFixed(2)} s, batches ${batches[r]?.toFixed(2)} s, python sync ~${pySync[r]?.toFixed(0)} s, python async ${pyAsync[r]?.toFixed(2)} s`);
    }
    const m = { sink: median(sink), batches: median(batches), pySync: median(pySync), pyAsync: median(pyAsync) };
    const row = (name: string, s: number, note: string, target: string, met: boolean): string =>
      `| ${name} | ${s.toFixed(2)} s | ${(s / m.sink).toFixed(2)}× | ${note} | ${target} | ${met ? 'yes' : '**no**'} |`;
    const body = [
      `${hostLine()} MLflow ${mlflowVersion} server (sqlite) on 127.0.0.1; ${ROUNDS} rounds, medians. ${POINTS.toLocaleString('en')} points over 100 keys, timed until durable on the server.`,
      '',
      '| way | time | vs MlflowRunSink | note | target | met |',
      '|---|--:|--:|---|---|:-:|',
      `| **MlflowRunSink** (tracker + sink, \`await tracker.flush()\`) | ${m.sink.toFixed(2)} s | 1.00× | | | |`,
      row('(a) pre-built 1,000-point `log-batch` requests back to back', m.batches, 'the limit for this server', 'sink ≤ 1.2× this', m.sink <= 1.2 * m.batches),
      row('(b) Python `mlflow.log_metric` per point', m.pySync, `extrapolated from ${SAMPLE.toLocaleString('en')} points`, 'sink ≥ 50× faster', m.pySync >= 50 * m.sink),
      row('(c) Python `log_metric(synchronous=False)`', m.pyAsync, `then \`flush_async_logging()\`; extrapolated from ${ASYNC_SAMPLE.toLocaleString('en')} points`, 'sink ≥ 2× faster', m.pyAsync >= 2 * m.sink),
      '',
      `\`logMetric\` with the sink attached, while the sink sends in the background: **${median(log).toFixed(0)} ns** a call (median of rounds).`,
    ].join('\n');
    console.log(body);
    if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'mlflow-sink', body);
  } finally {
    await stopMlflowServer();
  }
}

void main();
