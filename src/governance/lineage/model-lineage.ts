/** `modelLineage`: from a registered model version back to its run, BOM, dataset, features, sweep and signature. */
import { InvalidArgumentError, MlflowError } from '../../errors';
import type { AttestationKeyInput } from '../../attestation/attestation-key';
import { safeDict } from '../../core/safe-dict';
import type { TrainingBOM } from '../../models/training-bom';
import { readBomArtifact } from '../../mlflow/bom/bom-artifact';
import { bomOfFetchedRun } from '../../mlflow/bom/bom-of-fetched-run';
import { BOM_TAGS } from '../../mlflow/bom/conventions';
import { readRunAttestation } from '../../mlflow/bom/run-attestation';
import type { MlflowClient } from '../../mlflow/client/mlflow-client';
import { withMlflowClient, type MlflowClientChoice } from '../../mlflow/client/with-mlflow-client';
import { sweepParentOf } from '../../mlflow/bom/query-index';
import { bomDatasetDigest } from '../../store/bom-query-match';
import type { ModelLineage } from './lineage-types';
import { linkKinds, linkedVersion } from './linked-versions';

/** Options of {@link modelLineage}. */
export interface ModelLineageOptions extends MlflowClientChoice {
  /** Trusted public keys (SPKI PEM or `KeyObject`): the run's attestation must verify with one and be about its BOM. */
  readonly keys?: readonly AttestationKeyInput[];
  /** Largest attestation envelope read, in bytes (default 64 MiB); a larger one is reported as not verified. */
  readonly maxEnvelopeBytes?: number;
}

/** A registered model version named on a command line: `<name>/<version>`. */
export interface ModelVersionRef {
  /** The registered model's name (may itself contain `/`). */
  readonly name: string;
  /** The version, a positive integer as text. */
  readonly version: string;
}

const VERSION = /^[1-9][0-9]*$/;

/**
 * Splits `<name>/<version>` at its last `/` (model names may contain `/`).
 * @throws InvalidArgumentError when there is no `/`, the name is empty or the version is not a positive integer.
 */
export function parseModelVersionRef(ref: string): ModelVersionRef {
  const slash = typeof ref === 'string' ? ref.lastIndexOf('/') : -1;
  if (slash <= 0) throw new InvalidArgumentError('model', 'must be <name>/<version>, e.g. fraud-detector/3');
  const version = ref.slice(slash + 1);
  if (!VERSION.test(version)) throw new InvalidArgumentError('model', `version must be a positive integer, got ${JSON.stringify(version)}`);
  return { name: ref.slice(0, slash), version };
}

function checkVersion(name: string, version: string | number): string {
  if (typeof name !== 'string' || name === '') throw new InvalidArgumentError('name', 'must be a non-empty model name');
  const text = typeof version === 'number' ? String(version) : version;
  if (typeof text !== 'string' || !VERSION.test(text)) throw new InvalidArgumentError('version', 'must be a positive integer');
  return text;
}

/** Numeric metrics, non-finite ones as MLflow's words, sorted by key. */
function metricsOf(bom: TrainingBOM): Record<string, number | string> {
  const out = safeDict() as Record<string, number | string>;
  for (const key of Object.keys(bom.mlflowMetrics).sort()) {
    const value = bom.mlflowMetrics[key];
    if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : String(value);
    else if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') out[key] = value;
  }
  return out;
}

async function runName(client: MlflowClient, runId: string): Promise<string | undefined> {
  try {
    const name = (await client.getRun(runId)).info.runName;
    return name === '' ? undefined : name;
  } catch (error) {
    if (error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST') return undefined;
    throw error;
  }
}

/**
 * The training record behind a registered model version: the run in its `training_bom.run_id` tag (set by
 * `linkBomToModelVersion`), else its own `run_id`; that run's BOM (its `training_bom.json`, else built from
 * its data); the dataset with its digest, the features, the model, the metrics, the sweep parent; and whether
 * the BOM is signed and, with `keys`, whether its attestation verifies.
 * @throws InvalidArgumentError for a malformed name or version, or a version that names no run; MlflowError
 *   `RESOURCE_DOES_NOT_EXIST` for an unknown model version or run.
 */
export async function modelLineage(name: string, version: string | number, options: ModelLineageOptions = {}): Promise<ModelLineage> {
  const wanted = checkVersion(name, version);
  if (options.keys !== undefined && !Array.isArray(options.keys)) throw new InvalidArgumentError('keys', 'must be an array of public keys');
  return withMlflowClient(options, async (client) => {
    const mv = await client.getModelVersion(name, wanted);
    const runId = mv.tags[BOM_TAGS.runId] ?? mv.runId;
    if (runId === undefined || runId === '') throw new InvalidArgumentError('version', `model version ${name}/${mv.version} names no run: link it with linkBomToModelVersion()`);
    const run = await client.getRun(runId);
    const fromArtifact = await readBomArtifact(client, run);
    const bom = fromArtifact ?? await bomOfFetchedRun(client, run, { timestamps: 'iso', includeMetricHistory: false, restoreInfinity: true, artifacts: 'none' });
    const keys = options.keys ?? [];
    const { envelope: _envelope, ...status } = fromArtifact === undefined
      ? { signed: false, verified: undefined, signatureKeyids: [], envelope: undefined }
      : await readRunAttestation(client, run, bom, { keys, maxEnvelopeBytes: options.maxEnvelopeBytes });
    const parentRunId = sweepParentOf(bom);
    return {
      modelVersion: { ...linkedVersion(mv, linkKinds(mv, { bomId: bom.id, mlflowRunId: runId })), source: mv.source },
      runId,
      runName: run.info.runName === '' ? undefined : run.info.runName,
      bomSource: fromArtifact === undefined ? 'run-data' : 'artifact',
      bomId: bom.id,
      bomIdMatchesLink: mv.tags[BOM_TAGS.bomId] === undefined || mv.tags[BOM_TAGS.bomId] === bom.id,
      startTime: bom.startTime,
      endTime: bom.endTime,
      dataset: { origin: bom.datasetInfo.origin, size: bom.datasetInfo.size, digest: bomDatasetDigest(bom) },
      features: { original: [...bom.featureInfo.originalFeatures], selected: [...bom.featureInfo.selectedFeatures] },
      model: { type: bom.modelInfo.type, architecture: bom.modelInfo.architecture },
      metrics: metricsOf(bom),
      sweep: parentRunId === undefined ? undefined : { parentRunId, parentRunName: await runName(client, parentRunId) },
      signature: { ...status, keysGiven: keys.length },
    };
  });
}
