/**
 * createTrainingBomFromMlflow's `attestation` option and `from-mlflow --attestation/--key` against the real MLflow
 * test server: signed runs (by MlflowRunSink), an unsigned one, a tampered envelope and hostile artifacts
 * uploaded to runs; each reported as what it is, the envelope stored beside the BOM, nothing thrown or printed raw.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  createTrainingBomFromMlflow, FileBomStore, MlflowClient, MlflowRunSink, TrainingWorkflowTracker, type DsseEnvelope, type MlflowClientOptions,
} from '../../../src';
import { CLI } from '../../helpers/cli';
import { mlflowServer } from '../../helpers/mlflow-server';
import { keyPair } from '../../helpers/attestation-fixtures';
import { expectPrintable } from '../../helpers/hostile-text';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';

const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 3, timeoutSeconds: 10 };
const quiet = { info: (): undefined => undefined, warn: (): undefined => undefined };
const ARTIFACT = 'training_bom.intoto.json';

interface Json { written: { runId: string; id: string; attestation?: { status: string; keyid?: string; problem?: string } }[] }

describe('attestations of BOMs read from MLflow (createTrainingBomFromMlflow, from-mlflow)', function () {
  this.timeout(120000);
  const pair = keyPair('ed25519');
  let url: string;
  let client: MlflowClient;
  let dir: string;
  const runs: Record<'signed' | 'unsigned' | 'tampered' | 'garbage' | 'hostileKeyid', string> = { signed: '', unsigned: '', tampered: '', garbage: '', hostileKeyid: '' };
  let envelope: DsseEnvelope;

  async function mirrored(sign: boolean): Promise<{ runId: string; envelope?: DsseEnvelope }> {
    const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: url }, experimentName: `attested-${randomUUID()}`, scheduledDelayMillis: 20 });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, ...(sign ? { sign: { key: pair.privateKeyPem } } : {}) });
    const id = `attested-${randomUUID()}`;
    tracker.startTraining(id).registerDataset('s3://bucket/train.parquet', 10).registerFeatures(['a'], ['a']).registerModel('MLP', 'dense');
    tracker.logMetric('loss', 0.5, 1);
    const model = join(dir, `${id}.json`);
    writeFileSync(model, `{"id":"${id}"}`);
    await tracker.registerModelArtifact(model);
    tracker.finalizeTraining();
    await tracker.close();
    return { runId: sink.runId as string, envelope: tracker.attestation };
  }

  before(async () => {
    url = (await mlflowServer()).url;
    client = new MlflowClient({ ...FAST, trackingUri: url });
    dir = mkdtempSync(join(tmpdir(), 'tbom-mlflow-attestation-'));
    const signed = await mirrored(true);
    runs.signed = signed.runId;
    envelope = signed.envelope as DsseEnvelope;
    runs.unsigned = (await mirrored(false)).runId;
    // one byte of the payload changed: the signature no longer holds
    runs.tampered = (await mirrored(true)).runId;
    const payload = Buffer.from(envelope.payload, 'base64');
    payload[payload.indexOf('loss') + 1] ^= 1;
    await client.uploadArtifact(runs.tampered, ARTIFACT, JSON.stringify({ ...envelope, payload: payload.toString('base64') }));
    runs.garbage = (await mirrored(true)).runId;
    await client.uploadArtifact(runs.garbage, ARTIFACT, '\u001b[2J{"payloadType": 1, "payload": "\u001b[31mred"');
    runs.hostileKeyid = (await mirrored(true)).runId;
    await client.uploadArtifact(runs.hostileKeyid, ARTIFACT, JSON.stringify({ ...envelope, signatures: [{ keyid: '\u001b[2J\u202e\u009b\u2028\nevil', sig: 'AAAA' }] }));
  });

  after(async () => {
    await client.close();
  });

  it('is off by default: the result is the BOM itself', async () => {
    const bom = await createTrainingBomFromMlflow(runs.signed, { client });
    expect(bom.id).to.match(/^attested-/);
  });

  it('a signed run verifies with the signer\'s key and names it; the envelope is the one uploaded', async () => {
    const { bom, attestation } = await createTrainingBomFromMlflow(runs.signed, { client, attestation: { keys: [pair.publicKeyPem] } });
    expect(attestation).to.include({ signed: true, verified: true, keyid: pair.keyid });
    expect(attestation.envelope).to.deep.equal(envelope);
    expect(bom.id).to.match(/^attested-/);
  });

  it('without keys a signed run is signed and not checked; an unsigned run is not signed', async () => {
    expect((await createTrainingBomFromMlflow(runs.signed, { client, attestation: true })).attestation).to.include({ signed: true, verified: undefined });
    expect((await createTrainingBomFromMlflow(runs.unsigned, { client, attestation: true })).attestation).to.include({ signed: false, verified: undefined });
  });

  it('another key, a tampered payload and a hostile artifact are signed and NOT verified, each saying why', async () => {
    const other = await createTrainingBomFromMlflow(runs.signed, { client, attestation: { keys: [keyPair('ecdsa-p256').publicKeyPem] } });
    expect(other.attestation).to.include({ signed: true, verified: false });
    expect(other.attestation.problem).to.contain('no signature verifies');
    const tampered = await createTrainingBomFromMlflow(runs.tampered, { client, attestation: { keys: [pair.publicKeyPem] } });
    expect(tampered.attestation).to.include({ signed: true, verified: false });
    expect(tampered.attestation.problem).to.contain('signature');
    const garbage = await createTrainingBomFromMlflow(runs.garbage, { client, attestation: true });
    expect(garbage.attestation).to.include({ signed: true, verified: false });
    expect(garbage.attestation.problem).to.contain('not a DSSE envelope: not valid JSON');
    expect(garbage.attestation.envelope).to.equal(undefined);
  });

  it('an envelope larger than maxEnvelopeBytes is refused without reading it all', async () => {
    const { attestation } = await createTrainingBomFromMlflow(runs.signed, { client, attestation: { keys: [pair.publicKeyPem], maxEnvelopeBytes: 100 } });
    expect(attestation).to.include({ signed: true, verified: false });
    expect(attestation.problem).to.contain('larger than the limit of 100 bytes');
  });

  it('refuses a bad attestation option by name', async () => {
    try {
      await createTrainingBomFromMlflow(runs.signed, { client, attestation: { maxEnvelopeBytes: -1 } });
      expect.fail('accepted');
    } catch (error) {
      expect((error as Error).message).to.contain('attestation.maxEnvelopeBytes');
    }
  });

  describe('from-mlflow --attestation / --key (spawned CLI)', () => {
    const run = (args: string[]): Promise<ProcessOutcome> =>
      runProcess(process.execPath, [CLI, 'from-mlflow', ...args], { cwd: tmpdir(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url } });

    it('--key reports each run, stores the envelopes beside the BOMs and exits 1 for those that do not verify', async () => {
      const out = mkdtempSync(join(tmpdir(), 'tbom-from-mlflow-att-'));
      writeFileSync(join(out, 'signer.pub'), pair.publicKeyPem);
      const r = await run([...Object.values(runs), '--out', out, '--key', join(out, 'signer.pub'), '--json']);
      expect(r.status, r.stderr).to.equal(1);
      const json = JSON.parse(r.stdout) as Json;
      const status = (runId: string): Record<string, unknown> | undefined => json.written.find((w) => w.runId === runId)?.attestation;
      expect(status(runs.signed)).to.deep.equal({ status: 'verified', keyid: pair.keyid });
      expect(status(runs.unsigned)).to.deep.equal({ status: 'unsigned' });
      for (const bad of [runs.tampered, runs.garbage, runs.hostileKeyid]) expect(status(bad)?.status, bad).to.equal('not-verified');
      const store = new FileBomStore(out);
      const signedId = json.written.find((w) => w.runId === runs.signed)?.id as string;
      expect(await store.getAttestation(signedId)).to.deep.equal(envelope);
      const unsignedId = json.written.find((w) => w.runId === runs.unsigned)?.id as string;
      expect(await store.getAttestation(unsignedId)).to.equal(undefined);
      const garbageId = json.written.find((w) => w.runId === runs.garbage)?.id as string;
      expect(await store.getAttestation(garbageId), 'what is not an envelope is not stored').to.equal(undefined);
    });

    it('prints one verdict per run and a summary, with the server\'s text escaped', async () => {
      const out = mkdtempSync(join(tmpdir(), 'tbom-from-mlflow-att-'));
      const r = await run([runs.signed, runs.unsigned, runs.hostileKeyid, runs.garbage, '--out', out, '--attestation']);
      expect(r.status, r.stderr).to.equal(1);
      expect(r.stdout).to.contain('signed, not verified (no --key given)').and.contain('not signed').and.contain('signed, NOT verified: training_bom.intoto.json: not a DSSE envelope');
      expect(r.stdout).to.contain('Attestations: 0 verified, 1 NOT verified, 2 signed but not checked (no --key), 1 not signed');
      expect(r.stdout + r.stderr).to.not.contain('\u001b');
      expectPrintable(r.stdout + r.stderr, 'from-mlflow --attestation');
    });

    it('with --key, a hostile key id in a signature is printed escaped', async () => {
      const out = mkdtempSync(join(tmpdir(), 'tbom-from-mlflow-att-'));
      writeFileSync(join(out, 'signer.pub'), pair.publicKeyPem);
      const r = await run([runs.hostileKeyid, '--out', out, '--key', join(out, 'signer.pub')]);
      expect(r.status).to.equal(1);
      expect(r.stdout).to.contain('signed, NOT verified');
      expect(r.stdout + r.stderr).to.not.contain('\u001b');
      expectPrintable(r.stdout + r.stderr, 'from-mlflow --key');
      expect(r.stdout, 'the key id, escaped on its run\'s line').to.contain('signature 0 (keyid \\u001b[2J\\u202e\\u009b\\u2028\\nevil) is not valid');
    });

    it('refuses a --key that is not a public key before any request', async () => {
      const out = mkdtempSync(join(tmpdir(), 'tbom-from-mlflow-att-'));
      writeFileSync(join(out, 'signer.key'), pair.privateKeyPem);
      const r = await run([runs.signed, '--out', out, '--key', join(out, 'signer.key')]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain('--key');
      expect(r.stdout + r.stderr).to.not.contain(pair.privateKeyPem.split('\n')[1]);
    });
  });
});
