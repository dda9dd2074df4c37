/**
 * createTrainingBomFromMlflow on runs without a BOM artifact, against the real MLflow server: the spec's
 * param conventions, dataset inputs, RUNNING runs, non-finite metrics, paginated history, errors.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTrainingBomFromMlflow, InvalidArgumentError, MlflowClient, MlflowError, type MlflowMetric } from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';
import { rejection } from '../../helpers/rejection';

const START = 1_725_530_400_000; // 2024-09-05T10:00:00Z

describe('createTrainingBomFromMlflow from run data (real MLflow server)', function () {
  let client: MlflowClient;
  let url: string;
  let experimentId: string;

  before(async function () {
    this.timeout(120_000);
    url = (await mlflowServer()).url;
    client = new MlflowClient({ trackingUri: url, env: {} });
    experimentId = (await client.getOrCreateExperiment(`bom-from-run-${randomUUID()}`)).experimentId;
  });

  after(async () => client?.close());

  async function finishedRun(params: Record<string, string>, metrics: MlflowMetric[] = []): Promise<string> {
    const runId = (await client.createRun({ experimentId, startTime: START })).info.runId;
    await client.logBatch(runId, { params: Object.entries(params).map(([key, value]) => ({ key, value })), metrics });
    await client.updateRun(runId, { status: 'FINISHED', endTime: START + 60_000 });
    return runId;
  }

  it('builds the spec example\'s BOM: id mlflow-<runId>, ISO times, params, latest metric, spec defaults', async () => {
    const runId = await finishedRun({ dataset_path: 's3://bucket/data.parquet', model_type: 'XGBoostClassifier' }, [
      { key: 'accuracy', value: 0.9, step: 0, timestamp: START + 1000 },
      { key: 'accuracy', value: 0.92, step: 1, timestamp: START + 2000 },
    ]);
    const bom = await createTrainingBomFromMlflow(runId, { client });
    expect(bom.toJSON()).to.deep.equal({
      id: `mlflow-${runId}`, start_time: '2024-09-05T10:00:00.000Z', end_time: '2024-09-05T10:01:00.000Z',
      dataset_info: { origin: 's3://bucket/data.parquet', size: 0 },
      feature_info: { original_features: [], selected_features: [] },
      model_info: { type: 'XGBoostClassifier', architecture: 'unknown' },
      mlflow_params: { dataset_path: 's3://bucket/data.parquet', model_type: 'XGBoostClassifier' },
      mlflow_metrics: { accuracy: 0.92 },
    });
  });

  it('reads the spec\'s comma-separated feature lists and dataset_size', async () => {
    const runId = await finishedRun({
      dataset_path: 'data.csv', dataset_size: '2500000', original_features: 'amount,merchant,timestamp', selected_features: 'amount,merchant',
      model_type: 'GradientBoostingClassifier', model_architecture: 'tree_ensemble',
    });
    const bom = await createTrainingBomFromMlflow(runId, { client });
    expect(bom.toJSON()).to.deep.include({
      dataset_info: { origin: 'data.csv', size: 2500000 },
      feature_info: { original_features: ['amount', 'merchant', 'timestamp'], selected_features: ['amount', 'merchant'] },
      model_info: { type: 'GradientBoostingClassifier', architecture: 'tree_ensemble' },
    });
  });

  it('reads JSON-array feature lists (names with commas, unicode)', async () => {
    const runId = await finishedRun({ original_features: '["a,b","größe","c"]', selected_features: '["a,b","größe"]' });
    const bom = await createTrainingBomFromMlflow(runId, { client });
    expect(bom.featureInfo).to.deep.include({ originalFeatures: ['a,b', 'größe', 'c'], selectedFeatures: ['a,b', 'größe'] });
  });

  it('takes the dataset from the run\'s dataset input over the params', async () => {
    const runId = await finishedRun({ dataset_path: 'params.csv', dataset_size: '7' });
    await client.logInputs(runId, [
      { dataset: { name: 'eval', digest: 'e1', sourceType: 'local', source: '{"uri": "eval.csv"}', profile: '{"num_rows": 3}' }, tags: { 'mlflow.data.context': 'eval' } },
      { dataset: { name: 'train', digest: 't1', sourceType: 's3', source: '{"uri": "s3://fraud/train.parquet"}', profile: '{"num_rows": 1200}' }, tags: { 'mlflow.data.context': 'training' } },
    ]);
    const bom = await createTrainingBomFromMlflow(runId, { client });
    expect(bom.toJSON().dataset_info).to.deep.equal({ origin: 's3://fraud/train.parquet', size: 1200 });
    expect(bom.mlflowParams).to.include({ dataset_path: 'params.csv', dataset_size: '7' });
  });

  it('takes the dataset from the params when the run has no dataset input', async () => {
    const runId = await finishedRun({ dataset_path: 'params.csv', dataset_size: '7' });
    expect((await createTrainingBomFromMlflow(runId, { client })).toJSON().dataset_info).to.deep.equal({ origin: 'params.csv', size: 7 });
  });

  it('reads a RUNNING run: ends it at its newest metric timestamp and marks it RUNNING', async () => {
    const runId = (await client.createRun({ experimentId, startTime: START })).info.runId;
    await client.logBatch(runId, { metrics: [{ key: 'loss', value: 0.5, step: 3, timestamp: START + 30_000 }, { key: 'acc', value: 0.7, step: 3, timestamp: START + 45_000 }] });
    const bom = await createTrainingBomFromMlflow(runId, { client });
    expect([bom.startTime, bom.endTime]).to.deep.equal(['2024-09-05T10:00:00.000Z', '2024-09-05T10:00:45.000Z']);
    expect(bom.additionalValues).to.deep.equal({ mlflow_run_status: 'RUNNING' });
  });

  it('writes the spec\'s epoch-millisecond strings with timestamps: epoch-ms', async () => {
    const runId = await finishedRun({});
    const bom = await createTrainingBomFromMlflow(runId, { client, timestamps: 'epoch-ms' });
    expect([bom.startTime, bom.endTime]).to.deep.equal([String(START), String(START + 60_000)]);
  });

  it('keeps NaN and restores ±Infinity, which the server returns as ±1.797e308', async () => {
    const metrics = [['nan', NaN], ['inf', Infinity], ['ninf', -Infinity], ['ok', 1.5]].map(([key, value]) => ({ key: key as string, value: value as number, step: 0, timestamp: START }));
    const runId = await finishedRun({}, metrics);
    const bom = await createTrainingBomFromMlflow(runId, { client });
    expect(bom.mlflowMetrics).to.deep.equal({ nan: NaN, inf: Infinity, ninf: -Infinity, ok: 1.5 });
    expect((JSON.parse(bom.toJSONString()) as Record<string, unknown>).mlflow_metrics).to.deep.equal({ nan: 'NaN', inf: 'Infinity', ninf: '-Infinity', ok: 1.5 });
    const raw = await createTrainingBomFromMlflow(runId, { client, restoreInfinity: false });
    expect(raw.mlflowMetrics).to.deep.include({ inf: Number.MAX_VALUE, ninf: -Number.MAX_VALUE });
  });

  it('puts every point of every metric into additional_values with includeMetricHistory, page by page', async () => {
    const loss = Array.from({ length: 2500 }, (_, i) => ({ key: 'loss', value: i === 7 ? NaN : 1 / (i + 1), step: i, timestamp: START + i }));
    const runId = await finishedRun({}, []);
    for (let i = 0; i < loss.length; i += 1000) await client.logBatch(runId, { metrics: loss.slice(i, i + 1000) });
    await client.logBatch(runId, { metrics: [{ key: 'acc', value: Infinity, step: 0, timestamp: START }] });
    const proxy = await FaultProxy.start(url);
    try {
      const bom = await createTrainingBomFromMlflow(runId, { clientOptions: { trackingUri: proxy.url, env: {} }, includeMetricHistory: true, metricHistoryPageSize: 1000 });
      const pages = proxy.requests.filter((r) => r.path.includes('/metrics/get-history'));
      expect(pages).to.have.length(4); // loss: 1000 + 1000 + 500, acc: 1
      const history = bom.additionalValues?.mlflow_metric_history as Record<string, { steps: number[]; timestamps: number[]; values: unknown[] }>;
      expect(Object.keys(history).sort()).to.deep.equal(['acc', 'loss']);
      expect(history.loss?.steps).to.deep.equal(loss.map((p) => p.step));
      expect(history.loss?.timestamps).to.deep.equal(loss.map((p) => p.timestamp));
      expect(history.loss?.values).to.deep.equal(loss.map((p) => (Number.isNaN(p.value) ? 'NaN' : p.value)));
      expect(history.acc).to.deep.equal({ steps: [0], timestamps: [START], values: ['Infinity'] });
      expect(bom.mlflowMetrics.loss).to.equal(1 / 2500);
    } finally {
      await proxy.close();
    }
  });

  it('reads the whole history in one request by default', async () => {
    const runId = await finishedRun({}, Array.from({ length: 5 }, (_, i) => ({ key: 'm', value: i, step: i, timestamp: START + i })));
    const bom = await createTrainingBomFromMlflow(runId, { client, includeMetricHistory: true });
    expect(bom.additionalValues?.mlflow_metric_history).to.deep.equal({ m: { steps: [0, 1, 2, 3, 4], timestamps: [0, 1, 2, 3, 4].map((i) => START + i), values: [0, 1, 2, 3, 4] } });
  });

  it('rejects an unknown run with MLflow\'s RESOURCE_DOES_NOT_EXIST', async () => {
    const error = await rejection(createTrainingBomFromMlflow('0123456789abcdef0123456789abcdef', { client }));
    expect(error).to.be.instanceOf(MlflowError).with.property('errorCode', 'RESOURCE_DOES_NOT_EXIST');
    expect((error as MlflowError).status).to.equal(404);
  });

  it('makes its own client from clientOptions, and leaves a caller\'s client open', async () => {
    const runId = await finishedRun({ model_type: 'm' });
    expect((await createTrainingBomFromMlflow(runId, { clientOptions: { trackingUri: url, env: {} } })).modelInfo.type).to.equal('m');
    expect((await client.getRun(runId)).info.runId).to.equal(runId);
  });

  it('reads MLFLOW_TRACKING_URI from the environment when given no client', async () => {
    const runId = await finishedRun({});
    const saved = process.env.MLFLOW_TRACKING_URI;
    process.env.MLFLOW_TRACKING_URI = url;
    try {
      expect((await createTrainingBomFromMlflow(runId)).id).to.equal(`mlflow-${runId}`);
    } finally {
      if (saved === undefined) delete process.env.MLFLOW_TRACKING_URI;
      else process.env.MLFLOW_TRACKING_URI = saved;
    }
  });

  it('rejects bad options before calling the server', async () => {
    for (const [runId, options, argument] of [
      ['', {}, 'runId'],
      ['r', { timestamps: 'unix' }, 'timestamps'],
      ['r', { metricHistoryPageSize: 0 }, 'metricHistoryPageSize'],
      ['r', { client, clientOptions: { trackingUri: url } }, 'clientOptions'],
    ] as const) {
      const error = await rejection(createTrainingBomFromMlflow(runId, options as never));
      expect(error, argument).to.be.instanceOf(InvalidArgumentError).with.property('argument', argument);
    }
  });
});
