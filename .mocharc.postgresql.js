/**
 * `npm run test:postgresql`: the MLflow integration suites once more, against MLflow's production topology:
 * the tracking server on PostgreSQL with four workers (test/helpers/postgres-server.ts starts a throwaway
 * cluster; mlflow-server.ts puts each MLflow test server on a database of its own in it). `npm test` runs
 * this after the main suite (SQLite, one worker).
 */
const base = require('./.mocharc.json');

process.env.TRAINING_BOM_TEST_MLFLOW_BACKEND ??= 'postgresql';

module.exports = {
  ...base,
  spec: ['test/integration/mlflow/**/*.test.ts', 'test/integration/store/mlflow-bom-store.test.ts', 'test/integration/cli/from-mlflow.test.ts', 'test/integration/governance/lineage.test.ts'],
  timeout: 60000,
};
