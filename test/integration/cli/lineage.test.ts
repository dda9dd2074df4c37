/** `training-bom lineage` spawned as a process against the real MLflow server and registry. */
import { expect } from 'chai';
import { createServer } from 'node:net';
import type { DatasetLineage, ModelLineage } from '../../../src';
import { CLI } from '../../helpers/cli';
import { lineageWorld, type LineageWorld } from '../../helpers/lineage-world';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';

/** A loopback port nothing listens on (one just closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('training-bom lineage (spawned, real MLflow server)', function () {
  this.timeout(120_000);
  let w: LineageWorld;

  before(async () => {
    w = await lineageWorld();
  });

  const lineage = (args: readonly string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof runProcess> =>
    runProcess(process.execPath, [CLI, 'lineage', ...args], { cwd: process.cwd(), env: { ...envWithoutMlflow(), MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0', ...env } });
  const withServer = (): NodeJS.ProcessEnv => ({ MLFLOW_TRACKING_URI: w.url });

  describe('--dataset', () => {
    it('prints the file store\'s runs and their registered versions as JSON, exit 0', async () => {
      const r = await lineage(['--dataset', w.digest, '--store', w.storeDir, '--json'], withServer());
      expect(r.status, r.stderr).to.equal(0);
      const out = JSON.parse(r.stdout) as DatasetLineage;
      expect(out.runs.map((run) => run.bomId)).to.deep.equal([w.ids.a, w.ids.b, w.ids.hostile, w.ids.fromRun]);
      expect(out.runs[1].modelVersions.map((v) => [v.name, v.version, v.via])).to.deep.equal([[w.byTag.name, w.byTag.version, ['training_bom.id']]]);
      expect(out.registry).to.deep.equal({ consulted: true, trackingUri: w.url });
    });

    it('prints an MLflow experiment\'s runs as a tree with versions found by run_id, exit 0', async () => {
      const r = await lineage(['--dataset', w.digest, '--mlflow', w.experiment], withServer());
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.include(`run ${w.ids.a} (2025-01-01T00:00:00.000Z, XGBClassifier, MLflow run ${w.runs.a})`);
      expect(r.stdout).to.include(`├─ model version ${w.byRunId[0].name}/${w.byRunId[0].version} (READY) via run_id`);
      expect(r.stdout).to.include(`model version ${w.byTag.name}/${w.byTag.version} (READY) via training_bom.run_id, training_bom.id`);
      expect(r.stdout).to.include(`3 runs, 4 model versions\nmodel registry: ${w.url}\n`);
    });

    it('escapes a hostile origin in the text output (no raw escape character reaches the terminal)', async () => {
      const r = await lineage(['--dataset', w.origin, '--store', w.storeDir], withServer());
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.not.include('\u001b');
      expect(r.stdout).to.include('\\u001b[31m');
    });

    it('says plainly that the registry was not consulted without a tracking server', async () => {
      const r = await lineage(['--dataset', w.digest, '--store', w.storeDir]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.include('model registry not consulted: no MLflow tracking server is configured (MLFLOW_TRACKING_URI)');
      expect(r.stdout).to.not.include('model version ');
    });

    it('does not consult the registry with --no-registry', async () => {
      const r = await lineage(['--dataset', w.digest, '--store', w.storeDir, '--no-registry', '--json'], withServer());
      expect((JSON.parse(r.stdout) as DatasetLineage).registry.consulted).to.equal(false);
    });

    it('exits 1 when no run used the dataset', async () => {
      const r = await lineage(['--dataset', `sha256:${'e'.repeat(64)}`, '--store', w.storeDir, '--json'], withServer());
      expect(r.status).to.equal(1);
      expect((JSON.parse(r.stdout) as DatasetLineage).runs).to.deep.equal([]);
    });

    it('exits 2 when MLflow is unreachable', async () => {
      const r = await lineage(['--dataset', w.digest, '--store', w.storeDir], { MLFLOW_TRACKING_URI: `http://127.0.0.1:${await closedPort()}` });
      expect(r.status).to.equal(2);
      expect(r.stderr).to.include('MLflow is unreachable');
    });
  });

  describe('--model', () => {
    const ref = (): string => `${w.byRunId[0].name}/${w.byRunId[0].version}`;

    it('prints the tree back to the BOM, dataset digest, features, sweep parent and signature, exit 0', async () => {
      const r = await lineage(['--model', ref()], withServer());
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.include(`└─ run ${w.runs.a} "${w.ids.a}" via run_id`);
      expect(r.stdout).to.include(`└─ BOM ${w.ids.a} (the run's training_bom.json)`);
      expect(r.stdout).to.include(`digest ${w.digest})`);
      expect(r.stdout).to.include("features: 4 original: zip_code, it's, amount, esc\\u001b[2J");
      expect(r.stdout, 'no raw escape character').to.not.include('\u001b');
      expect(r.stdout).to.include(`sweep parent: run ${w.runs.parent} "${w.parentRunName}"`);
      expect(r.stdout).to.include('signature: signed, not verified (no --key given)');
    });

    it('verifies with the right key, exit 0', async () => {
      const r = await lineage(['--model', ref(), '--key', w.keys.goodFile], withServer());
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.include(`signature: signed, verified (keyid ${w.keys.good.keyid})`);
    });

    it('does not verify with a wrong key, exit 1', async () => {
      const r = await lineage(['--model', ref(), '--key', w.keys.wrongFile, '--json'], withServer());
      expect(r.status).to.equal(1);
      expect((JSON.parse(r.stdout) as ModelLineage).signature).to.include({ signed: true, verified: false, keysGiven: 1 });
    });

    it('exits 1 for an unsigned run when a key is given', async () => {
      const r = await lineage(['--model', `${w.byTag.name}/${w.byTag.version}`, '--key', w.keys.goodFile], withServer());
      expect(r.status).to.equal(1);
      expect(r.stdout).to.include('signature: not signed');
    });

    it('prints the JSON shape with the dataset digest and features', async () => {
      const r = await lineage(['--model', ref(), '--json'], withServer());
      const out = JSON.parse(r.stdout) as ModelLineage;
      expect(out.dataset.digest).to.equal(w.digest);
      expect(out.features.selected).to.deep.equal(['zip_code', 'amount']);
      expect(out.modelVersion).to.include({ name: w.byRunId[0].name, version: w.byRunId[0].version, runId: w.runs.a });
    });

    it('warns and exits 1 when the version is linked to another BOM than its run holds', async () => {
      const r = await lineage(['--model', `${w.mislinked.name}/${w.mislinked.version}`], withServer());
      expect(r.status).to.equal(1);
      expect(r.stdout).to.match(/warning: the version's training_bom\.id tag names BOM not-this-bom-\S+, not mlflow-/);
    });

    it('exits 1 with a clear message for an unknown model version', async () => {
      const r = await lineage(['--model', `no-such-model-${w.experiment}/1`], withServer());
      expect(r.status).to.equal(1);
      expect(r.stderr).to.include(`no model version no-such-model-${w.experiment}/1 (or its run) in the MLflow registry at ${w.url}`);
      expect(r.stdout).to.equal('');
    });
  });

  describe('usage', () => {
    it('exits 2 for neither or both of --dataset and --model, two stores, a misplaced option, or a bad reference', async () => {
      const cases = [
        [], ['--dataset', 'x', '--model', 'm/1'], ['--dataset', 'x', '--store', w.storeDir, '--mlflow'],
        ['--dataset', 'x', '--key', w.keys.goodFile], ['--model', 'm/1', '--store', w.storeDir], ['--model', 'm/0'], ['--model', 'm'],
        ['--model', 'm/1', '--key', w.storeDir],
      ];
      for (const args of cases) {
        const r = await lineage(args, withServer());
        expect(r.status, args.join(' ')).to.equal(2);
        expect(r.stderr, args.join(' ')).to.not.equal('');
      }
    });
  });
});
