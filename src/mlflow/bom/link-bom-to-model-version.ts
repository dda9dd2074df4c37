/** `linkBomToModelVersion`: points a registered model version at the training BOM it came from. */
import { InvalidArgumentError } from '../../errors';
import { TrainingBOM } from '../../models/training-bom';
import { BOM_TAGS } from './conventions';
import { withMlflowClient, type MlflowClientChoice } from '../client/with-mlflow-client';

/** Options of {@link linkBomToModelVersion}. */
export interface LinkBomToModelVersionOptions extends MlflowClientChoice {
  /** The MLflow run the BOM describes (default: the model version's own `run_id`). */
  readonly runId?: string;
}

/** What {@link linkBomToModelVersion} wrote on the model version. */
export interface ModelVersionBomLink {
  /** Registered model name. */
  readonly name: string;
  /** Model version. */
  readonly version: string;
  /** Value of the `training_bom.id` tag. */
  readonly bomId: string;
  /** Value of the `training_bom.run_id` tag. */
  readonly runId: string;
}

/**
 * Tags a registered model version with the BOM's id (`training_bom.id`) and the run it came from
 * (`training_bom.run_id`), so a deployment record leads back to its training BOM; see
 * {@link createTrainingBomFromModelVersion} for the way back.
 * @throws InvalidArgumentError when the BOM id is empty, or no run id is given and the version has none;
 *   MlflowError `RESOURCE_DOES_NOT_EXIST` for an unknown model version.
 */
export async function linkBomToModelVersion(
  name: string, version: string | number, bom: TrainingBOM | string, options: LinkBomToModelVersionOptions = {},
): Promise<ModelVersionBomLink> {
  const bomId = bom instanceof TrainingBOM ? bom.id : bom;
  if (typeof bomId !== 'string' || bomId === '') throw new InvalidArgumentError('bom', 'must be a TrainingBOM or a non-empty BOM id');
  if (options.runId !== undefined && (typeof options.runId !== 'string' || options.runId === '')) {
    throw new InvalidArgumentError('runId', 'must be a non-empty string');
  }
  return withMlflowClient(options, async (client) => {
    const modelVersion = await client.getModelVersion(name, String(version));
    const runId = options.runId ?? modelVersion.runId;
    if (runId === undefined) {
      throw new InvalidArgumentError('runId', `model version ${name}/${modelVersion.version} has no run_id: pass options.runId`);
    }
    // The run id first: a link cut short after it still leads to the run.
    await client.setModelVersionTag(name, modelVersion.version, BOM_TAGS.runId, runId);
    await client.setModelVersionTag(name, modelVersion.version, BOM_TAGS.bomId, bomId);
    return { name, version: modelVersion.version, bomId, runId };
  });
}
