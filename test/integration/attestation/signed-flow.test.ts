/**
 * Attestations in the flow: a tracker with `sign` signs at finalize; FileBomStore keeps the envelope in
 * `attestations/`; MlflowRunSink uploads it beside training_bom.json (real MLflow server); the status
 * functions and `show --key` say whether a BOM is signed and verifies; `recover --sign-key` signs a recovered BOM.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  AttestationError, attestationStatus, FileBomStore, mlflowAttestationStatus, MlflowRunSink, TrainingWorkflowTracker, verifyAttestation,
  type DsseEnvelope, type MlflowClientOptions, type TrainingBOM,
} from '../../../src';
import { cli } from '../../helpers/cli';
import { mlflowServer } from '../../helpers/mlflow-server';
import { keyPair } from '../../helpers/attestation-fixtures';

const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 3, timeoutSeconds: 10 };
const quiet = { info: (): undefined => undefined, warn: (): undefined => undefined };

async function run(tracker: TrainingWorkflowTracker, modelDir: string, id: string): Promise<TrainingBOM> {
  tracker.startTraining(id).registerDataset('s3://bucket/train.parquet', 10).registerFeatures(['a', 'b'], ['a']).registerModel('MLP', 'dense');
  tracker.logParameters({ lr: 0.1 });
  tracker.logMetric('loss', 0.5, 1);
  writeFileSync(join(modelDir, 'model.json'), `{"id":"${id}"}`);
  await tracker.registerModelArtifact(modelDir);
  return tracker.finalizeTraining();
}

describe('signed BOMs in the flow (tracker, store, MLflow, show, recover)', function () {
  this.timeout(90000);
  const pair = keyPair('ed25519');
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tbom-signed-flow-'));
  });

  it('the tracker signs at finalize; the store keeps the envelope beside the BOM; it verifies against the model', async () => {
    const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, sign: { key: pair.privateKeyPem } });
    const bom = await run(tracker, dir, `signed-${randomUUID()}`);
    const envelope = tracker.attestation as DsseEnvelope;
    expect(envelope.signatures[0].keyid).to.equal(pair.keyid);
    const store = new FileBomStore(join(dir, 'store'));
    await store.put(bom, { attestation: envelope });
    expect(store.attestationPathOf(bom.id)).to.equal(join(dir, 'store', 'attestations', `${bom.id}.intoto.json`));
    expect(await store.getAttestation(bom.id)).to.deep.equal(envelope);
    expect((await store.list()).map((s) => s.id)).to.deep.equal([bom.id]);
    const verified = await verifyAttestation(envelope, { keys: [pair.publicKeyPem], artifacts: [join(dir, 'model.json')] });
    expect(verified.bom?.toJSON()).to.deep.equal(bom.toJSON());
    expect(await attestationStatus(bom, envelope, [pair.publicKeyPem])).to.include({ signed: true, verified: true, keyid: pair.keyid });
    await store.put(bom);
    expect(await store.getAttestation(bom.id), 'a put without attestation removes the stale one').to.equal(undefined);
  });

  it('an edited BOM no longer matches its attestation; show --key says so and exits 1', async () => {
    const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, sign: { key: pair.privateKeyPem } });
    const bom = await run(tracker, dir, `edited-${randomUUID()}`);
    const store = new FileBomStore(join(dir, 'store'));
    await store.put(bom, { attestation: tracker.attestation });
    writeFileSync(join(dir, 'k.pub'), pair.publicKeyPem);
    const ok = cli(['show', bom.id, '--store', store.directory, '--key', join(dir, 'k.pub')]);
    expect(ok.status, ok.stderr).to.equal(0);
    expect(ok.stdout).to.contain(`verified: signed by keyid ${pair.keyid}`);
    bom.mlflowMetrics['loss'] = 0.01;
    writeFileSync(store.pathOf(bom.id), bom.toJSONString(2));
    const edited = cli(['show', bom.id, '--store', store.directory, '--key', join(dir, 'k.pub')]);
    expect(edited.status).to.equal(1);
    expect(edited.stdout).to.contain('NOT verified').and.contain('about another BOM');
    const unsignedStatus = await attestationStatus(bom, undefined, [pair.publicKeyPem]);
    expect(unsignedStatus).to.include({ signed: false });
  });

  it('the private key reaches neither the journal, the BOM, the envelope nor a log line', async () => {
    const lines: string[] = [];
    const logger = { info: (m: string): void => void lines.push(m), warn: (m: string): void => void lines.push(m) };
    const tracker = new TrainingWorkflowTracker({ logger, captureEnvironment: false, journal: { directory: join(dir, 'journals'), keep: true }, sign: { key: pair.privateKeyPem } });
    const bom = await run(tracker, dir, `secret-${randomUUID()}`);
    await tracker.close();
    const secret = pair.privateKeyPem.split('\n')[1].slice(0, 24);
    const journal = readFileSync(tracker.journalPath ?? readdirSync(join(dir, 'journals')).map((f) => join(dir, 'journals', f))[0]);
    expect(journal.toString('latin1'), 'the journal was read').to.contain(bom.id);
    for (const [what, text] of [['journal', journal.toString('latin1')], ['BOM', bom.toJSONString()], ['envelope', JSON.stringify(tracker.attestation)], ['log', lines.join('\n')]]) {
      expect(text, what).to.not.contain(secret);
      expect(text, what).to.not.contain('PRIVATE KEY');
    }
    expect(lines.join('\n')).to.contain(`signed by keyid ${pair.keyid}`);
  });

  it("the tracker signs the CycloneDX predicate by name (sign.predicate 'cyclonedx')", async () => {
    const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, sign: { key: pair.privateKeyPem, predicate: 'cyclonedx' } });
    await run(tracker, dir, `cdx-${randomUUID()}`);
    const verified = await verifyAttestation(tracker.attestation, { keys: [pair.publicKeyPem], artifacts: [join(dir, 'model.json')] });
    expect(verified.statement.predicateType).to.equal('https://cyclonedx.org/bom');
  });

  it('signing fails at finalize without model artifacts, and the tracker stays running', async () => {
    const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, sign: { key: pair.privateKeyPem } });
    tracker.startTraining('no-artifacts').registerDataset('d.csv', 1).registerFeatures(['a'], ['a']).registerModel('m', 'x');
    expect(() => tracker.finalizeTraining()).to.throw(AttestationError, /registerModelArtifact/);
    expect(tracker.state).to.equal('running');
  });

  it('MlflowRunSink uploads the envelope beside training_bom.json; mlflowAttestationStatus verifies it', async () => {
    const url = (await mlflowServer()).url;
    const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: url }, experimentName: `signed-${randomUUID()}`, scheduledDelayMillis: 20 });
    const errors: unknown[] = [];
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, onError: (e) => errors.push(e), sign: { key: pair.privateKeyPem, predicate: 'slsa' } });
    await run(tracker, dir, `mlflow-signed-${randomUUID()}`);
    await tracker.close();
    expect(errors).to.deep.equal([]);
    const clientOptions = { ...FAST, trackingUri: url };
    const status = await mlflowAttestationStatus(sink.runId as string, { clientOptions, keys: [pair.publicKeyPem] });
    expect(status).to.include({ signed: true, verified: true, keyid: pair.keyid, bomId: tracker.id });
    const other = await mlflowAttestationStatus(sink.runId as string, { clientOptions, keys: [keyPair('ecdsa-p256').publicKeyPem] });
    expect(other).to.include({ signed: true, verified: false });
    expect(other.problem).to.contain('no signature verifies');
  });

  it('recover --sign-key signs a recovered BOM, whose attested predicate says it was recovered', async () => {
    const store = join(dir, 'store');
    const tracker = new TrainingWorkflowTracker({ logger: quiet, captureEnvironment: false, journal: { directory: join(store, 'journals'), durable: true } });
    const id = `crashed-${randomUUID()}`;
    tracker.startTraining(id).registerDataset('d.csv', 1).registerFeatures(['a'], ['a']).registerModel('m', 'x');
    writeFileSync(join(dir, 'model.json'), 'weights');
    await tracker.registerModelArtifact(join(dir, 'model.json'));
    tracker.logMetric('loss', 1, 0);
    const journal = tracker.journalPath as string;
    // the crash: the process is gone, its lock orphaned
    writeFileSync(`${journal}.lock`, JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '0']).pid, host: hostname() }));
    writeFileSync(join(dir, 'signer.key'), pair.privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'signer.pub'), pair.publicKeyPem);
    const r = cli(['recover', journal, '--store', store, '--sign-key', join(dir, 'signer.key'), '--no-mlflow']);
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.contain('attestation: ');
    const envelope = await new FileBomStore(store).getAttestation(id);
    const verified = await verifyAttestation(envelope, { keys: [pair.publicKeyPem], artifacts: [join(dir, 'model.json')] });
    expect(verified.bom?.additionalValues?.['recovery']).to.be.an('object');
  });
});
