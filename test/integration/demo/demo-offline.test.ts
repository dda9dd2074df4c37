/**
 * `npm run demo` with MLFLOW_TRACKING_URI pointing at a port nobody listens on: the training ends at once,
 * the demo exits within seconds (close() stops waiting, it used to take 63 s), says once that MLflow does
 * not answer, times the training apart from mirroring, keeps the journal; `training-bom recover` later
 * delivers the run to the real MLflow server.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MlflowClient } from '../../../src';
import { CLI } from '../../helpers/cli';
import { runDemo } from '../../helpers/demo';
import { unusedPort } from '../../helpers/loopback-http';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';

describe('npm run demo while MLflow is away, then training-bom recover (real server)', function () {
  this.timeout(180_000);
  const experiment = `demo-offline-${Date.now()}`;
  const home = mkdtempSync(join(tmpdir(), 'training-bom-demo-offline-'));
  let outcome: ProcessOutcome;
  let elapsedMs: number;
  let bomId: string;

  before(async () => {
    const started = Date.now();
    outcome = await runDemo('main.ts', resolve(__dirname, '../../..'), {
      ...envWithoutMlflow(), TRAINING_BOM_HOME: home, MLFLOW_TRACKING_URI: `http://127.0.0.1:${await unusedPort()}`, MLFLOW_EXPERIMENT_NAME: experiment,
    });
    elapsedMs = Date.now() - started;
    bomId = /BOM (\S+) written to/.exec(outcome.stdout)?.[1] ?? '';
  });

  it('finishes, exits 0 and promptly (well under the 63 s it took), with the BOM written', () => {
    expect(outcome.status, outcome.stderr).to.equal(0);
    expect(elapsedMs).to.be.below(40_000);
    expect(existsSync(join(home, `${bomId}.json`)), outcome.stdout).to.equal(true);
  });

  it('warns once that MLflow does not answer, where the points wait and how to recover them', () => {
    const warnings = outcome.stderr.split('\n').filter((l) => l.includes('does not answer'));
    expect(warnings, outcome.stderr).to.have.length(1);
    expect(warnings[0]).to.contain('ECONNREFUSED').and.contain('kept in the journal').and.contain('training-bom recover');
  });

  it('times the training apart from mirroring, and says mirroring is pending with the journal kept', () => {
    const trained = Number(/\) in (\d+) ms/.exec(outcome.stdout)?.[1]);
    const waited = Number(/mirroring pending after (\d+) ms/.exec(outcome.stdout)?.[1]);
    expect(trained, outcome.stdout).to.be.a('number').and.below(waited);
    expect(outcome.stdout).to.contain('close() stopped waiting').and.contain('npx training-bom recover');
    expect(readdirSync(join(home, 'journals')).filter((f) => f.endsWith('.journal'))).to.have.length(1);
  });

  it('training-bom recover delivers the run to the real MLflow server and deletes the journal', async () => {
    const { url } = await mlflowServer();
    const r = await runProcess(process.execPath, [CLI, 'recover', '--store', home], { cwd: tmpdir(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url } });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.contain('everything delivered').and.contain('journal deleted');
    const client = new MlflowClient({ trackingUri: url, env: {} });
    try {
      const found = await client.getExperimentByName(experiment);
      expect(found, 'the experiment the demo asked for').to.not.equal(undefined);
      const runs = (await client.searchRunsPage({ experimentIds: [found?.experimentId as string] })).items;
      expect(runs).to.have.length(1);
      expect(runs[0].tags['training_bom.id']).to.equal(bomId);
      expect(runs[0].info.status).to.equal('FINISHED');
      const points = [];
      for await (const p of client.getMetricHistory(runs[0].info.runId, 'accuracy')) points.push(p);
      expect(points).to.have.length(50);
    } finally {
      await client.close();
    }
    expect(readdirSync(join(home, 'journals')).filter((f) => f.endsWith('.journal'))).to.deep.equal([]);
  });
});
