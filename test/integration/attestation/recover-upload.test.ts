/**
 * `recover --sign-key` for a run finalized (and mirrored to MLflow) before its process crashed: the
 * attestation is uploaded to that MLflow run when the server is reachable, and otherwise the CLI says it was
 * stored locally only (real MLflow test server; the CLI spawned).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FileBomStore, mlflowAttestationStatus, MlflowRunSink, TrainingWorkflowTracker, type MlflowClientOptions } from '../../../src';
import { CLI } from '../../helpers/cli';
import { mlflowServer } from '../../helpers/mlflow-server';
import { keyPair } from '../../helpers/attestation-fixtures';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';

const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 3, timeoutSeconds: 10 };
const quiet = { info: (): undefined => undefined, warn: (): undefined => undefined };

interface Outcome { mlflow?: { run_id: string | null; attestation_uploaded?: boolean }; attestation?: string; journal_kept: boolean; warnings: string[]; problems: string[] }

describe('recover --sign-key uploads the attestation of a run finalized before the crash (real MLflow)', function () {
  this.timeout(120000);
  const pair = keyPair('ed25519');
  let url: string;

  before(async () => {
    url = (await mlflowServer()).url;
  });

  /** A run mirrored to MLflow, finalized and delivered (FINISHED, its BOM uploaded, unsigned), whose process then died before closing. */
  async function finalizedThenCrashed(dir: string): Promise<{ journal: string; runId: string; id: string }> {
    const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: url }, experimentName: `recover-sign-${randomUUID()}`, scheduledDelayMillis: 20 });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet, captureEnvironment: false, journal: { directory: join(dir, 'store', 'journals'), durable: true } });
    const id = `finalized-${randomUUID()}`;
    tracker.startTraining(id).registerDataset('s3://bucket/train.parquet', 10).registerFeatures(['a'], ['a']).registerModel('MLP', 'dense');
    tracker.logMetric('loss', 0.5, 1);
    writeFileSync(join(dir, 'model.json'), `{"id":"${id}"}`);
    await tracker.registerModelArtifact(join(dir, 'model.json'));
    tracker.finalizeTraining();
    await tracker.flush();
    const journal = tracker.journalPath as string;
    writeFileSync(`${journal}.lock`, JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '0']).pid, host: hostname() }));
    return { journal, runId: sink.runId as string, id };
  }

  function recover(dir: string, journal: string, extra: string[], env: NodeJS.ProcessEnv): Promise<ProcessOutcome> {
    writeFileSync(join(dir, 'signer.key'), pair.privateKeyPem, { mode: 0o600 });
    return runProcess(process.execPath, [CLI, 'recover', journal, '--store', join(dir, 'store'), '--sign-key', join(dir, 'signer.key'), '--json', ...extra], { cwd: tmpdir(), env: { ...envWithoutMlflow(), ...env } });
  }

  it('uploads training_bom.intoto.json to the run, where it verifies against the run\'s BOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tbom-recover-sign-'));
    const { journal, runId, id } = await finalizedThenCrashed(dir);
    const before = await mlflowAttestationStatus(runId, { clientOptions: { ...FAST, trackingUri: url } });
    expect(before).to.include({ signed: false });
    const r = await recover(dir, journal, [], { MLFLOW_TRACKING_URI: url });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    const outcome = JSON.parse(r.stdout) as Outcome;
    expect(outcome.mlflow).to.deep.include({ run_id: runId, attestation_uploaded: true });
    expect(outcome.problems).to.deep.equal([]);
    const status = await mlflowAttestationStatus(runId, { clientOptions: { ...FAST, trackingUri: url }, keys: [pair.publicKeyPem] });
    expect(status).to.include({ signed: true, verified: true, keyid: pair.keyid, bomId: id });
    expect(await new FileBomStore(join(dir, "store")).getAttestation(id)).to.be.an("object");
    expect(existsSync(journal)).to.equal(false);
  });

  it('with --no-mlflow, says the attestation was stored locally only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tbom-recover-sign-'));
    const { journal, runId } = await finalizedThenCrashed(dir);
    const r = await recover(dir, journal, ['--no-mlflow'], { MLFLOW_TRACKING_URI: url });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    const outcome = JSON.parse(r.stdout) as Outcome;
    expect(outcome.warnings.join('\n')).to.contain('stored locally only').and.contain('--no-mlflow');
    expect(await mlflowAttestationStatus(runId, { clientOptions: { ...FAST, trackingUri: url } })).to.include({ signed: false });
  });

  it('without MLFLOW_TRACKING_URI, says the attestation was stored locally only, and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tbom-recover-sign-'));
    const { journal } = await finalizedThenCrashed(dir);
    const r = await recover(dir, journal, [], {});
    expect(r.status).to.equal(1);
    const outcome = JSON.parse(r.stdout) as Outcome;
    expect(outcome.warnings.join('\n')).to.contain('stored locally only').and.contain('MLFLOW_TRACKING_URI is not set');
    expect(outcome.attestation).to.be.a('string');
  });

  it('when the server cannot be reached, says so, keeps the journal and exits 1 (recover again later uploads it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tbom-recover-sign-'));
    const { journal, runId } = await finalizedThenCrashed(dir);
    const r = await recover(dir, journal, [], { MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' });
    expect(r.status, r.stdout + r.stderr).to.equal(1);
    const outcome = JSON.parse(r.stdout) as Outcome;
    expect(outcome.problems.join('\n')).to.contain(`not uploaded to MLflow run ${runId}`).and.contain('stored locally only');
    expect(outcome.journal_kept).to.equal(true);
    const again = await recover(dir, journal, [], { MLFLOW_TRACKING_URI: url });
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(await mlflowAttestationStatus(runId, { clientOptions: { ...FAST, trackingUri: url }, keys: [pair.publicKeyPem] })).to.include({ verified: true });
  });

  it('a text report names where the attestation went', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tbom-recover-sign-'));
    const { journal, runId } = await finalizedThenCrashed(dir);
    writeFileSync(join(dir, 'signer.key'), pair.privateKeyPem, { mode: 0o600 });
    const r = await runProcess(process.execPath, [CLI, 'recover', journal, '--store', join(dir, 'store'), '--sign-key', join(dir, 'signer.key')], { cwd: tmpdir(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url } });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`attestation uploaded to MLflow run ${runId}`);
  });
});
