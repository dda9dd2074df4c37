/**
 * Credentials never leak: a full tracked run mirrored by MlflowRunSink through an authenticating proxy,
 * with secret params, a secret-bearing dataset URI and a tracking URI carrying user:password; every output
 * (logger, onError, stray stderr, the BOM, the MLflow run's params, tags and artifact, a spawned CLI) is
 * grepped for every secret and its encodings.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { expect } from 'chai';
import { MlflowClient, MlflowRunSink, TrainingWorkflowTracker, type Logger, type MlflowClientOptions } from '../../../src';
import { CLI } from '../../helpers/cli';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';

const TOKEN = `tok-${randomUUID()}`;
const PASSWORD = `pw-${randomUUID()}`;
const API_KEY = `sk-${randomUUID()}`;
const DB_PASSWORD = `db-${randomUUID()}`;
const URI_PASSWORD = `uri-${randomUUID()}`;
const SECRETS = [TOKEN, PASSWORD, API_KEY, DB_PASSWORD, URI_PASSWORD];
const ENCODED = SECRETS.flatMap((s) => [encodeURIComponent(s), Buffer.from(`alice:${s}`).toString('base64')]);
const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 1, timeoutSeconds: 10 };

function expectClean(label: string, text: string): void {
  for (const secret of [...SECRETS, ...ENCODED]) expect(text.includes(secret), `${label} leaks ${secret}`).to.equal(false);
}

function dump(value: unknown): string {
  return `${inspect(value, { depth: 10, showHidden: true })}\n${JSON.stringify(value, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v))}`;
}

describe('secrets never appear in any output (real MLflow behind an authenticating proxy)', function () {
  this.timeout(60000);
  const captured: string[] = [];
  const logger: Logger = { info: (m) => void captured.push(m), warn: (m) => void captured.push(m) };
  const errors: unknown[] = [];
  let proxy: FaultProxy;
  let upstream: MlflowClient;
  let dir: string;
  let stderrWrite: typeof process.stderr.write;

  before(async () => {
    const server = await mlflowServer();
    proxy = await FaultProxy.start(server.url, { requireBearer: TOKEN });
    upstream = new MlflowClient({ trackingUri: server.url, env: {} });
    dir = mkdtempSync(join(tmpdir(), 'training-bom-secrets-'));
    stderrWrite = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(String(chunk));
      return (stderrWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
  });

  after(async () => {
    process.stderr.write = stderrWrite;
    await upstream.close();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function trackedRun(trackingUri: string, token: string | undefined): Promise<{ bomText: string; runId: string | undefined; journal: string }> {
    const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri, ...(token === undefined ? {} : { token }) }, experimentName: `secrets-${randomUUID()}` });
    const journal = { directory: join(dir, 'journals'), keep: true };
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger, onError: (e) => void errors.push(e), captureEnvironment: false, journal });
    tracker.startTraining(`secret-run-${randomUUID()}`)
      .registerDataset(`s3://AKIAEXAMPLE:${DB_PASSWORD}@bucket/data.parquet`, 100)
      .registerFeatures(['a', 'b'], ['a'])
      .registerModel('LogisticRegression', 'linear');
    tracker.logParameters({
      password: PASSWORD, api_key: API_KEY, hf_token: TOKEN, learning_rate: 0.1,
      database_url: `postgresql://bob:${DB_PASSWORD}@db.internal:5432/features`,
      headers: { Authorization: `Bearer ${TOKEN}` }, proxy_auth: `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`,
    });
    for (let step = 0; step < 20; step++) tracker.logMetric('loss', 1 / (step + 1), step);
    const bom = tracker.finalizeTraining();
    await tracker.close();
    return { bomText: bom.toJSONString(2), runId: sink.runId, journal: tracker.journalPath as string };
  }

  it('a run with the right token: BOM, MLflow params, tags and artifact, logs and a spawned CLI are clean', async () => {
    const { bomText, runId, journal } = await trackedRun(proxy.url, TOKEN);
    expectClean('the journal', readFileSync(journal, 'latin1'));
    expect(errors.map((e) => String(e))).to.deep.equal([]);
    expect(runId).to.be.a('string');
    const run = await upstream.getRun(runId as string);
    expect(run.params['password']).to.equal('***REDACTED***');
    expect(run.params['learning_rate']).to.equal('0.1');
    const artifact = Buffer.from(await upstream.downloadArtifact(runId as string, 'training_bom.json')).toString('utf8');
    expectClean('the BOM', bomText);
    expectClean('the MLflow run', dump(run));
    expectClean('the artifact', artifact);

    const file = join(dir, 'bom.json');
    writeFileSync(file, bomText);
    for (const args of [['validate', '--strict', file], ['show', file], ['export', '--format', 'cyclonedx', file], ['export', '--format', 'spdx3', file]]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20000 });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).to.equal(0);
      expectClean(`training-bom ${args[0] as string}`, r.stdout + r.stderr);
    }
    expectClean('the logger and stderr', captured.join('\n'));
  });

  it('a tracking URI with user:password (refused by the proxy, which echoes the header): errors and logs are clean', async () => {
    errors.length = 0;
    const uri = proxy.url.replace('http://', `http://alice:${URI_PASSWORD}@`);
    const { bomText, journal } = await trackedRun(uri, undefined);
    expectClean('the journal', readFileSync(journal, 'latin1'));
    const recovered = await runProcess(process.execPath, [CLI, 'recover', journal, '--out', join(dir, 'recovered')], {
      cwd: dir, timeoutMs: 30000, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: uri, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' },
    });
    expect(recovered.status, recovered.stdout).to.equal(1);
    expect(recovered.stdout).to.match(/401|UNAUTHENTICATED/);
    expectClean('training-bom recover', recovered.stdout + recovered.stderr);
    expect(errors.length).to.be.above(0);
    expect(errors.map((e) => String(e)).join('\n')).to.match(/401|UNAUTHENTICATED/);
    expectClean('onError', dump(errors));
    expectClean('the BOM', bomText);
    expectClean('the logger and stderr', captured.join('\n'));

    const client = new MlflowClient({ ...FAST, trackingUri: uri });
    const error = await client.getExperimentByName('Default').then(() => undefined, (e: unknown) => e);
    await client.close();
    expect(error).to.be.instanceOf(Error);
    expectClean('the client error', dump(error));

    // Spawned asynchronously: the proxy answers from this very process.
    const r = await runProcess(process.execPath, [CLI, 'from-mlflow', randomUUID().replace(/-/g, ''), '--out', join(dir, 'out')], {
      cwd: dir, timeoutMs: 30000, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: uri, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' },
    });
    expect(r.status).to.be.oneOf([1, 2]);
    expect(r.stderr).to.match(/401|UNAUTHENTICATED/);
    expect(r.stderr).to.not.match(/^\s+at /m);
    expectClean('training-bom from-mlflow', r.stdout + r.stderr);
  });
});
