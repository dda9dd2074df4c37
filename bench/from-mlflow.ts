/**
 * `training-bom from-mlflow` on 1,000 runs against a real MLflow server, as whole processes, against a
 * Python loop of `mlflow.get_run` + the pydantic reference model (the specification's
 * create_training_bom_from_mlflow), same server, same runs, same run of this script. Target: ours ≥ 5× faster.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/from-mlflow.ts [--write] [--rounds N] [--runs N]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mlflowServer, stopMlflowServer } from '../test/helpers/mlflow-server';
import { hostLine, median, writeSection } from './report';
import type * as Sdk from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require(resolve(__dirname, '../dist')) as typeof Sdk;
const arg = (name: string, fallback: number): number => Number(process.argv[process.argv.indexOf(name) + 1] ?? fallback) || fallback;
const ROUNDS = process.argv.includes('--rounds') ? arg('--rounds', 3) : 3;
const RUNS = process.argv.includes('--runs') ? arg('--runs', 1000) : 1000;
const CLI = resolve(__dirname, '../dist/cli/main.js');
const PYTHON = resolve(__dirname, '../.venv/bin/python');

/** Runs a process to completion without blocking (the server's output pipes must keep draining). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; stdout: string }> {
  return new Promise((ok, fail) => {
    const began = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      if (code !== 0) fail(new Error(`${command} exited ${code}: ${stderr}`));
      else ok({ seconds, stdout });
    });
  });
}

/** 1,000 runs shaped like the specification's pattern: its six params, four hyper-parameters, five metrics. */
async function createRuns(client: Sdk.MlflowClient, experimentId: string): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < RUNS) {
      const i = next++;
      const start = Date.UTC(2024, 8, 5, 10) + i * 60_000;
      const { info } = await client.createRun({ experimentId, runName: `bench-${i}`, startTime: start });
      await client.logBatch(info.runId, {
        params: [
          ['dataset_path', `s3://bucket/data-${i % 10}.parquet`], ['dataset_size', String(100_000 + i)], ['model_type', i % 2 ? 'XGBoostClassifier' : 'RandomForestClassifier'],
          ['model_architecture', 'tree_ensemble'], ['original_features', 'age,income,credit_score,employment_years,debt_ratio'], ['selected_features', 'age,income,credit_score'],
          ['n_estimators', String(100 + i)], ['max_depth', '10'], ['learning_rate', '0.1'], ['random_state', '42'],
        ].map(([key, value]) => ({ key: key, value: value })),
        metrics: ['accuracy', 'precision', 'recall', 'f1_score', 'auc_roc'].map((key, k) => ({ key, value: 0.8 + ((i + k) % 20) / 100, step: 0, timestamp: start + 30_000 })),
      });
      await client.updateRun(info.runId, { status: 'FINISHED', endTime: start + 45_000 });
      ids[i] = info.runId;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return ids;
}

