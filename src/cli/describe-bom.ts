import type { JsonDict } from '../core/json-types';
import { redactSecretParams } from '../core/redact-json';
import { redactText } from '../core/redaction';
import { isSecretName } from '../core/secret-names';
import { BomValidationError } from '../errors';
import { modelArtifactsOf, type ModelArtifact } from '../models/model-artifact';
import type { TrainingBOM } from '../models/training-bom';
import { bomTimeMs } from '../store/bom-time-ms';

/** What `training-bom show --json` prints for a BOM; the dataset origin and params are redacted (docs/cli.md). */
export interface BomDescription {
  readonly id: string;
  readonly source: string;
  readonly startTime: string;
  readonly endTime: string;
  /** `end_time − start_time` when both are dates, else null. */
  readonly durationMs: number | null;
  readonly dataset: { readonly origin: string; readonly size: number };
  readonly features: {
    readonly original: number;
    readonly selected: number;
    /** Selected features that are original ones, in the selected order. */
    readonly kept: readonly string[];
    /** Original features that were not selected, in the original order. */
    readonly dropped: readonly string[];
    /** Selected features that are not among the original ones (engineered, or a mistake). */
    readonly notInOriginal: readonly string[];
  };
  readonly model: { readonly type: string; readonly architecture: string };
  /** `mlflow_params` as on the wire, redacted as the tracker redacts them. */
  readonly params: JsonDict;
  /** `mlflow_metrics` as on the wire (NaN and ±Infinity as strings). */
  readonly metrics: JsonDict;
  /** The keys of `additional_values`. */
  readonly additionalValues: readonly string[];
  /** The model files the BOM records (`additional_values.model_artifacts`), sorted by name; `[]` when none or invalid. */
  readonly modelArtifacts: readonly ModelArtifact[];
  /** Why the recorded model artifacts are not valid (the first problem), when they are not. */
  readonly modelArtifactsProblem?: string;
}

function artifactsOf(bom: TrainingBOM): Pick<BomDescription, 'modelArtifacts' | 'modelArtifactsProblem'> {
  try {
    return { modelArtifacts: modelArtifactsOf(bom) };
  } catch (error) {
    if (!(error instanceof BomValidationError)) throw error;
    const [first] = error.issues;
    return { modelArtifacts: [], modelArtifactsProblem: `${first.path}: ${first.message}` };
  }
}

/** The facts `show` reports about `bom`, read from `source`, with the origin and params redacted. */
export function describeBom(bom: TrainingBOM, source: string): BomDescription {
  const wire = bom.toJSON();
  const original = bom.featureInfo.originalFeatures;
  const selected = bom.featureInfo.selectedFeatures;
  const originalSet = new Set(original);
  const selectedSet = new Set(selected);
  const start = bomTimeMs(bom.startTime);
  const end = bomTimeMs(bom.endTime);
  return {
    id: bom.id,
    source,
    startTime: bom.startTime,
    endTime: bom.endTime,
    durationMs: start === undefined || end === undefined ? null : end - start,
    dataset: { origin: redactText(bom.datasetInfo.origin), size: bom.datasetInfo.size },
    features: {
      original: original.length,
      selected: selected.length,
      kept: selected.filter((f) => originalSet.has(f)),
      dropped: original.filter((f) => !selectedSet.has(f)),
      notInOriginal: selected.filter((f) => !originalSet.has(f)),
    },
    model: { type: bom.modelInfo.type, architecture: bom.modelInfo.architecture },
    params: redactSecretParams(wire.mlflow_params, isSecretName),
    metrics: wire.mlflow_metrics,
    additionalValues: Object.keys(bom.additionalValues ?? {}),
    ...artifactsOf(bom),
  };
}
