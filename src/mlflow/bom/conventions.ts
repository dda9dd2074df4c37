/**
 * How a training BOM is laid out in an MLflow run, shared by the writer (MlflowRunSink) and the reader
 * (createTrainingBomFromMlflow). The param names are the specification's MLflow Integration Pattern.
 */
import { createHash } from 'node:crypto';
import type { JsonValue } from '../../core/json-types';
import type { ModelArtifact } from '../../models/model-artifact';

/** Params the specification's integration pattern reads the BOM's sections from. */
export const BOM_PARAMS = Object.freeze({
  datasetPath: 'dataset_path',
  datasetSize: 'dataset_size',
  originalFeatures: 'original_features',
  selectedFeatures: 'selected_features',
  modelType: 'model_type',
  modelArchitecture: 'model_architecture',
});

/** Tags the SDK sets on runs and model versions. */
export const BOM_TAGS = Object.freeze({
  /** The BOM id, on the run and on linked model versions. */
  bomId: 'training_bom.id',
  /** The MLflow run a model version's BOM came from. */
  runId: 'training_bom.run_id',
  /** The dataset's full digest when MLflow's 36-character digest column had to truncate it. */
  datasetDigest: 'training_bom.dataset_digest',
  /** The SDK version that wrote the run. */
  sdkVersion: 'training_bom.sdk_version',
});

/**
 * Prefixes of the keys that carry one named fact each: param `seed.<name>` holds a random seed
 * (`additional_values.seeds`), tag `training_bom.data_quality.<key>` a data-quality fact as JSON text
 * (`additional_values.data_quality`). docs/mlflow.md says why a param and a tag.
 */
export const BOM_KEY_PREFIXES = Object.freeze({
  seed: 'seed.',
  dataQuality: 'training_bom.data_quality.',
  modelArtifact: 'training_bom.model_artifact.',
});

/** MLflow's own tags for the git checkout a run came from (`mlflow/utils/mlflow_tags.py`), which its UI shows. */
export const MLFLOW_GIT_TAGS = Object.freeze({
  commit: 'mlflow.source.git.commit',
  branch: 'mlflow.source.git.branch',
  repoUrl: 'mlflow.source.git.repoURL',
});

/** MLflow's tag linking a nested run (a sweep's trial) to its parent (`mlflow/utils/mlflow_tags.py`). */
export const MLFLOW_PARENT_RUN_TAG = 'mlflow.parentRunId';

/** The artifact path of the finalized BOM. */
export const BOM_ARTIFACT = 'training_bom.json';

/** The artifact path of the finalized BOM's signed attestation (DSSE envelope), beside {@link BOM_ARTIFACT}. */
export const ATTESTATION_ARTIFACT = 'training_bom.intoto.json';

/** MLflow's limits on one `runs/log-batch` request and on keys and values. */
export const MLFLOW_LIMITS = Object.freeze({
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  entitiesPerBatch: 1000,
  paramValueLength: 6000,
  tagValueLength: 8000,
  keyLength: 250,
  datasetDigestLength: 36,
});

// MLflow's own rule (mlflow/utils/validation.py): word characters (Unicode), `.`, `-`, ` `, `/`, `:`.
const VALID_KEY = /^[\p{L}\p{N}_./\- :]*$/u;

/** Why MLflow would reject this param/metric/tag name, or undefined if it accepts it. */
export function invalidKeyReason(key: string): string | undefined {
  if (key.length === 0) return 'is empty';
  if (key.length > MLFLOW_LIMITS.keyLength) return `is longer than ${MLFLOW_LIMITS.keyLength} characters`;
  if (!VALID_KEY.test(key)) return 'may only contain letters, digits, underscores, dashes, periods, spaces, colons and slashes';
  if (key.split('/').some((part) => part === '..' || part === '.') || key.startsWith('/')) return 'must be a relative path without . or ..';
  return undefined;
}

/** A param value as MLflow stores it: strings as they are, everything else as JSON. */
export function paramText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A feature list as a param value: a JSON array, so names with commas survive; undefined when too long. */
export function encodeFeatureList(features: readonly string[]): string | undefined {
  const text = JSON.stringify(features);
  return text.length <= MLFLOW_LIMITS.paramValueLength ? text : undefined;
}

/** A feature list from a param value: a JSON array of strings, or else the spec's comma-separated form. */
export function decodeFeatureList(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((f) => typeof f === 'string')) return parsed;
    } catch {
      // Not JSON after all: fall through to the comma-separated form.
    }
  }
  return text.split(',');
}

/** A seed from its param text: a number when the text is one as JSON writes it (`42`, `-1.5`), else the text. */
export function decodeSeed(text: string): number | string {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) && JSON.stringify(n) === text ? n : text;
}

/** A data-quality value from its tag text: the JSON it holds, or the text itself when it is not JSON. */
export function decodeDataQuality(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/**
 * The tag of a model artifact (`additional_values.model_artifacts`): key `training_bom.model_artifact.<name>`
 * when the name is a valid MLflow key that fits, else `training_bom.model_artifact.sha256-<hex of the name>`;
 * the value is the artifact as JSON (`{"name","digest","bytes"}`), which the reader trusts, not the key.
 * One key per name, so registering a name again overwrites its tag as it replaces the artifact.
 */
export function modelArtifactTag(artifact: ModelArtifact): { key: string; value: string } {
  const readable = `${BOM_KEY_PREFIXES.modelArtifact}${artifact.name}`;
  const key = invalidKeyReason(readable) === undefined
    ? readable
    : `${BOM_KEY_PREFIXES.modelArtifact}sha256-${createHash('sha256').update(artifact.name).digest('hex')}`;
  return { key, value: JSON.stringify({ name: artifact.name, digest: artifact.digest, bytes: artifact.bytes }) };
}
