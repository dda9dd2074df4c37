/** `training-bom evidence --mlflow` as a spawned process against the real MLflow server: the BOM, its run's attestation and history. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { MlflowBomStore, MlflowClient, signBom, type EvidenceAssessment } from '../../../src';
import { uploadAttestationArtifact } from '../../../src/mlflow/bom/attestation-artifact';
import { ATTESTATION_ARTIFACT } from '../../../src/mlflow/bom/conventions';
import { keyPair } from '../../helpers/attestation-fixtures';
import { CLI } from '../../helpers/cli';
import { completeBom, lossHistory } from '../../helpers/evidence-fixtures';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';

type EvidenceJson = EvidenceAssessment & { source: string };

/** A loopback port nothing listens on (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => ok(port));
    });
  });
}

describe('training-bom evidence --mlflow (spawned, real MLflow server)', function () {
  this.timeout(120_000);
  const experiment = `evidence-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'tbom-evidence-mlflow-'));
  const signer = keyPair('ed25519');
  const pub = join(dir, 'signer.pub');
  const otherPub = join(dir, 'other.pub');
  let url: string;
  let signedRun: string;
  let bareRun: string;

  const runIdOf = (location: string): string => /^runs:\/([0-9a-f]+)\//.exec(location)?.[1] as string;

  before(async () => {
    url = (await mlflowServer()).url;
    writeFileSync(pub, signer.publicKeyPem);
    writeFileSync(otherPub, keyPair('ecdsa-p256').publicKeyPem);
    const client = new MlflowClient({ trackingUri: url, env: {} });
    try {
      const store = new MlflowBomStore({ client, experimentName: experiment });
      const signed = completeBom('ml-signed');
      signedRun = runIdOf(await store.put(signed, { history: lossHistory() }));
      await uploadAttestationArtifact(client, signedRun, signBom(signed, signer.privateKeyPem));
      await store.put(completeBom('ml-unsigned'), { history: lossHistory() });
      const garbled = runIdOf(await store.put(completeBom('ml-garbled'), { history: lossHistory() }));
      await client.uploadArtifact(garbled, ATTESTATION_ARTIFACT, 'not an envelope');
      const experimentId = (await client.getOrCreateExperiment(experiment)).experimentId;
      bareRun = (await client.createRun({ experimentId, startTime: Date.UTC(2024, 8, 5, 10) })).info.runId;
      await client.logBatch(bareRun, { metrics: [{ key: 'accuracy', value: 0.9, step: 0, timestamp: Date.UTC(2024, 8, 5, 11) }] });
    } finally {
      await client.close();
    }
  });

  const evidence = (args: readonly string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof runProcess> =>
    runProcess(process.execPath, [CLI, 'evidence', '--mlflow', '--experiment', experiment, ...args], { cwd: dir, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url, ...env } });
  const json = async (args: readonly string[]): Promise<{ status: number | null; body: EvidenceJson }> => {
    const r = await evidence([...args, '--json']);
    expect(r.stdout, r.stderr).to.match(/^\{/);
    return { status: r.status, body: JSON.parse(r.stdout) as EvidenceJson };
  };
  const item = (body: EvidenceJson, id: string): string | undefined => body.items.find((i) => i.id === id)?.status;

  it('finds a BOM by id, verifies its run\'s attestation with --key and reads the run\'s metric history: exit 0', async () => {
    const { status, body } = await json(['ml-signed', '--framework', 'eu-ai-act-annex-iv', '--key', pub]);
    expect(status).to.equal(0);
    expect(body.source).to.equal(`MLflow run ${signedRun}`);
    expect(item(body, '2g-signed')).to.equal('answered');
    expect(body.items.find((i) => i.id === '2g-test-logs')?.checks[1].fields).to.deep.equal([{ path: 'history', value: '1 metric, 3 points' }]);
  });

  it('finds the same BOM by its run id, and prints the checklist', async () => {
    const r = await evidence([signedRun, '--framework', 'eu-ai-act-annex-iv', '--key', pub]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`Evidence for ml-signed (MLflow run ${signedRun})`).and.contain('✓ answered  2g-signed (required)');
  });

  it('counts the signature as partial without --key (exit 0; --strict exit 1) and as failed with another key (exit 1)', async () => {
    const lax = await json(['ml-signed', '--framework', 'eu-ai-act-annex-iv']);
    expect([lax.status, item(lax.body, '2g-signed')]).to.deep.equal([0, 'partial']);
    expect((await json(['ml-signed', '--framework', 'eu-ai-act-annex-iv', '--strict'])).status).to.equal(1);
    const wrong = await json(['ml-signed', '--framework', 'eu-ai-act-annex-iv', '--key', otherPub]);
    expect([wrong.status, item(wrong.body, '2g-signed')]).to.deep.equal([1, 'failed']);
  });

  it('fails a run whose attestation artifact is not an envelope, and misses the signature of an unsigned run', async () => {
    const garbled = await json(['ml-garbled', '--framework', 'eu-ai-act-annex-iv']);
    expect([garbled.status, item(garbled.body, '2g-signed')]).to.deep.equal([1, 'failed']);
    const unsigned = await json(['ml-unsigned', '--framework', 'eu-ai-act-annex-iv']);
    expect([unsigned.status, item(unsigned.body, '2g-signed')]).to.deep.equal([1, 'missing']);
    expect((await json(['ml-unsigned', '--framework', 'nist-ai-rmf'])).status).to.equal(0);
  });

  it('assesses a run without a BOM artifact from its run data: the dataset facts are missing (exit 1)', async () => {
    const { status, body } = await json([bareRun, '--framework', 'nist-ai-rmf']);
    expect(status).to.equal(1);
    expect(body.bomId).to.equal(`mlflow-${bareRun}`);
    const collection = body.items.find((i) => i.id === 'map-2.3-data-collection');
    expect(collection?.status).to.be.oneOf(['partial', 'missing']);
    expect(collection?.checks.find((c) => c.check === 'dataset-digest')?.status).to.equal('missing');
    expect(item(body, 'measure-2.1-metrics')).to.equal('answered');
  });

  it('exits 2 when there is no such BOM or run, and when MLflow does not answer', async () => {
    const none = await evidence(['no-such-bom', '--framework', 'nist-ai-rmf']);
    expect(none.status).to.equal(2);
    expect(none.stderr).to.contain(`no BOM with this id in MLflow experiment ${experiment}, and no run with this id`);
    const closed = await closedPort();
    const down = await runProcess(process.execPath, [CLI, 'evidence', 'ml-signed', '--mlflow', '--framework', 'nist-ai-rmf'], { cwd: dir, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: `http://127.0.0.1:${closed}`, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' } });
    expect(down.status).to.equal(2);
    expect(down.stderr).to.contain('MLflow is unreachable');
  });
});
