/**
 * examples/mlflow-integration.ts run as a user runs it (a separate process importing the built package),
 * against the test server. Needs `npx tsc -p .` first (npm test's pretest does it).
 */
import { resolve } from 'node:path';
import { expect } from 'chai';
import { MlflowClient, TrainingBOM } from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';

const ROOT = resolve(__dirname, '../../..');

function runExample(env: NodeJS.ProcessEnv): Promise<ProcessOutcome> {
  const args = ['-r', 'ts-node/register/transpile-only', 'examples/mlflow-integration.ts'];
  return runProcess(process.execPath, args, { cwd: ROOT, env: { ...env, TS_NODE_PROJECT: 'tsconfig.test.json' } });
}

describe('examples/mlflow-integration.ts (the spec\'s MLflow Integration Pattern)', function () {
  let url: string;

  before(async function () {
    this.timeout(120_000);
    url = (await mlflowServer()).url;
  });

  it('logs a run to the server and prints the BOM built from it', async function () {
    this.timeout(60_000);
    const experiment = `example-${Date.now()}`;
    const r = await runExample({ ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url, MLFLOW_EXPERIMENT_NAME: experiment });
    expect(r.status, r.stderr).to.equal(0);
    const bom = TrainingBOM.parse(r.stdout.slice(r.stdout.indexOf('{')), { strict: true });
    const runId = bom.id.replace(/^mlflow-/, '');
    expect(r.stdout).to.contain(`Created Training BOM: mlflow-${runId}`);
    expect(bom.toJSON()).to.deep.include({
      dataset_info: { origin: 's3://bucket/data.parquet', size: 0 },
      model_info: { type: 'XGBoostClassifier', architecture: 'unknown' },
      mlflow_params: { dataset_path: 's3://bucket/data.parquet', model_type: 'XGBoostClassifier' },
      mlflow_metrics: { accuracy: 0.92 },
    });
    const client = new MlflowClient({ trackingUri: url, env: {} });
    try {
      const run = await client.getRun(runId);
      expect(run.info.status).to.equal('FINISHED');
      expect((await client.getExperimentByName(experiment))?.experimentId).to.equal(run.info.experimentId);
    } finally {
      await client.close();
    }
  });

  it('fails with a clear message when MLFLOW_TRACKING_URI is not set', async function () {
    this.timeout(60_000);
    const r = await runExample(envWithoutMlflow());
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain('Set MLFLOW_TRACKING_URI');
    expect(r.stdout).to.equal('');
  });
});
