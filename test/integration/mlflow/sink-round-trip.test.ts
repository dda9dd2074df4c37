/**
 * Issue 3's round trip: a tracked run mirrored by MlflowRunSink (5,000 points over 20 keys, 150 params,
 * unicode keys, a NaN, dataset and features) reads back with createTrainingBomFromMlflow as the BOM the
 * tracker finalized, and MLflow's own Python client sees every param and every point.
 */
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTrainingBomFromMlflow, MlflowRunSink, TrainingWorkflowTracker, type TrainingBOM } from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';

const ROOT = resolve(__dirname, '../../..');
/** MLflow's text of a param: a string as it is, anything else as JSON. */
const mlflowText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

interface PyRun { params: Record<string, string>; history: Record<string, { step: number; value: number | string }[]> }

describe('tracker -> MlflowRunSink -> MLflow -> createTrainingBomFromMlflow (real MLflow server)', function () {
  this.timeout(120_000);
  let url: string;
  let finalized: TrainingBOM;
  let runId: string;
  const errors: unknown[] = [];

  before(async () => {
    url = (await mlflowServer()).url;
    const sink = new MlflowRunSink({ clientOptions: { trackingUri: url, env: {} }, experimentName: `round-trip-${randomUUID()}` });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: { info: () => undefined, warn: () => undefined }, onError: (e) => errors.push(e) });
    tracker.startTraining(`fraud-${randomUUID()}`)
      .registerDataset('s3://fraud-data/transactions-2024.parquet', 2500000)
      .registerFeatures(['amount', 'merchant, inc', 'größe'], ['amount', 'größe'])
      .registerModel('GradientBoostingClassifier', 'tree_ensemble');
    for (let i = 0; i < 150; i++) tracker.logParameter(i % 2 === 0 ? `param_${i}` : `größe/模型_${i}`, i % 3 === 0 ? i : `value ${i}`);
    for (let k = 0; k < 20; k++) {
      for (let step = 0; step < 250; step++) tracker.logMetric(`metric_${k}_größe`, k === 0 && step === 5 ? NaN : Math.cos(step + k), step);
    }
    finalized = tracker.finalizeTraining();
    await tracker.close();
    runId = sink.runId as string;
  });

  it('mirrors without a sink error', () => {
    expect(errors).to.deep.equal([]);
  });

  it('reads back the BOM the tracker finalized', async () => {
    const bom = await createTrainingBomFromMlflow(runId, { clientOptions: { trackingUri: url, env: {} } });
    expect(bom.toJSONString()).to.equal(finalized.toJSONString());
  });

  it('rebuilds the same sections, times and latest metrics from run data alone', async () => {
    const bom = await createTrainingBomFromMlflow(runId, { clientOptions: { trackingUri: url, env: {} }, useArtifact: false });
    const { id: _id, mlflow_params: params, ...fromRun } = bom.toJSON();
    // additional_values (environment, anomalies) lives only in the BOM artifact, not in run data.
    const { id: _fid, mlflow_params: trackedParams, additional_values: _facts, ...tracked } = finalized.toJSON();
    expect(fromRun).to.deep.equal(tracked);
    for (const key of Object.keys(trackedParams)) expect(params[key], key).to.equal(mlflowText(trackedParams[key]));
  });

  it('is seen by MLflow\'s own Python client: every param and every point', async () => {
    const r = await runProcess(join(ROOT, '.venv', 'bin', 'python'), [join(ROOT, 'test', 'mlflow', 'read_run.py'), runId], {
      cwd: ROOT, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url, PYTHONIOENCODING: 'utf-8' }, timeoutMs: 120_000,
    });
    expect(r.status, r.stderr).to.equal(0);
    const python = JSON.parse(r.stdout) as PyRun;
    const params = finalized.mlflowParams;
    for (const key of Object.keys(params)) expect(python.params[key], key).to.equal(mlflowText(params[key]));
    // Beside the run's own 20 metrics MLflow holds the query index's (`training_bom.q.*`, docs/mlflow.md).
    expect(Object.keys(python.history).filter((k) => !k.startsWith('training_bom.q.'))).to.have.length(20);
    for (let k = 0; k < 20; k++) {
      const expected = Array.from({ length: 250 }, (_, step) => ({ step, value: k === 0 && step === 5 ? 'NaN' : Math.cos(step + k) }));
      expect(python.history[`metric_${k}_größe`]?.map((p) => ({ step: p.step, value: p.value })), `metric_${k}`).to.deep.equal(expected);
    }
  });
});
