/** A BOM on an MLflow tracking server with what evidence needs beside it: its run's attestation and metric history. */
import type { AttestationKeyInput } from '../attestation/attestation-key';
import { MlflowError } from '../errors';
import type { TrainingBOM } from '../models/training-bom';
import { createTrainingBomFromMlflow } from '../mlflow/bom/create-training-bom-from-mlflow';
import { runMetricKeys } from '../mlflow/bom/query-index';
import { runsWithBomId } from '../mlflow/bom/runs-with-bom-id';
import type { RunAttestation } from '../mlflow/bom/run-attestation';
import type { MlflowClient } from '../mlflow/client/mlflow-client';
import type { MlflowRun } from '../mlflow/client/types';
import { withMlflowClient, type MlflowClientChoice } from '../mlflow/client/with-mlflow-client';
import { readRunHistory } from '../store/mlflow-history';
import type { MetricHistory } from '../tracker/metric-series';

/** Options of {@link readMlflowEvidence}. */
export interface MlflowEvidenceOptions extends MlflowClientChoice {
  /** The experiment searched for a BOM id (default: the client's, `MLFLOW_EXPERIMENT_NAME`, else `Default`). */
  readonly experimentName?: string;
  /** Trusted public keys to verify the run's attestation with. */
  readonly keys?: readonly AttestationKeyInput[];
}

/** What {@link readMlflowEvidence} found. */
export interface MlflowEvidence {
  readonly bom: TrainingBOM;
  readonly runId: string;
  readonly attestation: RunAttestation;
  readonly history: MetricHistory[];
}

/** The newest FINISHED run of the experiment whose `training_bom.id` tag is exactly `id`. */
async function runWithBomId(client: MlflowClient, id: string, experimentName: string): Promise<MlflowRun | undefined> {
  const experiment = await client.getExperimentByName(experimentName);
  return experiment === undefined ? undefined : (await runsWithBomId(client, experiment.experimentId, id))[0];
}

async function runWithId(client: MlflowClient, runId: string): Promise<MlflowRun | undefined> {
  try {
    return await client.getRun(runId);
  } catch (error) {
    if (error instanceof MlflowError && (error.errorCode === 'RESOURCE_DOES_NOT_EXIST' || error.errorCode === 'INVALID_PARAMETER_VALUE' || error.status === 404)) return undefined;
    throw error;
  }
}

/**
 * The BOM that `ref` names on the tracking server: the BOM with that id in the experiment (as
 * `MlflowBomStore.get`), else the run with that id (its `training_bom.json`, else a BOM built from its
 * data, as `createTrainingBomFromMlflow`); with its attestation status (checked with `keys`) and the run's
 * metric history. Undefined when neither exists.
 * @throws MlflowError when the server fails; BomValidationError for a corrupt BOM artifact.
 */
export async function readMlflowEvidence(ref: string, options: MlflowEvidenceOptions = {}): Promise<MlflowEvidence | undefined> {
  const { experimentName, keys, ...choice } = options;
  return withMlflowClient(choice, async (client) => {
    const run = (await runWithBomId(client, ref, experimentName ?? client.experimentName ?? 'Default')) ?? (await runWithId(client, ref));
    if (run === undefined) return undefined;
    const { bom, attestation } = await createTrainingBomFromMlflow(run.info.runId, { client, attestation: { keys: keys ?? [] } });
    const history = await readRunHistory(client, run.info.runId, runMetricKeys(run));
    return { bom, runId: run.info.runId, attestation, history };
  });
}
