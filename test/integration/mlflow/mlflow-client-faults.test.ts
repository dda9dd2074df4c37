/**
 * MlflowClient under outages: a fault-injecting proxy (test/helpers/fault-proxy.ts) in front of the real
 * MLflow server makes it refuse, fail, throttle, stall or lose responses; an unused loopback port plays a
 * server that is down.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { expect } from 'chai';
import { MlflowClient, MlflowConnectionError, MlflowError, type MlflowClientOptions, type MlflowRetryNotice } from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';
import { rejection } from '../../helpers/rejection';

/** Fast retries so outage tests take milliseconds: 50 ms backoff factor, no jitter. */
const FAST: MlflowClientOptions = { env: {}, backoffFactorSeconds: 0.05, backoffJitterSeconds: 0, maxRetries: 5, timeoutSeconds: 20 };


function unusedPort(): Promise<number> {
  return new Promise((ok) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

/** Everything an error could show: message, stack, properties, cause chain. */
function everything(error: unknown): string {
  return `${inspect(error, { depth: 10, showHidden: true })}\n${JSON.stringify(error)}`;
}

describe('MlflowClient through faults', function () {
  let mlflowUrl: string;
  let proxy: FaultProxy;
  let client: MlflowClient;
  let experimentId: string;
  const clients: MlflowClient[] = [];
  const make = (options: MlflowClientOptions): MlflowClient => {
    const c = new MlflowClient(options);
    clients.push(c);
    return c;
  };

  before(async function () {
    this.timeout(120_000);
    mlflowUrl = (await mlflowServer()).url;
    proxy = await FaultProxy.start(mlflowUrl);
    client = make({ ...FAST, trackingUri: proxy.url });
    experimentId = (await client.getOrCreateExperiment(`faults-${randomUUID()}`)).experimentId;
  });

  beforeEach(async () => {
    await proxy.setMode({ kind: 'pass' });
    proxy.requests.length = 0;
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await proxy?.close();
  });

  it('rides out a 503 storm and succeeds', async () => {
    await proxy.setMode({ kind: 'status', status: 503, count: 3 });
    const run = await client.createRun({ experimentId, runName: 'after-storm' });
    expect(run.info.runName).to.equal('after-storm');
    expect(proxy.requests.map((r) => r.outcome)).to.deep.equal([503, 503, 503, 200]);
  });

  it('reports the last 503 once the retries run out', async () => {
    await proxy.setMode({ kind: 'status', status: 503, count: 100 });
    const error = await rejection(make({ ...FAST, trackingUri: proxy.url, maxRetries: 2 }).getExperimentByName('x'));
    expect(error).to.be.instanceOf(MlflowError).and.include({ status: 503, errorCode: 'TEMPORARILY_UNAVAILABLE' });
    expect((error as MlflowError).call.attempts).to.equal(3);
    expect((error as MlflowError).message).to.contain('retries exhausted');
  });

  it('does not retry a client error such as 400', async () => {
    await proxy.setMode({ kind: 'status', status: 400, count: 100 });
    const error = await rejection(client.getExperimentByName('x'));
    expect(error).to.be.instanceOf(MlflowError).with.property('status', 400);
    expect(proxy.requests).to.have.length(1);
  });

  it("honours a 429's Retry-After instead of retrying at once", async () => {
    await proxy.setMode({ kind: 'status', status: 429, count: 1, retryAfter: '1' });
    const started = Date.now();
    await client.searchRunsPage({ experimentIds: [experimentId] });
    const elapsed = Date.now() - started;
    expect(proxy.requests.map((r) => r.outcome)).to.deep.equal([429, 200]);
    expect(elapsed).to.be.within(950, 5000); // without Retry-After the first retry is immediate
  });

  it('retries a request whose response was lost, and the server keeps each point once', async () => {
    const runId = (await client.createRun({ experimentId })).info.runId;
    await proxy.setMode({ kind: 'drop-response', count: 1 });
    proxy.requests.length = 0;
    const metrics = [0, 1, 2].map((step) => ({ key: 'loss', value: step / 10, step, timestamp: 1000 + step }));
    await client.logBatch(runId, { metrics, params: [{ key: 'lr', value: '0.1' }] });
    expect(proxy.requests.map((r) => r.outcome)).to.deep.equal(['dropped', 200]);
    const history = [];
    for await (const m of client.getMetricHistory(runId, 'loss')) history.push(m);
    expect(history.map((m) => m.step).sort()).to.deep.equal([0, 1, 2]);
  });

  it('retries refused connections until the server is back', async () => {
    await proxy.setMode({ kind: 'refuse' });
    const reopen = setTimeout(() => void proxy.setMode({ kind: 'pass' }), 400);
    try {
      const started = Date.now();
      const found = await make({ ...FAST, trackingUri: proxy.url, maxRetries: 10 }).getExperimentByName('x');
      expect(found).to.equal(undefined);
      expect(Date.now() - started).to.be.at.least(350);
    } finally {
      clearTimeout(reopen);
    }
  });

  it('gives a server that never answered only the first-contact grace, with the reason and a hint', async () => {
    await proxy.setMode({ kind: 'refuse' });
    const error = await rejection(make({ ...FAST, trackingUri: proxy.url, maxRetries: 10, firstContactGraceSeconds: 0.3 }).getExperimentByName('x'));
    expect(error).to.be.instanceOf(MlflowConnectionError).and.include({ reason: 'refused' });
    expect((error as Error).message).to.contain('the server has not answered once').and.contain('is the server running');
    expect((error as MlflowConnectionError).call.attempts).to.be.below(11);
  });

  it('gives a server that has answered the full policy, grace or not', async () => {
    const graced = make({ ...FAST, trackingUri: proxy.url, maxRetries: 10, firstContactGraceSeconds: 0.1 });
    await graced.getExperimentByName('x');
    await proxy.setMode({ kind: 'refuse' });
    const reopen = setTimeout(() => void proxy.setMode({ kind: 'pass' }), 600);
    try {
      expect(await graced.getExperimentByName('x')).to.equal(undefined);
    } finally {
      clearTimeout(reopen);
    }
  });

  it('tells onRetry of each retry, with what failed', async () => {
    await proxy.setMode({ kind: 'status', status: 503, count: 2 });
    const notices: MlflowRetryNotice[] = [];
    await make({ ...FAST, trackingUri: proxy.url, onRetry: (n) => notices.push(n) }).getExperimentByName('x');
    expect(notices.map((n) => [n.failure, n.attempt, n.maxAttempts])).to.deep.equal([['HTTP 503 TEMPORARILY_UNAVAILABLE', 1, 6], ['HTTP 503 TEMPORARILY_UNAVAILABLE', 2, 6]]);
  });

  it('ends a call in flight, retry sleeps included, when the client is closed', async () => {
    await proxy.setMode({ kind: 'refuse' });
    const closing = new MlflowClient({ ...FAST, trackingUri: proxy.url, backoffFactorSeconds: 60, timeoutSeconds: 3600 });
    const pending = rejection(closing.getExperimentByName('x'));
    setTimeout(() => void closing.close(), 200);
    const error = await pending;   // a minute of backoff otherwise: mocha's timeout would fail the test
    expect(error).to.be.instanceOf(MlflowConnectionError);
    expect((error as Error).message).to.contain('the client was closed after 2 attempts');
  });

  it('times out a stalled server within the call deadline', async () => {
    await proxy.setMode({ kind: 'delay', ms: 5000 });
    const started = Date.now();
    const error = await rejection(make({ ...FAST, trackingUri: proxy.url, timeoutSeconds: 1 }).getExperimentByName('x'));
    expect(Date.now() - started).to.be.within(900, 2500);
    expect(error).to.be.instanceOf(MlflowConnectionError).with.property('timedOut', true);
    expect((error as Error).message).to.contain('MLFLOW_HTTP_REQUEST_TIMEOUT');
  });

  it('says clearly when no server listens at the tracking URI', async () => {
    const port = await unusedPort();
    const error = await rejection(make({ ...FAST, trackingUri: `http://127.0.0.1:${port}`, maxRetries: 2 }).getRun('abc'));
    expect(error).to.be.instanceOf(MlflowConnectionError).and.include({ code: 'MLFLOW_CONNECTION', url: `http://127.0.0.1:${port}`, timedOut: false });
    const message = (error as Error).message;
    expect(message).to.contain(`Cannot reach the MLflow tracking server at http://127.0.0.1:${port}`);
    expect(message).to.contain('ECONNREFUSED');
    expect((error as MlflowConnectionError).call.attempts).to.equal(3);
  });

  describe('behind a front end that requires a bearer token', () => {
    // MLflow OSS has no authentication by default; the proxy checks the token (and, like a careless
    // front end, echoes the Authorization header it got in its 401 body).
    const RIGHT = `right-${randomUUID()}`;
    const WRONG = `wrong-${randomUUID()}`;
    let guarded: FaultProxy;

    before(async () => {
      guarded = await FaultProxy.start(mlflowUrl, { requireBearer: RIGHT });
    });

    after(async () => guarded?.close());

    it('works with the right token', async () => {
      const ok = make({ ...FAST, trackingUri: guarded.url, token: RIGHT });
      expect((await ok.getOrCreateExperiment(`auth-${randomUUID()}`)).experimentId).to.be.a('string');
    });

    it('fails with a clear 401 that never contains the token', async () => {
      const error = await rejection(make({ ...FAST, env: { MLFLOW_TRACKING_TOKEN: WRONG }, trackingUri: guarded.url }).getRun('abc'));
      expect(error).to.be.instanceOf(MlflowError).and.include({ status: 401, errorCode: 'UNAUTHENTICATED' });
      expect((error as Error).message).to.contain('MLFLOW_TRACKING_TOKEN');
      expect(guarded.requests.at(-1)?.outcome).to.equal(401);
      expect(everything(error)).to.not.contain(WRONG);
    });

    it('never shows a password from the tracking URI either', async () => {
      const password = `pw-${randomUUID()}`;
      const url = new URL(guarded.url);
      url.username = 'alice';
      url.password = password;
      const basic = Buffer.from(`alice:${password}`).toString('base64');
      const error = await rejection(make({ ...FAST, env: { MLFLOW_TRACKING_URI: url.toString() } }).getRun('abc'));
      expect(error).to.be.instanceOf(MlflowError).with.property('status', 401);
      expect(everything(error)).to.not.contain(password).and.not.contain(basic);
    });
  });
});
