/**
 * The test bed itself: the MLflow test server keeps runs where TRAINING_BOM_TEST_MLFLOW_BACKEND says
 * (`npm test` runs the MLflow suites on SQLite with one worker, `npm run test:postgresql` again on
 * PostgreSQL with four), checked in the database itself rather than through the server.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { MlflowClient } from '../../../src';
import { mlflowServer, mlflowTestBackend, type MlflowTestServer } from '../../helpers/mlflow-server';
import { postgresServer } from '../../helpers/postgres-server';

describe('the MLflow test server backend', function () {
  let server: MlflowTestServer;
  let client: MlflowClient;

  before(async function () {
    this.timeout(120_000);
    server = await mlflowServer();
    client = new MlflowClient({ trackingUri: server.url, env: {} });
  });

  after(async () => client?.close());

  it(`is the one asked for (${mlflowTestBackend()})`, () => {
    expect(server.backend).to.equal(mlflowTestBackend());
    expect(server.backendStoreUri.startsWith(server.backend === 'postgresql' ? 'postgresql+psycopg2://' : 'sqlite:///')).to.equal(true);
    expect(server.workers).to.equal(server.backend === 'postgresql' ? 4 : 1);
  });

  it('stores a run and its points in that database', async function () {
    this.timeout(60_000);
    const experimentId = (await client.getOrCreateExperiment(`backend-${randomUUID()}`)).experimentId;
    const runId = (await client.createRun({ experimentId, runName: 'backend' })).info.runId;
    const metrics = Array.from({ length: 50 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), timestamp: 1_700_000_000_000 + step, step }));
    await client.logBatch(runId, { metrics });
    if (server.backend === 'postgresql') {
      const database = /^postgresql\+psycopg2:\/\/[^/]*\/([^?]+)/.exec(server.backendStoreUri)?.[1] ?? '';
      const pg = await postgresServer();
      const count = pg.query(database, `SELECT count(*) FROM metrics WHERE run_uuid = '${runId.replace(/[^0-9a-f]/g, '')}' AND key = 'loss'`);
      expect(Number(count.trim())).to.equal(50);
    } else {
      const file = join(server.dir, 'mlflow.db');
      expect(existsSync(file)).to.equal(true);
      expect(statSync(file).size).to.be.greaterThan(0);
    }
    expect((await client.getRun(runId)).metrics.loss?.value).to.equal(1 / 50);
  });
});