async function main(): Promise<void> {
  const server = await mlflowServer();
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MLFLOW_'))), MLFLOW_TRACKING_URI: server.url };
  const client = new sdk.MlflowClient({ trackingUri: server.url, env: {} });
  const work = mkdtempSync(join(tmpdir(), 'bench-from-mlflow-'));
  try {
    const experiment = `bench-from-mlflow-${Date.now()}`;
    const { experimentId } = await client.getOrCreateExperiment(experiment);
    const t0 = Date.now();
    const ids = await createRuns(client, experimentId);
    console.log(`created ${RUNS} runs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const idsFile = join(work, 'run-ids.txt');
    writeFileSync(idsFile, `${ids.join('\n')}\n`);
    const byExperiment: number[] = [], byIds: number[] = [], withHistory: number[] = [], python: number[] = [], pythonProcess: number[] = [];
    let versions = { mlflow: '', pydantic: '' };
    const loadStart = loadavg()[0]?.toFixed(1);   // other work on the machine moves our time more than Python's (see docs/benchmarks.md)
    for (let r = 0; r < ROUNDS; r++) {
      // Like for like with the Python loop, which reads no metric history (the default); then with --history.
      const modes = [
        ['experiment', ['--experiment', experiment], byExperiment], ['ids', ids, byIds],
        ['history', ['--experiment', experiment, '--history'], withHistory],
      ] as const;
      for (const [mode, args, into] of r % 2 === 0 ? modes : [...modes].reverse()) {   // each form goes first in every other round
        const out = join(work, `out-${mode}-${r}`);
        const { seconds } = await run(process.execPath, [CLI, 'from-mlflow', ...args, '--out', out, '--no-progress'], env);
        const boms = readdirSync(out).filter((f) => f.endsWith('.json')).length;
        if (boms !== RUNS) throw new Error(`${mode}: wrote ${boms} of ${RUNS} BOMs`);
        into.push(seconds);
        // Kept until the end: ext4 without a journal (as here) steps over every inode freed in the last ~30 s
        // when it makes a file, so deleting 1,000 BOMs just before the next timed run made its creates dearer.
      }
      const py = await run(PYTHON, [resolve(__dirname, 'from_mlflow_python_bench.py'), idsFile], env);
      const result = JSON.parse(py.stdout.trim().split('\n').pop() as string) as { runs: number; seconds: number; mlflow: string; pydantic: string };
      if (result.runs !== RUNS) throw new Error(`python built ${result.runs} of ${RUNS} BOMs`);
      python.push(result.seconds);
      pythonProcess.push(py.seconds);
      versions = { mlflow: result.mlflow, pydantic: result.pydantic };
      console.log(`round ${r + 1}: --experiment ${byExperiment[r]?.toFixed(2)} s, run ids ${byIds[r]?.toFixed(2)} s, with history ${withHistory[r]?.toFixed(2)} s, python loop ${result.seconds.toFixed(2)} s (process ${py.seconds.toFixed(2)} s)`);
    }
    const m = { experiment: median(byExperiment), ids: median(byIds), history: median(withHistory), python: median(python), pythonProcess: median(pythonProcess) };
    const row = (name: string, s: number): string =>
      `| ${name} | ${s.toFixed(2)} s | ${(1000 * s / RUNS).toFixed(2)} ms | **${(m.python / s).toFixed(1)}×** | ≥ 5× | ${m.python / s >= 5 ? 'yes' : '**no**'} |`;
    const body = [
      `${hostLine()} MLflow ${versions.mlflow} server (sqlite, one worker) on 127.0.0.1, pydantic ${versions.pydantic}; ${RUNS.toLocaleString('en')} FINISHED runs of 10 params and 5 metrics, no artifacts; ${ROUNDS} rounds, medians; load average (1 min) ${loadStart} before the rounds, ${loadavg()[0]?.toFixed(1)} after.`,
      '',
      '| way | time | per run | Python loop / this | target | met |',
      '|---|--:|--:|--:|--:|:-:|',
      row('`training-bom from-mlflow --experiment` (whole process: start, search, build, write every file with fsync)', m.experiment),
      row(`\`training-bom from-mlflow <${RUNS.toLocaleString('en')} run ids>\` (whole process: one \`runs/get\`, then the rest searched by id: 25, then 100 a request, one in flight)`, m.ids),
      `| \`training-bom from-mlflow --experiment\` with each run's metric history beside its BOM (\`--history\`; one \`metrics/get-history\` a metric a run, which the Python loop does not do) | ${m.history.toFixed(2)} s | ${(1000 * m.history / RUNS).toFixed(2)} ms | (${(m.python / m.history).toFixed(1)}×) | | |`,
      `| Python loop: \`mlflow.get_run\` + the pydantic reference model per run (loop only, after imports; nothing written) | ${m.python.toFixed(2)} s | ${(1000 * m.python / RUNS).toFixed(2)} ms | 1.0× | | |`,
      `| the same Python process as a whole (interpreter start and \`import mlflow\` included) | ${m.pythonProcess.toFixed(2)} s | | | | |`,
    ].join('\n');
    console.log(body);
    if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'from-mlflow', body);
  } finally {
    await client.close();
    rmSync(work, { recursive: true, force: true });
    await stopMlflowServer();
  }
}

void main();
