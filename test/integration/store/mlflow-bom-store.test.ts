/** MlflowBomStore on the real MLflow test server. */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError, MlflowBomStore, MlflowClient, MlflowRunSink, TrainingWorkflowTracker } from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';
import { expectSameHistories, historyOf, lossCurve } from '../../helpers/metric-histories';
import { rejection } from '../../helpers/rejection';
import { bomStoreContract, storeBom } from '../../helpers/store-contract';

describe('MlflowBomStore on a real MLflow server', function () {
  this.timeout(120_000);
  let client: MlflowClient;
  const stores: MlflowBomStore[] = [];
  const fresh = (): MlflowBomStore => {
    const store = new MlflowBomStore({ client, experimentName: `store-${randomUUID()}` });
    stores.push(store);
    return store;
  };

  before(async () => {
    client = new MlflowClient({ trackingUri: (await mlflowServer()).url, env: {} });
  });

  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await client.close();
  });

  describe('BomStore contract', () => {
    bomStoreContract(async () => fresh());
  });

  it('keeps each BOM as the training_bom.json artifact of a FINISHED run tagged with its id', async () => {
    const store = fresh();
    const location = await store.put(storeBom('run-a', '2024-09-05T10:00:00.000Z'));
    const runId = /^runs:\/([0-9a-f]{32})\/training_bom\.json$/.exec(location)?.[1] as string;
    const run = await client.getRun(runId);
    expect(run.info.status).to.equal('FINISHED');
    expect(run.info.startTime).to.equal(Date.parse('2024-09-05T10:00:00.000Z'));
    expect(run.tags['training_bom.id']).to.equal('run-a');
    expect(new TextDecoder().decode(await client.downloadArtifact(runId, 'training_bom.json'))).to.equal(`${storeBom('run-a', '2024-09-05T10:00:00.000Z').toJSONString(2)}\n`);
  });

  it('puts again into the same run', async () => {
    const store = fresh();
    const first = await store.put(storeBom('run-a'));
    expect(await store.put(storeBom('run-a', undefined, 'B'))).to.equal(first);
  });

  it('finds and lists what MlflowRunSink mirrored, summarised from the run\'s params', async () => {
    const store = fresh();
    const experimentName = (store as unknown as { experimentName: string }).experimentName;
    const sink = new MlflowRunSink({ client, experimentName });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: { info: () => undefined, warn: () => undefined } });
    tracker.startTraining('mirrored').registerDataset('s3://bucket/data.csv', 10).registerFeatures(['x'], ['x']).registerModel('XGB', 'gbdt');
    const bom = tracker.finalizeTraining();
    await tracker.close();
    expect((await store.get('mirrored'))?.toJSON()).to.deep.equal(bom.toJSON());
    const [summary] = await store.list();
    expect(summary).to.deep.include({ id: 'mirrored', modelType: 'XGB', modelArchitecture: 'gbdt', datasetOrigin: 's3://bucket/data.csv', startTime: bom.startTime });
  });

  it('leaves out runs that did not finish', async () => {
    const store = fresh();
    const experimentName = (store as unknown as { experimentName: string }).experimentName;
    const sink = new MlflowRunSink({ client, experimentName });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: { info: () => undefined, warn: () => undefined } });
    tracker.startTraining('crashed').registerDataset('d', 1);
    await tracker.close();   // closed before finalizing: the sink marks the run FAILED
    expect(await store.get('crashed')).to.equal(undefined);
    expect(await store.list()).to.deep.equal([]);
  });

  it('reads the history of a run MlflowRunSink mirrored, and a put with history leaves it as it is', async () => {
    const store = fresh();
    const experimentName = (store as unknown as { experimentName: string }).experimentName;
    const sink = new MlflowRunSink({ client, experimentName });
    let now = 1_733_300_000_000;
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], clock: { now: () => (now += 5) }, logger: { info: () => undefined, warn: () => undefined } });
    tracker.startTraining('curves').registerDataset('d', 10).registerFeatures(['x'], ['x']).registerModel('MLP', 'mlp');
    for (let step = 0; step < 300; step++) tracker.logMetrics({ loss: 1 / (step + 1), accuracy: step / 300 }, step);
    tracker.logMetric('loss', Infinity, 300);
    const bom = tracker.finalizeTraining();
    await tracker.close();
    const recorded = tracker.metricHistories();
    expectSameHistories(await store.history('curves'), recorded);
    await store.put(bom, { history: [...recorded, historyOf('extra', [1, 2])] });
    const after = await store.history('curves');
    expect(after?.map((h) => [h.key, h.length])).to.deep.equal([['accuracy', 300], ['extra', 2], ['loss', 301]]);
  });

  it('reads histories longer than one page (25,000 points)', async () => {
    const store = fresh();
    const curve = lossCurve('loss', 30_000);
    await store.put(storeBom('long'), { history: [curve] });
    expectSameHistories(await store.history('long'), [curve]);
  });

  it('refuses a malformed history before any request', async () => {
    const store = fresh();
    const error = await rejection(store.put(storeBom('bad-history'), { history: [historyOf('a', [1]), historyOf('a', [2])] }));
    expect(error).to.be.instanceOf(InvalidArgumentError);
    expect(await store.list()).to.deep.equal([]);
  });

  it('refuses client together with clientOptions', () => {
    expect(() => new MlflowBomStore({ client, clientOptions: { trackingUri: 'http://127.0.0.1:1' } })).to.throw(InvalidArgumentError);
  });
});
