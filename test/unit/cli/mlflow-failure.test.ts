import { expect } from 'chai';
import { InvalidArgumentError, MlflowConnectionError, MlflowError, type MlflowCallInfo, type MlflowConnectionReason } from '../../../src';
import { cliClientOptions, FIRST_CONTACT_GRACE_SECONDS, mlflowStop } from '../../../src/cli/mlflow-failure';

const call = (path = '/api/2.0/mlflow/runs/get'): MlflowCallInfo => ({ method: 'GET', path, attempts: 1, elapsedMs: 3 });
const unreachable = (reason: MlflowConnectionReason): MlflowConnectionError => new MlflowConnectionError('http://h', false, 'x', call(), { reason });
const env = { MLFLOW_TRACKING_URI: 'https://alice:pw-1234@mlflow.example/prefix?token=abc' };

describe('how the CLI stops on MLflow failures', () => {
  for (const [reason, exitCode] of [['refused', 2], ['unresolvable', 2], ['network', 2], ['timeout', 2], ['invalid-url', 3], ['tls', 3]] as const) {
    it(`exits ${exitCode} for a connection failure of reason ${reason}`, () => {
      expect(mlflowStop(unreachable(reason), undefined, env)?.exitCode).to.equal(exitCode);
    });
  }

  it('exits 4 for 401 and 403, and 3 for a 404 without MLflow\'s body on the API path', () => {
    expect(mlflowStop(new MlflowError(401, 'UNAUTHENTICATED', 'x', call()), undefined, env)?.exitCode).to.equal(4);
    expect(mlflowStop(new MlflowError(403, 'PERMISSION_DENIED', 'x', call()), undefined, env)?.exitCode).to.equal(4);
    expect(mlflowStop(new MlflowError(404, 'ENDPOINT_NOT_FOUND', 'x', call()), undefined, env)?.exitCode).to.equal(3);
  });

  it('leaves failures about one run to the command (an unknown run, a 404 on an artifact path)', () => {
    expect(mlflowStop(new MlflowError(404, 'RESOURCE_DOES_NOT_EXIST', 'x', call()), undefined, env)).to.equal(undefined);
    expect(mlflowStop(new MlflowError(404, 'ENDPOINT_NOT_FOUND', 'x', call('/api/2.0/mlflow-artifacts/artifacts/0/r')), undefined, env)).to.equal(undefined);
    expect(mlflowStop(new InvalidArgumentError('--experiment', 'no such experiment'), undefined, env)).to.equal(undefined);
  });

  it('exits 3 for an unusable tracking URI', () => {
    expect(mlflowStop(new InvalidArgumentError('trackingUri', 'not a URL'), undefined, env)?.exitCode).to.equal(3);
  });

  it('names the URI it used, where it came from, without its credentials', () => {
    const hint = mlflowStop(unreachable('refused'), undefined, env)?.hint ?? '';
    expect(hint).to.contain('MLFLOW_TRACKING_URI is https://***@mlflow.example/prefix?token=***REDACTED***').and.not.contain('pw-1234');
    expect(mlflowStop(unreachable('refused'), 'http://127.0.0.1:1', env)?.hint).to.contain('--tracking-uri is http://127.0.0.1:1');
  });
});

describe('the CLI\'s MLflow client options', () => {
  it('grant the first-contact grace by default', () => {
    expect(cliClientOptions({}, {})).to.include({ firstContactGraceSeconds: FIRST_CONTACT_GRACE_SECONDS });
  });

  it('lift the grace and the retry cap with --retry-for', () => {
    const options = cliClientOptions({ retryFor: 300 }, {});
    expect(options).to.include({ timeoutSeconds: 300, maxRetries: 10 });
    expect(options.firstContactGraceSeconds).to.equal(undefined);
  });

  it('lift the grace when MLFLOW_HTTP_REQUEST_TIMEOUT is set, and keep MLFLOW_HTTP_REQUEST_MAX_RETRIES', () => {
    expect(cliClientOptions({}, { MLFLOW_HTTP_REQUEST_TIMEOUT: '300' }).firstContactGraceSeconds).to.equal(undefined);
    expect(cliClientOptions({ retryFor: 30 }, { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '2' }).maxRetries).to.equal(undefined);
  });

  it('print each retry as one escaped line: what failed, the attempt, the next try', () => {
    const lines: string[] = [];
    cliClientOptions({ say: (l) => lines.push(l) }, {}).onRetry?.({
      method: 'GET', path: '/api/2.0/mlflow/runs/get', failure: 'connect ECONNREFUSED\n127.0.0.1:5000', attempt: 2, maxAttempts: 8, delayMs: 4500, elapsedMs: 10,
    });
    expect(lines).to.deep.equal(['training-bom: MLflow GET /api/2.0/mlflow/runs/get: connect ECONNREFUSED\\n127.0.0.1:5000; attempt 2 of at most 8 failed, next try in 4.5 s\n']);
  });
});
