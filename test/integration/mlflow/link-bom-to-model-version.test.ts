/**
 * linkBomToModelVersion and createTrainingBomFromModelVersion against the real MLflow model registry: a model
 * version points at its training BOM, and the BOM can be found again from the version.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  BomValidationError, createTrainingBomFromMlflow, InvalidArgumentError, linkBomToModelVersion, MlflowClient, MlflowError,
  TrainingWorkflowTracker, createTrainingBomFromModelVersion,
} from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';
import { rejection } from '../../helpers/rejection';

describe('linkBomToModelVersion / createTrainingBomFromModelVersion (real MLflow server)', function () {
  let client: MlflowClient;
  let experimentId: string;

  before(async function () {
    this.timeout(120_000);
    client = new MlflowClient({ trackingUri: (await mlflowServer()).url, env: {} });
    experimentId = (await client.getOrCreateExperiment(`link-${randomUUID()}`)).experimentId;
  });

  after(async () => client?.close());

  async function trainedRun(): Promise<string> {
    const runId = (await client.createRun({ experimentId, startTime: Date.now() })).info.runId;
    await client.logBatch(runId, {
      params: [{ key: 'dataset_path', value: 's3://bucket/data.parquet' }, { key: 'model_type', value: 'XGBoostClassifier' }],
      metrics: [{ key: 'accuracy', value: 0.92, step: 0, timestamp: Date.now() }],
    });
    await client.updateRun(runId, { status: 'FINISHED', endTime: Date.now() });
    return runId;
  }

  async function registeredVersion(runId?: string): Promise<{ name: string; version: string }> {
    const name = `model-${randomUUID()}`;
    await client.createRegisteredModel(name);
    const source = runId === undefined ? 's3://models-bucket/fraud/model' : `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`;
    const mv = await client.createModelVersion({ name, source, runId });
    return { name, version: mv.version };
  }

  it('tags the version with the BOM id and the version\'s own run, and finds the same BOM back', async () => {
    const runId = await trainedRun();
    const { name, version } = await registeredVersion(runId);
    const bom = await createTrainingBomFromMlflow(runId, { client });
    const link = await linkBomToModelVersion(name, version, bom, { client });
    expect(link).to.deep.equal({ name, version, bomId: `mlflow-${runId}`, runId });
    expect((await client.getModelVersion(name, version)).tags).to.deep.include({ 'training_bom.id': `mlflow-${runId}`, 'training_bom.run_id': runId });
    const found = await createTrainingBomFromModelVersion(name, Number(version), { client });
    expect(found.toJSONString()).to.equal(bom.toJSONString());
  });

  it('finds a tracker\'s BOM (from the run\'s artifact) by its own id', async () => {
    const tracker = new TrainingWorkflowTracker({ logger: { info: () => undefined, warn: () => undefined } });
    tracker.startTraining(`fraud-${randomUUID()}`).registerDataset('d.csv', 10).registerFeatures(['a'], ['a']).registerModel('m', 'arch');
    const finalized = tracker.finalizeTraining();
    const runId = await trainedRun();
    await client.uploadArtifact(runId, 'training_bom.json', finalized.toJSONString());
    const { name, version } = await registeredVersion(runId);
    await linkBomToModelVersion(name, version, finalized.id, { client });
    expect((await createTrainingBomFromModelVersion(name, version, { client })).toJSONString()).to.equal(finalized.toJSONString());
  });

  it('links a version registered without a run to the run given in options, and follows that tag back', async () => {
    const runId = await trainedRun();
    const { name, version } = await registeredVersion();
    expect(await rejection(linkBomToModelVersion(name, version, `mlflow-${runId}`, { client }))).to.be.instanceOf(InvalidArgumentError)
      .with.property('message').that.contains('has no run_id');
    expect(await rejection(createTrainingBomFromModelVersion(name, version, { client }))).to.be.instanceOf(InvalidArgumentError)
      .with.property('message').that.contains('names no run');
    await linkBomToModelVersion(name, version, `mlflow-${runId}`, { client, runId });
    expect((await createTrainingBomFromModelVersion(name, version, { client })).id).to.equal(`mlflow-${runId}`);
  });

  it('rejects a BOM that is not the one the version links to', async () => {
    const runId = await trainedRun();
    const { name, version } = await registeredVersion(runId);
    await linkBomToModelVersion(name, version, 'some-other-bom', { client });
    const error = await rejection(createTrainingBomFromModelVersion(name, version, { client }));
    expect(error).to.be.instanceOf(BomValidationError).with.property('message').that.contains("is linked to BOM 'some-other-bom'");
  });

  it('rejects an unknown model version with RESOURCE_DOES_NOT_EXIST', async () => {
    const { name } = await registeredVersion(await trainedRun());
    for (const attempt of [() => linkBomToModelVersion(name, 9, 'b', { client }), () => createTrainingBomFromModelVersion(name, 9, { client })]) {
      expect(await rejection(attempt())).to.be.instanceOf(MlflowError).with.property('errorCode', 'RESOURCE_DOES_NOT_EXIST');
    }
  });

  it('rejects an empty BOM id or run id before calling the server', async () => {
    expect(await rejection(linkBomToModelVersion('m', 1, '', { client }))).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'bom');
    expect(await rejection(linkBomToModelVersion('m', 1, 'b', { client, runId: '' }))).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'runId');
  });
});
