/**
 * `training-bom from-mlflow` when MLflow is wrong or away, spawned as a process with MLflow's defaults
 * (7 retries, 120 s): each failure no retry can heal ends at once, an unresolvable name or a refused port
 * after the first-contact grace, each with its own message and exit code, well within 15 s (they took
 * about 125 s before). The servers that answer 401 and 404 stand for a front end or a wrong server.
 */
import { expect } from 'chai';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../../helpers/cli';
import { answering, unusedPort, type LoopbackServer } from '../../helpers/loopback-http';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';

const RUN_ID = '0123456789abcdef0123456789abcdef';
const BOUND_MS = 15_000;

interface Timed extends ProcessOutcome {
  readonly ms: number;
}

async function fromMlflow(trackingUri: string, ...extra: string[]): Promise<Timed> {
  const started = Date.now();
  const out = mkdtempSync(join(tmpdir(), 'training-bom-failfast-'));
  const r = await runProcess(process.execPath, [CLI, 'from-mlflow', RUN_ID, '--out', out, ...extra], {
    cwd: tmpdir(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: trackingUri }, timeoutMs: 60_000,
  });
  return { ...r, ms: Date.now() - started };
}

describe('from-mlflow fails fast when MLflow is wrong or away (spawned CLI, MLflow default retries)', function () {
  this.timeout(90_000);
  let unauthorized: LoopbackServer;
  let notMlflow: LoopbackServer;

  before(async () => {
    unauthorized = await answering(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
    notMlflow = await answering(404, '<html><body>Not Found</body></html>');
  });

  after(async () => {
    await unauthorized?.close();
    await notMlflow?.close();
  });

  it('a refused port: exit 2 after the grace, saying what was tried, which URI, and how to wait longer', async () => {
    const port = await unusedPort();
    const r = await fromMlflow(`http://127.0.0.1:${port}`);
    expect(r.status, r.stderr).to.equal(2);
    expect(r.ms).to.be.below(BOUND_MS);
    expect(r.stderr).to.contain('MLflow is unreachable').and.contain('ECONNREFUSED').and.contain('is the server running');
    expect(r.stderr).to.contain(`MLFLOW_TRACKING_URI is http://127.0.0.1:${port}`).and.contain('--retry-for');
    expect(r.stderr).to.match(/attempt 1 of at most 8 failed, next try in 0\.0 s/);
    expect(r.stderr).to.match(/gave up after 3 attempts in \d\.\d s: the server has not answered once/);
    expect(r.stderr).to.not.match(/\n\s+at /);
  });

  it('a bad port (fetch refuses 127.0.0.1:9): exit 3 at once, one attempt, naming the port problem', async () => {
    const r = await fromMlflow('http://127.0.0.1:9');
    expect(r.status, r.stderr).to.equal(3);
    expect(r.ms).to.be.below(BOUND_MS);
    expect(r.stderr).to.contain('the MLflow tracking URI is unusable').and.contain('bad port');
    expect(r.stderr).to.not.contain('attempt 1 of');
  });

  it('an unresolvable name: exit 2 after the grace, saying the name does not resolve', async () => {
    const r = await fromMlflow('http://no-such-host.invalid:5000');
    expect(r.status, r.stderr).to.equal(2);
    expect(r.ms).to.be.below(BOUND_MS);
    expect(r.stderr).to.contain('ENOTFOUND no-such-host.invalid').and.contain('the host name does not resolve');
  });

  it('plain HTTP where https:// was asked: exit 3 at once, pointing at http://', async () => {
    const r = await fromMlflow(notMlflow.url.replace('http:', 'https:'));
    expect(r.status, r.stderr).to.equal(3);
    expect(r.ms).to.be.below(BOUND_MS);
    expect(r.stderr).to.contain('TLS with MLflow failed').and.contain('wrong version number').and.contain('use http://');
  });

  it('a server that answers 401: exit 4 at once, pointing at the credentials, without asking twice', async () => {
    const before = unauthorized.requests;
    const r = await fromMlflow(unauthorized.url, '--tracking-uri', unauthorized.url.replace('//', '//alice:s3cret-pw@'));
    expect(r.status, r.stderr).to.equal(4);
    expect(r.ms).to.be.below(BOUND_MS);
    expect(r.stderr).to.contain('MLflow refused the credentials').and.contain('HTTP 401').and.contain('MLFLOW_TRACKING_TOKEN');
    expect(r.stderr, 'the URI is shown without its password').to.contain('--tracking-uri is http://***@127.0.0.1').and.not.contain('s3cret-pw');
    expect(unauthorized.requests - before).to.equal(1);
  });

  it('a server that answers 404 on the API path: exit 3 at once, saying it is not an MLflow server or the base path is wrong', async () => {
    const r = await fromMlflow(notMlflow.url);
    expect(r.status, r.stderr).to.equal(3);
    expect(r.ms).to.be.below(BOUND_MS);
    expect(r.stderr).to.contain('no MLflow tracking server answers at this URI').and.contain('right base path');
  });

  it('an unsupported scheme: exit 3 at once, before any request', async () => {
    const r = await fromMlflow('file:///tmp/mlruns');
    expect(r.status, r.stderr).to.equal(3);
    expect(r.stderr).to.contain('the MLflow tracking URI is unusable').and.contain('only http:// and https://');
  });

  it('--retry-for waits longer before giving up on a refused port (and says so on each retry)', async () => {
    const port = await unusedPort();
    const r = await fromMlflow(`http://127.0.0.1:${port}`, '--retry-for', '20');
    expect(r.status, r.stderr).to.equal(2);
    expect(r.stderr, r.stderr).to.match(/attempt 3 of at most 11 failed, next try in (8\.\d|9\.0) s/);   // 8 s + up to 1 s of jitter
    expect(r.stderr).to.match(/gave up after 4 attempts in 1\d\.\d s: the next retry would pass the 20 s deadline/);
  });
});
