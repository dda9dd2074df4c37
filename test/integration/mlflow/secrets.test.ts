/**
 * Credentials never leak: a full tracked run mirrored by MlflowRunSink through an authenticating proxy,
 * with secret params, a secret-bearing dataset URI and a tracking URI carrying user:password; every output
 * (logger, onError, stray stderr, the BOM, the MLflow run's params, tags and artifact, a spawned CLI) is
 * grepped for every secret and its encodings. Then signed URLs (AWS, GCS, Azure SAS, token/key/signature/
 * password parameters) as dataset origin, param, data-quality value and seed of runs through the real
 * server with the journal on, and in a foreign BOM file and a foreign MLflow run: none of their credential
 * values may reach the BOM, the journal, the MLflow run (params, tags, inputs, artifact) or the CLI.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { expect } from 'chai';
import { FileBomStore, MlflowClient, MlflowRunSink, TrainingBOM, TrainingWorkflowTracker, type Logger, type MlflowClientOptions } from '../../../src';
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
    });
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
      expectClean(`training-bom ${args[0]}`, r.stdout + r.stderr);
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
    expect(r.status, "401: credentials refused").to.equal(4);
    expect(r.stderr).to.match(/401|UNAUTHENTICATED/);
    expect(r.stderr).to.not.match(/^\s+at /m);
    expectClean('training-bom from-mlflow', r.stdout + r.stderr);
  });
});

describe('signed-URL credentials never appear in any output (real MLflow, journal on, spawned CLI)', function () {
  this.timeout(120000);
  const hex = (): string => randomUUID().replace(/-/g, '');
  const V = { awsCred: `AKIA${hex()}`, awsToken: hex(), awsSig: hex(), gcsCred: hex(), gcsSig: hex(), sasSig: hex(), token: hex(), accessToken: hex(), apiKey: hex(), key: hex(), signature: hex(), password: hex() };
  const URLS = {
    aws: `https://bucket.s3.amazonaws.com/data.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${V.awsCred}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request`
      + `&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=${V.awsToken}&X-Amz-Signature=${V.awsSig}`,
    gcs: `https://storage.googleapis.com/bucket/data.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=${V.gcsCred}&X-Goog-Date=20240101T000000Z&X-Goog-Expires=900&X-Goog-Signature=${V.gcsSig}`,
    sas: `https://acct.blob.core.windows.net/c/data.csv?sv=2022-11-02&sp=r&se=2030-01-01&sig=${V.sasSig}`,
    params: `https://host/data.csv?TOKEN=${V.token}&Access_Token=${V.accessToken}&api_key=${V.apiKey}&Key=${V.key}&Signature=${V.signature}&PASSWORD=${V.password}&page=2`,
  };
  const VALUES = Object.values(V);
  let server: Awaited<ReturnType<typeof mlflowServer>>;
  let client: MlflowClient;
  let dir: string;
  const logs: string[] = [];

  function expectNoValue(label: string, text: string): void {
    for (const value of VALUES) expect(text.includes(value), `${label} leaks ${value}`).to.equal(false);
  }

  async function spawnCli(args: readonly string[], expectedStatus = 0): Promise<string> {
    const r = await runProcess(process.execPath, [CLI, ...args], { cwd: dir, timeoutMs: 60000, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: server.url } });
    expect(r.status, `${args.join(' ')}: ${r.stderr}`).to.equal(expectedStatus);
    return r.stdout + r.stderr;
  }

  before(async () => {
    server = await mlflowServer();
    client = new MlflowClient({ trackingUri: server.url, env: {} });
    dir = mkdtempSync(join(tmpdir(), 'training-bom-signed-urls-'));
  });

  after(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tracked runs: BOM file, journal, MLflow params, tags, inputs and artifact, logs and show/list/from-mlflow output are clean', async () => {
    const store = new FileBomStore(join(dir, 'store'));
    const runIds: string[] = [];
    for (const [name, url] of Object.entries(URLS)) {
      const sink = new MlflowRunSink({ clientOptions: { ...FAST, trackingUri: server.url }, experimentName: `signed-${randomUUID()}` });
      const logger: Logger = { info: (m) => void logs.push(m), warn: (m) => void logs.push(m) };
      const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger, captureEnvironment: false, journal: { directory: join(dir, 'journals'), keep: true } });
      tracker.startTraining(`signed-${name}-${randomUUID()}`).registerDataset(url, 10).registerFeatures(['a'], ['a']).registerModel('m', 'linear');
      tracker.logParameter('source', url).logParameters({ nested: { urls: [url] } }).logDataQuality('source_url', url).registerSeed('split', url);
      tracker.logMetric('loss', 0.5, 0);
      const bom = tracker.finalizeTraining();
      const report = await tracker.close();
      expect(report.complete, name).to.equal(true);
      const path = await store.put(bom);
      expect(bom.datasetInfo.origin, name).to.contain('=***REDACTED***').and.to.contain(url.slice(0, url.indexOf('?')));
      expectNoValue(`${name}: the BOM file`, readFileSync(path, 'utf8'));
      expectNoValue(`${name}: the journal`, readFileSync(tracker.journalPath as string, 'latin1'));
      const run = await client.getRun(sink.runId as string);
      expect(run.datasetInputs.length, name).to.equal(1);
      expectNoValue(`${name}: the MLflow run (params, tags, inputs)`, dump(run));
      expectNoValue(`${name}: training_bom.json`, Buffer.from(await client.downloadArtifact(run.info.runId, 'training_bom.json')).toString('utf8'));
      runIds.push(run.info.runId);
      expectNoValue(`${name}: show`, await spawnCli(['show', path]));
      expectNoValue(`${name}: show --json`, await spawnCli(['show', '--json', path]));
    }
    expect(URLS.aws.includes(V.awsSig)).to.equal(true);
    expectNoValue('list', await spawnCli(['list', '--store', join(dir, 'store')]));
    expectNoValue('list --json', await spawnCli(['list', '--json', '--store', join(dir, 'store')]));
    for (const artifacts of ['tagged', 'none']) {
      const out = join(dir, `from-mlflow-${artifacts}`);
      expectNoValue(`from-mlflow --artifacts ${artifacts}`, await spawnCli(['from-mlflow', ...runIds, '--artifacts', artifacts, '--out', out, '--json']));
      for (const file of readdirSync(out).filter((f) => f.endsWith('.json'))) expectNoValue(`from-mlflow ${artifacts}: ${file}`, readFileSync(join(out, file), 'utf8'));
    }
    expectNoValue('the logger', logs.join('\n'));
  });

  it('a foreign BOM file and a foreign MLflow run: show, show --json, list, diff and from-mlflow are clean', async () => {
    const foreign = join(dir, 'foreign');
    const wire = (origin: string, id: string): TrainingBOM => new TrainingBOM({
      id, startTime: '2024-09-05T10:00:00.000Z', endTime: '2024-09-05T11:00:00.000Z', datasetInfo: { origin, size: 1 },
      featureInfo: { originalFeatures: ['a'], selectedFeatures: ['a'] }, modelInfo: { type: 'm', architecture: 'x' },
      mlflowParams: { gcs: URLS.gcs, sas: URLS.sas, password: V.password, params: URLS.params }, mlflowMetrics: { loss: 1 },
      additionalValues: { data_quality: { source: URLS.params }, seeds: { s: URLS.sas } },
    });
    const a = await new FileBomStore(foreign).put(wire(URLS.aws, 'foreign-a'));
    const b = await new FileBomStore(foreign).put(wire(URLS.gcs, 'foreign-b'));
    expect(readFileSync(a, 'utf8')).to.contain(V.awsSig);
    for (const args of [['show', a], ['show', '--json', b], ['list', '--store', foreign], ['list', '--json', '--store', foreign]]) {
      expectNoValue(args.join(' '), await spawnCli(args));
    }
    expectNoValue('diff', await spawnCli(['diff', a, b], 1));
    expectNoValue('diff --json', await spawnCli(['diff', '--json', '--environment', 'all', a, b], 1));

    const experiment = await client.createExperiment(`foreign-${randomUUID()}`);
    const run = await client.createRun({ experimentId: experiment, runName: 'foreign' });
    await client.logBatch(run.info.runId, { params: Object.entries({ dataset_size: '3', source: URLS.params, api_key: V.apiKey }).map(([key, value]) => ({ key, value })) });
    await client.logInputs(run.info.runId, [{ dataset: { name: 'd', digest: 'x', sourceType: 'http', source: JSON.stringify({ url: URLS.sas }) }, tags: { 'mlflow.data.context': 'training' } }]);
    const out = join(dir, 'from-foreign');
    expectNoValue('from-mlflow of a foreign run', await spawnCli(['from-mlflow', run.info.runId, '--out', out]));
    const [file] = readdirSync(out).filter((f) => f.endsWith('.json'));
    const text = readFileSync(join(out, file), 'utf8');
    expectNoValue('the BOM from a foreign run', text);
    expect(JSON.parse(text)).to.deep.include({ dataset_info: { origin: URLS.sas.replace(V.sasSig, '***REDACTED***'), size: 3 } });
  });
});
