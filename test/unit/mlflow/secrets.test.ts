import { expect } from 'chai';
import { MlflowConnectionError, MlflowError } from '../../../src';
import { ConnectionFailure, StatusFailure, toMlflowError, type CallContext } from '../../../src/mlflow/client/error-mapping';
import { redactKnown, redactText } from '../../../src/core/redaction';
import { resolveMlflowConfig } from '../../../src/mlflow/client/mlflow-config';
import { RetriesFailed } from '../../../src/mlflow/client/retry';

const TOKEN = 'tok-VERY-secret-4242';
const PASSWORD = 'pa55-w0rd!';

function context(secrets: readonly string[]): CallContext {
  return { method: 'POST', path: '/api/2.0/mlflow/runs/create', baseUrl: 'http://127.0.0.1:5000', timeoutMs: 120_000, secrets };
}

describe('credentials never reach messages', () => {
  it('blanks a token the server echoes in its error body', () => {
    const { secrets } = resolveMlflowConfig({ env: {}, trackingUri: 'http://h', token: TOKEN });
    const body = JSON.stringify({ error_code: 'UNAUTHENTICATED', message: `bad Authorization: Bearer ${TOKEN}` });
    const error = toMlflowError(new RetriesFailed(new StatusFailure(401, body, null), 'not-retryable', 1, 3), context(secrets));
    expect(error).to.be.instanceOf(MlflowError);
    expect(error.message).to.not.contain(TOKEN);
    expect(error.message).to.contain('UNAUTHENTICATED');
  });

  it('blanks a password and its Basic header in a non-JSON body', () => {
    const { secrets, authorization } = resolveMlflowConfig({ env: {}, trackingUri: 'http://h', username: 'u', password: PASSWORD });
    const body = `<html>denied for ${authorization} (${PASSWORD})</html>`;
    const error = toMlflowError(new RetriesFailed(new StatusFailure(403, body, null), 'not-retryable', 1, 3), context(secrets));
    expect(error.message).to.not.contain(PASSWORD);
    expect(error.message).to.not.contain((authorization as string).slice(6));
  });

  it('strips user:password from URLs in connection errors', () => {
    const cause = new TypeError('fetch failed', { cause: new Error(`connect to http://u:${PASSWORD}@10.0.0.1 failed`) });
    const error = toMlflowError(new RetriesFailed(new ConnectionFailure(cause, false), 'retries-exhausted', 8, 900), context([]));
    expect(error).to.be.instanceOf(MlflowConnectionError);
    expect(error.message).to.not.contain(PASSWORD);
    expect(error.message).to.contain('gave up after 8 attempts');
  });

  it('sanitizes every URL in a text', () => {
    expect(redactText('a https://x:y@h/p and http://z@q')).to.equal('a https://***@h/p and http://***@q');
  });

  it('redacts every occurrence of every secret', () => {
    expect(redactKnown('t t-long t', ['t-long', 't'])).to.equal('***REDACTED*** ***REDACTED*** ***REDACTED***');
  });

  it('removes the credentials of a signed URL the server echoes', () => {
    const body = JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'bad source https://b.s3.amazonaws.com/d?X-Amz-Signature=SIG-42&X-Amz-Date=1' });
    const error = toMlflowError(new RetriesFailed(new StatusFailure(400, body, null), 'not-retryable', 1, 3), context([]));
    expect(error.message).to.not.contain('SIG-42');
    expect(error.message).to.contain('X-Amz-Signature=***REDACTED***&X-Amz-Date=1');
  });
});

describe('MLflow error mapping', () => {
  it("keeps MLflow's error_code, status and message", () => {
    const body = '{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run with id=x not found"}';
    const error = toMlflowError(new RetriesFailed(new StatusFailure(404, body, null), 'not-retryable', 1, 2), context([])) as MlflowError;
    expect(error.code).to.equal('MLFLOW_HTTP');
    expect(error.status).to.equal(404);
    expect(error.errorCode).to.equal('RESOURCE_DOES_NOT_EXIST');
    expect(error.message).to.equal('MLflow POST /api/2.0/mlflow/runs/create failed with HTTP 404 RESOURCE_DOES_NOT_EXIST: Run with id=x not found');
    expect(error.call).to.deep.equal({ method: 'POST', path: '/api/2.0/mlflow/runs/create', attempts: 1, elapsedMs: 2 });
  });

  it("derives error_code from the status like MLflow's client when the body has none", () => {
    const error = toMlflowError(new RetriesFailed(new StatusFailure(503, 'Service Unavailable', null), 'retries-exhausted', 8, 1), context([])) as MlflowError;
    expect(error.errorCode).to.equal('TEMPORARILY_UNAVAILABLE');
    expect(error.message).to.contain('Service Unavailable').and.contain('retries exhausted');
  });

  it('marks a deadline expiry as timed out', () => {
    const abort = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const error = toMlflowError(new RetriesFailed(new ConnectionFailure(abort, true), 'deadline', 1, 120_000), context([])) as MlflowConnectionError;
    expect(error.code).to.equal('MLFLOW_CONNECTION');
    expect(error.timedOut).to.equal(true);
    expect(error.message).to.contain('MLFLOW_HTTP_REQUEST_TIMEOUT');
    expect(error.cause).to.equal(abort);
  });
});
