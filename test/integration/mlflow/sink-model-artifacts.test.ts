/**
 * Model artifacts in MLflow (real server): `registerModelArtifact` reaches the run as one tag per artifact
 * (`training_bom.model_artifact.<name>`, holding it as JSON; the file itself is not uploaded), a name
 * registered again overwrites its tag, and a BOM built from the run without its `training_bom.json` reads
 * them back into `additional_values.model_artifacts`, equal to the finalized BOM's.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  createTrainingBomFromMlflow, MlflowClient, MlflowRunSink, modelArtifactsOf, TrainingWorkflowTracker, type MlflowClientOptions, type ModelArtifact,
} from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';

const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 3, timeoutSeconds: 10 };
const quiet = { info: (): undefined => undefined, warn: (): undefined => undefined };

describe('model artifacts in MLflow (real MLflow server)', function () {
  this.timeout(60000);
  let client: MlflowClient;
  const errors: unknown[] = [];
  let runId: string;
  let finalized: ModelArtifact[];
  let dir: string;

  before(async () => {
    const url = (await mlflowServer()).url;
    client = new MlflowClient({ trackingUri: url, env: {} });
    dir = join(mkdtempSync(join(tmpdir(), 'training-bom-mlflow-artifacts-')), 'model');
    mkdirSync(join(dir, 'weights (v1)'), { recursive: true });
    writeFileSync(join(dir, 'model.json'), '{"v":1}');
    writeFileSync(join(dir, 'weights (v1)', 'shard-0.bin'), Buffer.alloc(4096, 7));
    const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: url }, experimentName: `artifacts-${randomUUID()}`, scheduledDelayMillis: 20 });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, onError: (e) => errors.push(e) });
    tracker.startTraining(`artifacts-${randomUUID()}`).registerDataset('s3://bucket/train.parquet', 10).registerFeatures(['a'], ['a']).registerModel('MLP', 'dense');
    await tracker.registerModelArtifact(dir);
    writeFileSync(join(dir, 'model.json'), '{"v":2}');
    await tracker.registerModelArtifact(join(dir, 'model.json'), { root: dir });
    finalized = modelArtifactsOf(tracker.finalizeTraining());
    await tracker.close();
    runId = sink.runId as string;
  });

  after(() => client.close());

  it('reports no error', () => {
    expect(errors).to.deep.equal([]);
  });

  it('tags the run with each artifact, the latest registration of a name winning', async () => {
    const { tags } = await client.getRun(runId);
    const digest = `sha256:${createHash('sha256').update(readFileSync(join(dir, 'model.json'))).digest('hex')}`;
    expect(JSON.parse(tags['training_bom.model_artifact.model.json'])).to.deep.equal({ name: 'model.json', digest, bytes: 7 });
    const shard = Object.keys(tags).filter((k) => k.startsWith('training_bom.model_artifact.sha256-'));
    expect(shard, 'a name MLflow refuses as a key is keyed by its hash').to.have.length(1);
    expect(JSON.parse(tags[shard[0]])).to.include({ name: 'weights (v1)/shard-0.bin', bytes: 4096 });
  });

  it('uploads no model file, only the BOM', async () => {
    const files = await client.listArtifacts(runId);
    expect(files.map((f) => f.path)).to.deep.equal(['training_bom.json']);
  });

  it('reads them back from run data into the artifacts the tracker finalized', async () => {
    const bom = await createTrainingBomFromMlflow(runId, { client, useArtifact: false });
    expect(modelArtifactsOf(bom)).to.deep.equal(finalized).and.to.have.length(2);
    const stored = await createTrainingBomFromMlflow(runId, { client });
    expect(modelArtifactsOf(stored)).to.deep.equal(finalized);
  });
});
