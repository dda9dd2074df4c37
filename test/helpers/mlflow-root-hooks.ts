/**
 * Mocha root hooks (listed under "require" in .mocharc.json): stops the shared MLflow test server, then the
 * PostgreSQL test cluster behind it if one was started, once, after every test file has run.
 */
import { stopMlflowServer } from './mlflow-server';
import { stopPostgresServer } from './postgres-server';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await stopMlflowServer();
    await stopPostgresServer();
  },
};
