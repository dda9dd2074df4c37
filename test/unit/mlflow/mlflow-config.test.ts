import { expect } from 'chai';
import { InvalidArgumentError } from '../../../src';
import { resolveMlflowConfig } from '../../../src/mlflow/client/mlflow-config';

const URI = { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000' };

describe('MLflow client configuration', () => {
  it("uses MLflow 3's defaults when nothing is set", () => {
    const c = resolveMlflowConfig({ env: URI });
    expect(c.baseUrl).to.equal('http://127.0.0.1:5000');
    expect(c.retry).to.deep.equal({ maxRetries: 7, backoffFactorMs: 2000, backoffJitterMs: 1000, timeoutMs: 120_000, respectRetryAfter: true });
    expect(c.insecureTls).to.equal(false);
    expect(c.authorization).to.equal(undefined);
  });

  it("reads MLflow's environment variables", () => {
    const c = resolveMlflowConfig({
      env: {
        ...URI, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '3', MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '1', MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: '0.5',
        MLFLOW_HTTP_REQUEST_TIMEOUT: '30', MLFLOW_TRACKING_INSECURE_TLS: 'TRUE', MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER: '0',
        MLFLOW_EXPERIMENT_NAME: 'fraud', MLFLOW_RUN_ID: 'abc',
      },
    });
    expect(c.retry).to.deep.equal({ maxRetries: 3, backoffFactorMs: 1000, backoffJitterMs: 500, timeoutMs: 30_000, respectRetryAfter: false });
    expect(c.insecureTls).to.equal(true);
    expect(c.experimentName).to.equal('fraud');
    expect(c.runId).to.equal('abc');
  });

  it('lets options win over the environment', () => {
    const c = resolveMlflowConfig({ env: { ...URI, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '3' }, trackingUri: 'https://mlflow.example/prefix/', maxRetries: 0 });
    expect(c.baseUrl).to.equal('https://mlflow.example/prefix');
    expect(c.retry.maxRetries).to.equal(0);
  });

  it('sends MLFLOW_TRACKING_TOKEN as a bearer token', () => {
    expect(resolveMlflowConfig({ env: { ...URI, MLFLOW_TRACKING_TOKEN: 'tok-123' } }).authorization).to.equal('Bearer tok-123');
  });

  it('prefers username/password (Basic) over a token, as MLflow does', () => {
    const c = resolveMlflowConfig({ env: { ...URI, MLFLOW_TRACKING_TOKEN: 't', MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' } });
    expect(c.authorization).to.equal(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('moves credentials out of the tracking URI into Basic auth', () => {
    const c = resolveMlflowConfig({ env: {}, trackingUri: 'http://alice:s%40cret@127.0.0.1:5000/' });
    expect(c.baseUrl).to.equal('http://127.0.0.1:5000');
    expect(c.authorization).to.equal(`Basic ${Buffer.from('alice:s@cret').toString('base64')}`);
    expect(c.secrets).to.include('s@cret');
  });

  it('requires a tracking URI', () => {
    expect(() => resolveMlflowConfig({ env: {} })).to.throw(InvalidArgumentError, /MLFLOW_TRACKING_URI/);
  });

  it('rejects non-HTTP tracking URIs without echoing their credentials', () => {
    expect(() => resolveMlflowConfig({ env: {}, trackingUri: 'postgresql://u:hunter2@db/mlflow' }))
      .to.throw(InvalidArgumentError, /only http/).with.property('message').that.does.not.contain('hunter2');
  });

  for (const [name, value] of [
    ['MLFLOW_HTTP_REQUEST_MAX_RETRIES', '11'], ['MLFLOW_HTTP_REQUEST_MAX_RETRIES', '2.5'], ['MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR', '121'],
    ['MLFLOW_HTTP_REQUEST_BACKOFF_JITTER', '-1'], ['MLFLOW_HTTP_REQUEST_TIMEOUT', '0'], ['MLFLOW_HTTP_REQUEST_TIMEOUT', 'abc'],
    ['MLFLOW_TRACKING_INSECURE_TLS', 'yes'],
  ] as const) {
    it(`rejects ${name}=${value} naming the variable`, () => {
      const error = (() => { try { resolveMlflowConfig({ env: { ...URI, [name]: value } }); } catch (e) { return e; } return undefined; })();
      expect(error).to.be.instanceOf(InvalidArgumentError).with.property('argument', name);
    });
  }
});
