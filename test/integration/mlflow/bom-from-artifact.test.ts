/**
 * createTrainingBomFromMlflow on runs that carry the `training_bom.json` a tracker finalized: the artifact
 * is the source, and the result equals the finalized BOM. Corrupt or mismatched artifacts are errors.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { BomValidationError, createTrainingBomFromMlflow, MlflowClient, TrainingWorkflowTracker, type TrainingBOM } from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';
import { rejection } from '../../helpers/rejection';

function trackedBom(): TrainingBOM {
  const tracker = new TrainingWorkflowTracker({ logger: { info: () => undefined, warn: () => undefined } });
  tracker.startTraining(`fraud-${randomUUID()}`)
    .registerDataset('s3://fraud-data/transactions-2024.parquet', 2500000)
    .registerFeatures(['amount', 'merchant, city', 'größe'], ['amount', 'größe'])
    .registerModel('GradientBoostingClassifier', 'tree_ensemble');
  tracker.logParameters({ n_estimators: 200, learning_rate: 0.1, layers: [64, 32], note: null });
  for (let step = 0; step < 50; step++) tracker.logMetric('loss', 1 / (step + 1), step);
  tracker.logMetric('unstable', NaN);
  tracker.logMetric('accuracy', 0.94);
  return tracker.finalizeTraining();
}

describe('createTrainingBomFromMlflow from the training_bom.json artifact (real MLflow server)', function () {
  let client: MlflowClient;
  let experimentId: string;

  before(async function () {
    this.timeout(120_000);
    client = new MlflowClient({ trackingUri: (await mlflowServer()).url, env: {} });
    experimentId = (await client.getOrCreateExperiment(`bom-artifact-${randomUUID()}`)).experimentId;
  });

  after(async () => client?.close());

  async function runWithArtifact(content: string | Uint8Array, tags: Record<string, string> = {}): Promise<string> {
    const runId = (await client.createRun({ experimentId, startTime: Date.now(), tags })).info.runId;
    await client.logBatch(runId, { params: [{ key: 'model_type', value: 'from-params' }], metrics: [{ key: 'accuracy', value: 0.5, step: 0, timestamp: Date.now() }] });
    await client.uploadArtifact(runId, 'training_bom.json', content, { contentType: 'application/json' });
    await client.updateRun(runId, { status: 'FINISHED', endTime: Date.now() });
    return runId;
  }

  it('returns the BOM the tracker finalized, with its own id', async () => {
    const finalized = trackedBom();
    const runId = await runWithArtifact(finalized.toJSONString(2), { 'training_bom.id': finalized.id });
    const bom = await createTrainingBomFromMlflow(runId, { client });
    expect(bom.toJSONString()).to.equal(finalized.toJSONString());
    expect(bom.id).to.equal(finalized.id);
    expect(bom.mlflowMetrics.unstable).to.be.NaN;
  });

  it('ignores the artifact with useArtifact: false', async () => {
    const runId = await runWithArtifact(trackedBom().toJSONString());
    const bom = await createTrainingBomFromMlflow(runId, { client, useArtifact: false });
    expect(bom.id).to.equal(`mlflow-${runId}`);
    expect(bom.modelInfo.type).to.equal('from-params');
  });

  it('adds only mlflow_metric_history to the artifact\'s BOM with includeMetricHistory', async () => {
    const finalized = trackedBom();
    const runId = await runWithArtifact(finalized.toJSONString());
    const bom = await createTrainingBomFromMlflow(runId, { client, includeMetricHistory: true });
    const { additional_values: added, ...rest } = bom.toJSON();
    const { additional_values: original, ...expected } = JSON.parse(finalized.toJSONString()) as ReturnType<TrainingBOM['toJSON']>;
    expect(rest).to.deep.equal(expected);
    expect(Object.keys(added ?? {})).to.deep.equal([...Object.keys(original ?? {}), 'mlflow_metric_history']);
    expect({ ...added, mlflow_metric_history: undefined }).to.deep.equal({ ...original, mlflow_metric_history: undefined });
  });

  for (const [what, content, path] of [
    ['not JSON', '{"id": ', ''],
    ['not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), ''],
    ['a JSON array', '[]', ''],
    ['a BOM missing its model_info', JSON.stringify({ ...JSON.parse(trackedBom().toJSONString()), model_info: undefined }), 'model_info'],
  ] as const) {
    it(`rejects an artifact that is ${what} with a BomValidationError naming the artifact`, async () => {
      const runId = await runWithArtifact(content);
      const error = await rejection(createTrainingBomFromMlflow(runId, { client }));
      expect(error).to.be.instanceOf(BomValidationError);
      expect((error as BomValidationError).message).to.contain(`Artifact training_bom.json of MLflow run ${runId}`);
      expect((error as BomValidationError).issues.map((i) => i.path)).to.include(path);
    });
  }

  it('rejects an artifact whose id is not the run\'s training_bom.id tag', async () => {
    const runId = await runWithArtifact(trackedBom().toJSONString(), { 'training_bom.id': 'another-bom' });
    const error = await rejection(createTrainingBomFromMlflow(runId, { client }));
    expect(error).to.be.instanceOf(BomValidationError).with.property('message').that.contains("training_bom.id tag says 'another-bom'");
  });

  it('builds from run data when the run keeps its artifacts where the server does not serve them', async () => {
    const s3Experiment = await client.createExperiment(`s3-${randomUUID()}`, { artifactLocation: 's3://bucket-not-reached/mlruns' });
    const run = await client.createRun({ experimentId: s3Experiment, startTime: Date.now() });
    expect(run.info.artifactUri).to.match(/^s3:/);
    const bom = await createTrainingBomFromMlflow(run.info.runId, { client });
    expect(bom.id).to.equal(`mlflow-${run.info.runId}`);
  });
});
