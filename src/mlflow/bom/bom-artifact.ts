/** Reads the BOM a tracker finalized from its run's `training_bom.json` artifact, when there is one. */
import { BomValidationError, InvalidArgumentError, MlflowError } from '../../errors';
import { TrainingBOM } from '../../models/training-bom';
import { proxiedArtifactRoot } from '../client/artifact-location';
import { BOM_ARTIFACT, BOM_TAGS } from './conventions';
import type { MlflowClient } from '../client/mlflow-client';
import type { MlflowRun } from '../client/types';

/** Whether the run keeps its artifacts where the tracking server serves them (`mlflow-artifacts:`). */
export function isProxied(run: MlflowRun): boolean {
  try {
    proxiedArtifactRoot(run.info.artifactUri);
    return true;
  } catch (error) {
    if (error instanceof InvalidArgumentError) return false;
    throw error;
  }
}

/**
 * The run's `training_bom.json`, parsed; `undefined` when the run has none or keeps its artifacts where
 * the tracking server does not serve them.
 * @throws BomValidationError naming the artifact when it is not a valid BOM, or when its id differs from
 *   the run's `training_bom.id` tag.
 */
export async function readBomArtifact(client: MlflowClient, run: MlflowRun): Promise<TrainingBOM | undefined> {
  if (!isProxied(run)) return undefined;
  const { runId } = run.info;
  let bytes: Uint8Array;
  try {
    bytes = await client.downloadArtifact(runId, BOM_ARTIFACT);
  } catch (error) {
    if (error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST') return undefined;
    throw error;
  }
  const context = `Artifact ${BOM_ARTIFACT} of MLflow run ${runId} is not a valid training BOM`;
  let bom: TrainingBOM;
  try {
    bom = TrainingBOM.parse(bytes);
  } catch (error) {
    if (error instanceof BomValidationError) throw new BomValidationError(error.issues, context);
    throw error;
  }
  const tagged = run.tags[BOM_TAGS.bomId];
  if (tagged !== undefined && tagged !== bom.id) {
    throw new BomValidationError([{ path: 'id', message: `is '${bom.id}', but the run's ${BOM_TAGS.bomId} tag says '${tagged}'` }], context);
  }
  return bom;
}
