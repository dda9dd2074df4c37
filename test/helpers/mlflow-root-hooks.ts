/**
 * Mocha root hooks (listed under "require" in .mocharc.json): stops the shared MLflow test server once,
 * after every test file has run.
 */
import { stopMlflowServer } from './mlflow-server';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await stopMlflowServer();
  },
};
