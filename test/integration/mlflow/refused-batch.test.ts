/**
 * A `runs/log-batch` MLflow refuses for good (a 400 that no retry heals), on demand: a fault proxy in front of
 * the real MLflow test server answers the first log-batch with it, then passes through. The batch's points,
 * params and tags are counted as refused and reported, and the run goes on: later batches, the BOM and the
 * run's end still reach MLflow.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { MlflowClient, MlflowError, MlflowRunSink, TrainingBOM, TrainingWorkflowTracker, type MlflowClientOptions } from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';

const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 3, timeoutSeconds: 10 };
const quiet = { info: (): undefined => undefined, warn: (): undefined => undefined };
const LOG_BATCH = '/api/2.0/mlflow/runs/log-batch';

describe('a log-batch MLflow refuses for good (real MLflow behind a fault proxy)', function () {
  this.timeout(60000);
  let url: string;
  let direct: MlflowClient;
  let proxy: FaultProxy;

  before(async () => {
    url = (await mlflowServer()).url;
    direct = new MlflowClient({ ...FAST, trackingUri: url });
  });

  beforeEach(async () => {
    proxy = await FaultProxy.start(url, { pathIncludes: LOG_BATCH });
  });

  afterEach(async () => {
    await proxy.close();
  });

  after(async () => {
    await direct.close();
  });

  it('drops that batch only: the later points, the BOM and the run\'s end reach MLflow, the refused ones are reported', async () => {
    await proxy.setMode({ kind: 'status', status: 400, count: 1, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'refused on purpose' } });
    const errors: unknown[] = [];
    const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: proxy.url }, experimentName: `refused-${randomUUID()}`, scheduledDelayMillis: 20 });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, onError: (e) => errors.push(e) });
    tracker.startTraining(`refused-${randomUUID()}`).registerDataset('s3://bucket/d.parquet', 10).registerFeatures(['a'], ['a']).registerModel('RF', 'trees');
    tracker.logParameter('lr', 0.1);
    tracker.logMetric('loss', 0.9, 1);
    await sink.flush();
    expect(proxy.requests.filter((r) => r.path.startsWith(LOG_BATCH)).map((r) => r.outcome), 'the first batch, refused and not sent again').to.deep.equal([400]);
    tracker.logMetric('loss', 0.4, 2);
    tracker.finalizeTraining();
    const report = await tracker.close();

    expect(errors.some((e) => e instanceof MlflowError && e.status === 400), 'the refusal is reported').to.equal(true);
    const sinkReport = report.sinks[0];
    expect(sinkReport).to.include({ complete: false, undeliveredPoints: 1 });
    expect(sinkReport?.undelivered.some((u) => /^\d+ params? refused by MLflow$/.test(u)), String(sinkReport?.undelivered)).to.equal(true);
    const run = await direct.getRun(sink.runId as string);
    expect(run.info.status).to.equal('FINISHED');
    expect(run.metrics['loss']).to.include({ value: 0.4, step: 2 });
    expect(run.params['lr'], 'the refused batch is not sent again').to.equal(undefined);
    expect(TrainingBOM.parse(await direct.downloadArtifact(run.info.runId, 'training_bom.json')).mlflowMetrics['loss']).to.equal(0.4);
  });
});
