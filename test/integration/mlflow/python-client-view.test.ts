/**
 * What our MlflowClient logs is what MLflow's own Python client sees (test/mlflow/read_run.py: mlflow.get_run
 * and MlflowClient().get_metric_history), every param and every point; and createTrainingBomFromMlflow
 * reads back the same params, latest metrics and history.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { createTrainingBomFromMlflow, MlflowClient, type MlflowKeyValue, type MlflowMetric } from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';

const ROOT = resolve(__dirname, '../../..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const START = 1_725_530_400_000;

type PyNumber = number | 'NaN' | 'Infinity' | '-Infinity';
interface PyPoint { step: number; timestamp: number; value: PyNumber }
interface PyRun { info: { status: string }; params: Record<string, string>; metrics: Record<string, PyNumber>; history: Record<string, PyPoint[]> }

/** A metric value as read_run.py prints it: MLflow's SQL store returns ±Infinity as ±MAX_VALUE. */
function asPython(value: number): PyNumber {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return Number.MAX_VALUE;
  return value === -Infinity ? -Number.MAX_VALUE : value;
}

describe('MLflow\'s Python client sees what we logged (real MLflow server)', function () {
  const params: MlflowKeyValue[] = [];
  const points: MlflowMetric[] = [];
  let url: string;
  let runId: string;
  let python: PyRun;

  before(async function () {
    this.timeout(180_000);
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} missing: run scripts/python-venv.sh test/interop/requirements.txt test/mlflow/requirements.txt`);
    url = (await mlflowServer()).url;
    const client = new MlflowClient({ trackingUri: url, env: {} });
    try {
      const experimentId = (await client.getOrCreateExperiment(`python-view-${randomUUID()}`)).experimentId;
      runId = (await client.createRun({ experimentId, startTime: START })).info.runId;
      for (let i = 0; i < 150; i++) params.push({ key: i % 3 === 0 ? `größe_${i}` : i % 3 === 1 ? `模型/p${i}` : `p.${i}`, value: i === 0 ? 'x'.repeat(6000) : `v${i} ✓` });
      for (let k = 0; k < 20; k++) {
        for (let s = 0; s < 250; s++) points.push({ key: `metric_${k}`, value: k === 0 && s === 3 ? NaN : k === 1 && s === 249 ? Infinity : Math.sin(k + s / 7), step: s, timestamp: START + s * 10 + k });
      }
      for (let i = 0; i < params.length; i += 100) await client.logBatch(runId, { params: params.slice(i, i + 100) });
      for (let i = 0; i < points.length; i += 1000) await client.logBatch(runId, { metrics: points.slice(i, i + 1000) });
      await client.updateRun(runId, { status: 'FINISHED', endTime: START + 10_000 });
    } finally {
      await client.close();
    }
    const r = await runProcess(PYTHON, [join(ROOT, 'test', 'mlflow', 'read_run.py'), runId], {
      cwd: ROOT, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url, PYTHONIOENCODING: 'utf-8' }, timeoutMs: 120_000,
    });
    expect(r.status, r.stderr).to.equal(0);
    python = JSON.parse(r.stdout) as PyRun;
  });

  it('sees every param, unicode keys and a 6000-character value included', () => {
    expect(python.params).to.deep.equal(Object.fromEntries(params.map((p) => [p.key, p.value])));
  });

  it('sees every point of every metric: step, timestamp, value (NaN; Infinity as MLflow stores it)', () => {
    const expected: Record<string, PyPoint[]> = {};
    for (const p of points) (expected[p.key] ??= []).push({ step: p.step, timestamp: p.timestamp, value: asPython(p.value) });
    expect(Object.keys(python.history).sort()).to.deep.equal(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expect(python.history[key], key).to.deep.equal(expected[key]);
    expect(Object.values(python.history).reduce((n, h) => n + h.length, 0)).to.equal(5000);
  });

  it('createTrainingBomFromMlflow reads the same params, latest metrics and history as MLflow\'s Python client', async () => {
    const bom = await createTrainingBomFromMlflow(runId, { clientOptions: { trackingUri: url, env: {} }, includeMetricHistory: true, restoreInfinity: false });
    const wire = JSON.parse(bom.toJSONString()) as { mlflow_params: unknown; mlflow_metrics: unknown; additional_values: { mlflow_metric_history: Record<string, { steps: number[]; timestamps: number[]; values: PyNumber[] }> } };
    expect(wire.mlflow_params).to.deep.equal(python.params);
    expect(wire.mlflow_metrics).to.deep.equal(python.metrics);
    const history = wire.additional_values.mlflow_metric_history;
    for (const key of Object.keys(python.history)) {
      const py = python.history[key] ?? [];
      expect(history[key], key).to.deep.equal({ steps: py.map((p) => p.step), timestamps: py.map((p) => p.timestamp), values: py.map((p) => p.value) });
    }
  });
});
