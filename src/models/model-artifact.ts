import { BomValidationError } from '../errors';
import { IssueCollector } from '../validation/locators';
import { compareCodePoints, MODEL_ARTIFACTS } from '../validation/model-artifact-checks';
import type { TrainingBOM } from './training-bom';

/**
 * One file a training run produced (a model, its weights, its configuration), as the BOM records it in
 * `additional_values.model_artifacts` (TypeScript and wire names are the same).
 */
export interface ModelArtifact {
  /** The file's path relative to the registration's root, `/`-separated (e.g. `model/weights.bin`). */
  readonly name: string;
  /** `sha256:` and the 64 lower-case hex digits of the file's SHA-256. */
  readonly digest: string;
  /** The file's size in bytes. */
  readonly bytes: number;
}

/** The key of the model artifacts in `additional_values`. */
export const MODEL_ARTIFACTS_KEY = 'model_artifacts';

/**
 * The model artifacts a BOM records (`additional_values.model_artifacts`), sorted by name; `[]` when it
 * records none. Checks them whatever mode the BOM was parsed in: each needs a safe relative `name`, a
 * `sha256:` digest and a byte count, names in code-point order and none twice.
 * @throws {@link BomValidationError} naming the path (`additional_values.model_artifacts.0.digest`) of each problem.
 */
export function modelArtifactsOf(bom: TrainingBOM): ModelArtifact[] {
  const all = bom.additionalValues;
  if (all === undefined || all === null || typeof all !== 'object' || !Object.prototype.hasOwnProperty.call(all, MODEL_ARTIFACTS_KEY)) return [];
  const value: unknown = all[MODEL_ARTIFACTS_KEY];
  const out = new IssueCollector();
  MODEL_ARTIFACTS(value, `additional_values.${MODEL_ARTIFACTS_KEY}`, out);
  const issues = out.done();
  if (issues.length > 0) throw new BomValidationError(issues, 'Invalid model artifacts');
  return (value as ModelArtifact[]).map((a) => Object.freeze({ name: a.name, digest: a.digest, bytes: a.bytes }));
}

/** Artifacts sorted by name in code-point order, as the BOM records them. */
export function sortedArtifacts(artifacts: Iterable<ModelArtifact>): ModelArtifact[] {
  return [...artifacts].sort((a, b) => compareCodePoints(a.name, b.name));
}
