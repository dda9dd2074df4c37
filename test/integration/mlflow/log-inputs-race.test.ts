/**
 * MLflow's dataset-insert race, on demand: a fault proxy in front of the real MLflow test server answers the
 * first `runs/log-inputs` with the 400 MLflow's SQL store gives the loser of two concurrent inserts of one
 * dataset (mlflow/store/db/utils.py: a SQLAlchemy IntegrityError becomes `BAD_REQUEST` with the error's text),
 * then passes through. MlflowClient.logInputs sends the call once more; an input refused for good does not
 * hold up the run.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { MlflowClient, MlflowError, MlflowRunSink, TrainingBOM, TrainingWorkflowTracker, type MlflowClientOptions } from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';

const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 3, timeoutSeconds: 10 };
const quiet = { info: (): undefined => undefined, warn: (): undefined => undefined };
const LOG_INPUTS = '/api/2.0/mlflow/runs/log-inputs';

/** What MLflow 3 answers the loser of the race on SQLite (the text of sqlite3's IntegrityError, as SQLAlchemy words it). */
const RACE_400 = {
  error_code: 'BAD_REQUEST',
  message: '(sqlite3.IntegrityError) UNIQUE constraint failed: datasets.experiment_id, datasets.name, datasets.digest\n'
    + '[SQL: INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)]\n'
    + '(Background on this error at: https://sqlalche.me/e/20/gkpj)',
};

describe('the dataset-insert race of runs/log-inputs (real MLflow behind a fault proxy)', function () {
  this.timeout(60000);
  let url: string;
  let direct: MlflowClient;
  let proxy: FaultProxy;

  before(async () => {
    url = (await mlflowServer()).url;
    direct = new MlflowClient({ ...FAST, trackingUri: url });
  });

  beforeEach(async () => {
    proxy = await FaultProxy.start(url, { pathIncludes: LOG_INPUTS });
  });

  afterEach(async () => {
    await proxy.close();
  });

  after(async () => {
    await direct.close();
  });

  const logInputsAnswers = (): (number | string)[] => proxy.requests.filter((r) => r.path.startsWith(LOG_INPUTS)).map((r) => r.outcome);

  function trackedRun(): { tracker: TrainingWorkflowTracker; sink: MlflowRunSink; errors: unknown[] } {
    const errors: unknown[] = [];
    const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: proxy.url }, experimentName: `race-${randomUUID()}`, scheduledDelayMillis: 20 });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, onError: (e) => errors.push(e) });
    tracker.startTraining(`race-${randomUUID()}`).registerDataset('s3://bucket/shared.parquet', 1000).registerFeatures(['a'], ['a']).registerModel('RF', 'trees');
    tracker.logMetric('loss', 0.5, 1);
    return { tracker, sink, errors };
  }

  it('MlflowClient.logInputs sends the call once more after the race\'s 400, and the dataset is linked to the run', async () => {
    await proxy.setMode({ kind: 'status', status: 400, count: 1, body: RACE_400 });
    const client = new MlflowClient({ ...FAST, trackingUri: proxy.url });
    try {
      const experimentId = await client.createExperiment(`race-${randomUUID()}`);
      const run = await client.createRun({ experimentId });
      const dataset = { name: 'shared.parquet', digest: 'abc123', sourceType: 's3', source: '{"uri":"s3://bucket/shared.parquet"}' };
      await client.logInputs(run.info.runId, [{ dataset, tags: { 'mlflow.data.context': 'training' } }]);
      expect(logInputsAnswers()).to.deep.equal([400, 200]);
      expect((await direct.getRun(run.info.runId)).datasetInputs.map((i) => i.dataset.name)).to.deep.equal(['shared.parquet']);
    } finally {
      await client.close();
    }
  });

  it('a 400 that is not the race is not sent again', async () => {
    await proxy.setMode({ kind: 'status', status: 400, count: 1, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Dataset name too long' } });
    const client = new MlflowClient({ ...FAST, trackingUri: proxy.url });
    try {
      const experimentId = await client.createExperiment(`race-${randomUUID()}`);
      const run = await client.createRun({ experimentId });
      const dataset = { name: 'd', digest: 'abc123', sourceType: 's3', source: '{}' };
      const error = await client.logInputs(run.info.runId, [{ dataset, tags: {} }]).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(MlflowError).and.to.include({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
      expect(logInputsAnswers()).to.deep.equal([400]);
    } finally {
      await client.close();
    }
  });

  it('a tracked run that meets the race finishes with its dataset, its BOM and nothing undelivered', async () => {
    await proxy.setMode({ kind: 'status', status: 400, count: 1, body: RACE_400 });
    const { tracker, sink, errors } = trackedRun();
    tracker.finalizeTraining();
    const report = await tracker.close();
    expect(errors).to.deep.equal([]);
    expect(logInputsAnswers()).to.deep.equal([400, 200]);
    expect(report.sinks[0]).to.include({ complete: true });
    const run = await direct.getRun(sink.runId as string);
    expect(run.info.status).to.equal('FINISHED');
    expect(run.datasetInputs.map((i) => i.dataset.name)).to.deep.equal(['shared.parquet']);
    expect(TrainingBOM.parse(await direct.downloadArtifact(run.info.runId, 'training_bom.json')).id).to.equal(tracker.id);
  });

  it('an input MLflow refuses for good does not hold up the run: FINISHED with its BOM, the input reported as refused', async () => {
    await proxy.setMode({ kind: 'status', status: 400, count: 1000, body: RACE_400 });
    const { tracker, sink, errors } = trackedRun();
    tracker.finalizeTraining();
    const report = await tracker.close();
    expect(logInputsAnswers(), 'sent, and sent once more, then given up').to.deep.equal([400, 400]);
    expect(errors.length).to.be.greaterThan(0);
    expect(report.sinks[0]?.undelivered).to.deep.equal(['1 dataset input refused by MLflow']);
    const run = await direct.getRun(sink.runId as string);
    expect(run.info.status).to.equal('FINISHED');
    expect(run.datasetInputs).to.deep.equal([]);
    expect(run.metrics['loss']).to.include({ value: 0.5 });
    expect(TrainingBOM.parse(await direct.downloadArtifact(run.info.runId, 'training_bom.json')).id).to.equal(tracker.id);
  });
});
