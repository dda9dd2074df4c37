/**
 * TLS certificates are verified by default; MLFLOW_TRACKING_INSECURE_TLS turns verification off only
 * when set. A TLS-terminating proxy with a self-signed certificate (made with openssl) on 127.0.0.1 in
 * front of the real MLflow server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MlflowClient, MlflowConnectionError, type MlflowClientOptions } from '../../../src';
import { mlflowServer } from '../../helpers/mlflow-server';
import { request as httpRequest } from 'node:http';

describe('TLS verification (self-signed HTTPS proxy to the real MLflow server)', function () {
  this.timeout(60000);
  let dir: string;
  let server: Server;
  let httpsUrl: string;

  before(async function () {
    const upstream = new URL((await mlflowServer()).url);
    dir = mkdtempSync(join(tmpdir(), 'training-bom-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
        '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    } catch {
      this.skip(); // no openssl on this machine
    }
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    httpsUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    if (server !== undefined) await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function defaultExperiment(env: Record<string, string>): Promise<unknown> {
    const options: MlflowClientOptions = { trackingUri: httpsUrl, env: { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0', ...env } };
    const client = new MlflowClient(options);
    try {
      return await client.getExperimentByName('Default');
    } catch (error) {
      return error;
    } finally {
      await client.close();
    }
  }

  it('refuses a self-signed certificate by default, with a connection error naming the certificate problem', async () => {
    const error = await defaultExperiment({});
    expect(error).to.be.instanceOf(MlflowConnectionError);
    expect((error as Error).message).to.match(/certificate|TLS/i);
  });

  it('refuses it when MLFLOW_TRACKING_INSECURE_TLS is false', async () => {
    expect(await defaultExperiment({ MLFLOW_TRACKING_INSECURE_TLS: 'false' })).to.be.instanceOf(MlflowConnectionError);
  });

  it('accepts it when MLFLOW_TRACKING_INSECURE_TLS is true', async () => {
    const experiment = await defaultExperiment({ MLFLOW_TRACKING_INSECURE_TLS: 'true' });
    expect(experiment).to.not.be.instanceOf(Error);
    expect((experiment as { name: string }).name).to.equal('Default');
  });
});
