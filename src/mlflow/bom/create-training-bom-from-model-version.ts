/** `createTrainingBomFromModelVersion`: the way back from a registered model version to its training BOM. */
import { BomValidationError, InvalidArgumentError } from '../../errors';
import type { TrainingBOM } from '../../models/training-bom';
import { BOM_TAGS } from './conventions';
import { createTrainingBomFromMlflow, type CreateTrainingBomFromMlflowOptions } from './create-training-bom-from-mlflow';
import { withMlflowClient } from '../client/with-mlflow-client';

/**
 * The training BOM of a registered model version: built by {@link createTrainingBomFromMlflow} from the
 * run in the version's `training_bom.run_id` tag (set by {@link linkBomToModelVersion}), else from the
 * version's own `run_id`. When the version carries a `training_bom.id` tag, the BOM must have that id.
 * @throws InvalidArgumentError when the version names no run; BomValidationError when the BOM found has
 *   another id than the version's tag; MlflowError `RESOURCE_DOES_NOT_EXIST` for an unknown version or run.
 */
export async function createTrainingBomFromModelVersion(
  name: string, version: string | number, options: Omit<CreateTrainingBomFromMlflowOptions, 'attestation'> = {},
): Promise<TrainingBOM> {
  return withMlflowClient(options, async (client) => {
    const modelVersion = await client.getModelVersion(name, String(version));
    const runId = modelVersion.tags[BOM_TAGS.runId] ?? modelVersion.runId;
    if (runId === undefined || runId === '') {
      throw new InvalidArgumentError('version', `model version ${name}/${modelVersion.version} names no run: link it with linkBomToModelVersion()`);
    }
    const bom = await createTrainingBomFromMlflow(runId, { ...options, client, clientOptions: undefined, attestation: false });
    const linkedId = modelVersion.tags[BOM_TAGS.bomId];
    if (linkedId !== undefined && linkedId !== bom.id) {
      throw new BomValidationError(
        [{ path: 'id', message: `is '${bom.id}', but model version ${name}/${modelVersion.version} is linked to BOM '${linkedId}'` }],
        `The training BOM of MLflow run ${runId} is not the one the model version links to`,
      );
    }
    return bom;
  });
}
