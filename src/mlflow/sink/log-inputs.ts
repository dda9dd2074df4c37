import { MlflowError } from '../../errors';
import type { MlflowClient } from '../client/mlflow-client';
import type { MlflowDatasetInput } from '../client/types';

/** The answer of MLflow's SQL store when two writers insert the same row at once (SQLite, PostgreSQL, MySQL wording). */
const CONCURRENT_INSERT = /IntegrityError|UNIQUE constraint failed|duplicate key value violates unique constraint|Duplicate entry/i;

/**
 * `runs/log-inputs`, once more when it lost a race: MLflow's SQL store creates a dataset row on its first
 * use in an experiment, so two runs logging the same dataset at the same moment (a sweep's parallel
 * trials, distributed ranks) can both try to insert it, and the loser gets HTTP 400 with the database's
 * unique-constraint error. The dataset exists by then, so the same call again only links it to the run.
 */
export async function logInputsRacing(client: MlflowClient, runId: string, inputs: readonly MlflowDatasetInput[]): Promise<void> {
  try {
    await client.logInputs(runId, inputs);
  } catch (error) {
    if (!(error instanceof MlflowError && error.status === 400 && CONCURRENT_INSERT.test(error.message))) throw error;
    await client.logInputs(runId, inputs);
  }
}
