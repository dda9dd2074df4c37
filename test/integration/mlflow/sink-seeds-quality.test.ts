/**
 * Seeds and data quality in MLflow (real server): the tracker's `registerSeed` and `logDataQuality` reach
 * the run as params `seed.<name>` and tags `training_bom.data_quality.<key>`, and a BOM built from the run
 * without its artifact reads them back into `additional_values.seeds` / `data_quality`. Also the sink's
 * injected clock: a run closed without finalizing ends at the clock's time.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTrainingBomFromMlflow, MlflowClient, MlflowRunSink, TrainingWorkflowTracker, type Clock, type MlflowClientOptions } from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';

const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 3, timeoutSeconds: 10 };
const quiet = { info: (): undefined => undefined, warn: (): undefined => undefined };

describe('seeds and data quality in MLflow (real MLflow server)', function () {
  this.timeout(60000);
  let url: string;
  let client: MlflowClient;

  before(async () => {
    url = (await mlflowServer()).url;
    client = new MlflowClient({ trackingUri: url, env: {} });
  });

  after(() => client.close());

  describe('registered on the tracker', () => {
    const errors: unknown[] = [];
    let runId: string;
    let finalized: Record<string, unknown>;

    before(async () => {
      const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: url }, experimentName: `seeds-${randomUUID()}`, scheduledDelayMillis: 20 });
      const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, onError: (e) => errors.push(e) });
      tracker.startTraining(`seeded-${randomUUID()}`)
        .registerDataset('s3://bucket/train.parquet', 1000).registerFeatures(['a', 'b'], ['a']).registerModel('MLP', 'dense')
        .registerSeed('numpy', 42).registerSeed('torch', 'abc')
        .logDataQuality('missing_ratio', 0.01).logDataQuality('class_balance', { fraud: 0.02, ok: 0.98 });
      tracker.logMetric('loss', 0.5, 0);
      finalized = tracker.finalizeTraining().toJSON().additional_values as Record<string, unknown>;
      await tracker.close();
      runId = sink.runId as string;
    });

    it('reports no error', () => {
      expect(errors).to.deep.equal([]);
    });

    it('gives each seed a param seed.<name>', async () => {
      expect((await client.getRun(runId)).params).to.include({ 'seed.numpy': '42', 'seed.torch': 'abc' });
    });

    it('gives each data-quality fact a tag training_bom.data_quality.<key> holding its JSON', async () => {
      const { tags } = await client.getRun(runId);
      expect(tags['training_bom.data_quality.missing_ratio']).to.equal('0.01');
      expect(JSON.parse(tags['training_bom.data_quality.class_balance'])).to.deep.equal({ fraud: 0.02, ok: 0.98 });
    });

    it('reads them back from run data into the sections the tracker finalized', async () => {
      const bom = await createTrainingBomFromMlflow(runId, { client, useArtifact: false });
      expect(bom.additionalValues?.['seeds']).to.deep.equal(finalized['seeds']).and.to.deep.equal({ numpy: 42, torch: 'abc' });
      expect(bom.additionalValues?.['data_quality']).to.deep.equal(finalized['data_quality']);
    });
  });

  it('ends a run closed without finalizing at the time of the injected clock', async () => {
    const endMs = Date.UTC(2031, 0, 2, 3, 4, 5);
    const clock: Clock = { now: () => endMs };
    const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: url }, experimentName: `clock-${randomUUID()}`, clock });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, journal: false });
    tracker.startTraining().logMetric('loss', 1);
    const report = await tracker.close();
    expect(report.complete).to.equal(true);
    const { info } = await client.getRun(sink.runId as string);
    expect(info).to.include({ status: 'FAILED', endTime: endMs });
  });
});
