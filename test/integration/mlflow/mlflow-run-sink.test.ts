/**
 * MlflowRunSink against the real MLflow server: what a tracked run looks like in MLflow, batching within
 * MLflow's limits, MLflow's rules (keys, immutable params), and a server that misbehaves or is down.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { TrainingBOM} from '../../../src';
import {
  MlflowClient, MlflowRunSink, TrainingWorkflowTracker, type Logger, type MlflowClientOptions, type MlflowMetric, type MlflowRunSinkOptions,
} from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';

const quiet: Logger = { info: () => undefined, warn: () => undefined };
const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 3, timeoutSeconds: 10 };

async function history(client: MlflowClient, runId: string, key: string): Promise<MlflowMetric[]> {
  const out: MlflowMetric[] = [];
  for await (const m of client.getMetricHistory(runId, key)) out.push(m);
  return out;
}

function mirrored(
  url: string, extra: MlflowRunSinkOptions = {}, clientExtra: MlflowClientOptions = {},
): { tracker: TrainingWorkflowTracker; sink: MlflowRunSink; errors: unknown[] } {
  const errors: unknown[] = [];
  const clientOptions = { ...FAST, ...clientExtra, trackingUri: url };
  const sink = new MlflowRunSink({ clientOptions, experimentName: `sink-${randomUUID()}`, scheduledDelayMillis: 20, ...extra });
  const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, onError: (e) => errors.push(e) });
  return { tracker, sink, errors };
}

function register(tracker: TrainingWorkflowTracker): TrainingWorkflowTracker {
  return tracker
    .registerDataset('s3://fraud-data/transactions-2024.parquet', 2500000)
    .registerFeatures(['amount', 'merchant, inc', 'timestamp'], ['amount', 'merchant, inc'])
    .registerModel('GradientBoostingClassifier', 'tree_ensemble');
}

describe('MlflowRunSink (real MLflow server)', function () {
  this.timeout(60000);
  let url: string;
  let client: MlflowClient;

  before(async () => {
    url = (await mlflowServer()).url;
    client = new MlflowClient({ trackingUri: url, env: {} });
  });

  after(() => client.close());

  describe('a finalized run', () => {
    let bom: TrainingBOM;
    let runId: string;
    let errors: unknown[];

    before(async () => {
      const m = mirrored(url, { runName: 'fraud-v3' });
      errors = m.errors;
      register(m.tracker.startTraining('fraud-detection-v3.2'));
      m.tracker.logParameters({ n_estimators: 200, learning_rate: 0.1, layers: [64, 32], optimizer: 'adam' });
      for (let step = 0; step < 50; step++) m.tracker.logMetric('loss', 1 / (step + 1), step);
      m.tracker.logMetric('accuracy', 0.94);
      bom = m.tracker.finalizeTraining();
      await m.tracker.close();
      runId = m.sink.runId as string;
    });

    it('reports no error', () => {
      expect(errors).to.deep.equal([]);
    });

    it('is FINISHED with the run name, source tags and the BOM id', async () => {
      const run = await client.getRun(runId);
      expect(run.info.status).to.equal('FINISHED');
      expect(run.info.runName).to.equal('fraud-v3');
      expect(run.tags).to.include({ 'training_bom.id': 'fraud-detection-v3.2', 'mlflow.source.type': 'LOCAL' });
      expect(run.info.startTime).to.equal(Date.parse(bom.startTime));
      expect(run.info.endTime).to.equal(Date.parse(bom.endTime));
    });

    it('has every param, JSON-encoded where not a string, plus the BOM conventions', async () => {
      const run = await client.getRun(runId);
      expect(run.params).to.deep.include({
        n_estimators: '200', learning_rate: '0.1', layers: '[64,32]', optimizer: 'adam',
        dataset_path: 's3://fraud-data/transactions-2024.parquet', dataset_size: '2500000',
        original_features: '["amount","merchant, inc","timestamp"]', selected_features: '["amount","merchant, inc"]',
        model_type: 'GradientBoostingClassifier', model_architecture: 'tree_ensemble',
      });
    });

    it('has every metric point with its step and timestamp', async () => {
      const points = await history(client, runId, 'loss');
      expect(points).to.have.length(50);
      const tracked = [...Array(50).keys()].map((s) => ({ step: s, value: 1 / (s + 1) }));
      expect(points.map((p) => ({ step: p.step, value: p.value })).sort((a, b) => a.step - b.step)).to.deep.equal(tracked);
    });

    it('logs the dataset as a training input with a 36-character digest and the full digest as a tag', async () => {
      const run = await client.getRun(runId);
      const input = run.datasetInputs[0];
      expect(input?.dataset.name).to.equal('transactions-2024.parquet');
      expect(input?.dataset.sourceType).to.equal('s3');
      expect(JSON.parse(input?.dataset.profile ?? '{}')).to.deep.equal({ num_rows: 2500000 });
      expect(input?.dataset.digest).to.have.length(36);
      expect(run.tags['training_bom.dataset_digest']).to.match(/^sha256:[0-9a-f]{64}$/).and.to.contain(input?.dataset.digest);
      expect(input?.tags).to.deep.equal({ 'mlflow.data.context': 'training' });
    });

    it('uploads the finalized BOM as training_bom.json', async () => {
      const text = Buffer.from(await client.downloadArtifact(runId, 'training_bom.json')).toString('utf8');
      expect(text).to.equal(bom.toJSONString(2));
    });
  });

  it('sends a large run in several batches within MLflow\'s limits', async () => {
    const m = mirrored(url);
    register(m.tracker.startTraining());
    const params: Record<string, number> = {};
    for (let i = 0; i < 150; i++) params[`p_${i}`] = i;
    m.tracker.logParameters(params);
    for (let i = 0; i < 2500; i++) m.tracker.logMetric(`m_${i % 5}`, i, i);
    m.tracker.finalizeTraining();
    await m.tracker.close();
    expect(m.errors).to.deep.equal([]);
    const run = await client.getRun(m.sink.runId as string);
    expect(Object.keys(run.params).filter((k) => k.startsWith('p_'))).to.have.length(150);
    expect(await history(client, m.sink.runId as string, 'm_3')).to.have.length(500);
    expect(m.sink.stats()).to.deep.include({ sentPoints: 2500, droppedPoints: 0, queuedPoints: 0 });
  });

  it('sends NaN and infinities so that MLflow stores them as such', async () => {
    const m = mirrored(url);
    register(m.tracker.startTraining()).logMetric('loss', NaN, 0).logMetric('loss', Infinity, 1).logMetric('loss', -Infinity, 2);
    await m.tracker.flush();
    const values = (await history(client, m.sink.runId as string, 'loss')).sort((a, b) => a.step - b.step).map((p) => p.value);
    expect(values[0]).to.be.NaN;
    expect(values[1]).to.be.greaterThan(1e308);
    expect(values[2]).to.be.lessThan(-1e308);
    await m.tracker.close();
  });

  it('reports a changed param to onError and keeps MLflow\'s first value', async () => {
    const m = mirrored(url);
    m.tracker.startTraining().logParameter('lr', 0.1);
    await m.tracker.flush();
    expect(() => m.tracker.logParameter('lr', 0.2)).to.not.throw();
    await m.tracker.close();
    expect(String(m.errors[0])).to.contain('param lr changed');
    expect((await client.getRun(m.sink.runId as string)).params['lr']).to.equal('0.1');
  });

  it('keeps a param MLflow would refuse out of MLflow, reported, and the rest goes through', async () => {
    const m = mirrored(url);
    m.tracker.startTraining().logParameters({ 'bad\u0000key': 1, good: 2 }).logMetric('x!y', 1).logMetric('ok', 1);
    await m.tracker.close();
    expect(m.errors.map(String).join('\n')).to.contain('bad').and.to.contain('x!y');
    const run = await client.getRun(m.sink.runId as string);
    expect(run.params).to.deep.equal({ good: '2' });
    expect(Object.keys(run.metrics)).to.deep.equal(['ok']);
  });

  it('marks a run closed without finalizing FAILED', async () => {
    const m = mirrored(url);
    m.tracker.startTraining().logMetric('loss', 1);
    await m.tracker.close();
    expect((await client.getRun(m.sink.runId as string)).info.status).to.equal('FAILED');
  });

  it('attaches to an existing run given by runId', async () => {
    const experiment = await client.getOrCreateExperiment(`attach-${randomUUID()}`);
    const existing = await client.createRun({ experimentId: experiment.experimentId });
    const m = mirrored(url, { runId: existing.info.runId });
    register(m.tracker.startTraining('attached')).logMetric('acc', 0.5);
    m.tracker.finalizeTraining();
    await m.tracker.close();
    expect(m.sink.runId).to.equal(existing.info.runId);
    const run = await client.getRun(existing.info.runId);
    expect(run.info.status).to.equal('FINISHED');
    expect(run.metrics['acc']?.value).to.equal(0.5);
  });

  describe('when MLflow misbehaves', () => {
    let proxy: FaultProxy;

    beforeEach(async () => {
      proxy = await FaultProxy.start(url);
    });

    afterEach(() => proxy.close());

    it('keeps logMetric synchronous and queued while the server is slow', async () => {
      await proxy.setMode({ kind: 'delay', ms: 300 });
      const m = mirrored(proxy.url);
      m.tracker.startTraining();
      for (let i = 0; i < 5000; i++) m.tracker.logMetric('loss', i, i);
      expect(m.sink.stats().queuedPoints).to.equal(5000);
      await m.tracker.close();
      expect(m.sink.stats()).to.deep.include({ sentPoints: 5000, queuedPoints: 0 });
    });

    it('delivers every point through a storm of 503s', async () => {
      const m = mirrored(proxy.url);
      m.tracker.startTraining();
      await m.sink.ready();
      await proxy.setMode({ kind: 'status', status: 503, count: 2 });
      for (let i = 0; i < 3000; i++) m.tracker.logMetric('loss', i, i);
      await m.tracker.close();
      expect(await history(client, m.sink.runId as string, 'loss')).to.have.length(3000);
    });

    it('delivers each point once when a response is lost and the batch is sent again', async () => {
      const m = mirrored(proxy.url);
      m.tracker.startTraining();
      await m.sink.ready();
      await proxy.setMode({ kind: 'drop-response', count: 1 });
      for (let i = 0; i < 1000; i++) m.tracker.logMetric('loss', i, i);
      await m.tracker.close();
      expect(await history(client, m.sink.runId as string, 'loss')).to.have.length(1000);
    });

    it('never throws into the training loop when the server is down, and reports it', async () => {
      await proxy.setMode({ kind: 'refuse' });
      const m = mirrored(proxy.url, {}, { maxRetries: 0 });
      register(m.tracker.startTraining());
      for (let i = 0; i < 100; i++) m.tracker.logMetric('loss', i, i);
      const bom = m.tracker.finalizeTraining();
      await m.tracker.close();
      expect(bom.mlflowMetrics['loss']).to.equal(99);
      expect(m.errors.length).to.be.greaterThan(0);
      expect(m.sink.stats().sentPoints).to.equal(0);
    });
  });
});
