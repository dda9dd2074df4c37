/**
 * The specification's MLflow Integration Pattern as a pure mapping from a fetched run to a BOM
 * (docs/mlflow.md has the table).
 */
import { runMetricKeys } from './query-index';
import { BomValidationError } from '../../errors';
import type { JsonDict, JsonValue } from '../../core/json-types';
import { TrainingBOM } from '../../models/training-bom';
import type { DatasetInfoInit } from '../../models/dataset-info';
import { safeDict } from '../../core/safe-dict';
import { BOM_KEY_PREFIXES, BOM_PARAMS, decodeDataQuality, decodeFeatureList, decodeSeed } from './conventions';
import { restoreInfinity } from '../../core/non-finite';
import { redactSecretParams } from '../../core/redact-json';
import { redactText } from '../../core/redaction';
import { datasetFromRun } from './run-dataset';
import { modelArtifactsFromTags } from './run-model-artifacts';
import type { MlflowRun } from '../client/types';

/** How a BOM built from run data writes its timestamps: ISO 8601 UTC, or the spec's epoch-millisecond strings. */
export type BomTimestampFormat = 'iso' | 'epoch-ms';

/** What {@link bomFromRun} needs besides the run. */
export interface BomFromRunSettings {
  readonly timestamps: BomTimestampFormat;
  readonly restoreInfinity: boolean;
  /** Goes to `additional_values.mlflow_metric_history` when given. */
  readonly metricHistory: JsonDict | undefined;
  /** Which param names are secret; the redaction policy applies to params and origin, as in the tracker; undefined: none. */
  readonly isSecret: ((key: string) => boolean) | undefined;
}

const MAX_DATE_MS = 8.64e15;

function timestamp(ms: number, format: BomTimestampFormat, path: string): string {
  if (format === 'epoch-ms') return String(ms);
  if (!(Math.abs(ms) <= MAX_DATE_MS)) throw new BomValidationError([{ path, message: `MLflow time ${ms} ms is not a date` }]);
  return new Date(ms).toISOString();
}

/** MLflow's end time; for a run without one (still running), the newest time it recorded. */
function endMs(run: MlflowRun, startMs: number): number {
  if (run.info.endTime !== undefined) return run.info.endTime;
  let latest = startMs;
  for (const key of runMetricKeys(run)) latest = Math.max(latest, run.metrics[key]?.timestamp ?? latest);
  return latest;
}

function redactedDataset(dataset: DatasetInfoInit, redact: boolean): DatasetInfoInit {
  return redact ? { ...dataset, origin: redactText(dataset.origin) } : dataset;
}

/** The facts MlflowRunSink writes one key each: params `seed.<name>`, tags `training_bom.data_quality.<key>`. */
function namedFacts<V>(entries: Readonly<Record<string, string>>, prefix: string, decode: (text: string) => V): Record<string, V> | undefined {
  let out: Record<string, V> | undefined;
  for (const key of Object.keys(entries)) {
    if (!key.startsWith(prefix) || key.length === prefix.length) continue;
    out ??= safeDict() as Record<string, V>;
    out[key.slice(prefix.length)] = decode(entries[key]);
  }
  return out;
}

/**
 * A BOM with id `mlflow-<runId>` from the run's times, params, latest metrics, dataset input and the
 * specification's params; `additional_values.seeds` and `data_quality` from the sink's `seed.<name>` params and
 * `training_bom.data_quality.<key>` tags, `model_artifacts` from `training_bom.model_artifact.*` tags; `additional_values.mlflow_run_status` marks a run that is not FINISHED. With
 * `isSecret`, params and the dataset origin are redacted as the tracker would have recorded them.
 * @throws BomValidationError when the run's data cannot make a valid BOM (e.g. a non-integer `dataset_size`).
 */
export function bomFromRun(run: MlflowRun, settings: BomFromRunSettings): TrainingBOM {
  const { info } = run;
  const params = settings.isSecret === undefined ? run.params : (redactSecretParams(run.params, settings.isSecret) as Record<string, string>);
  const startMs = info.startTime ?? 0;
  const metrics = safeDict() as JsonDict;
  for (const key of runMetricKeys(run)) {
    const value = run.metrics[key]?.value;
    metrics[key] = settings.restoreInfinity ? restoreInfinity(value) : value;
  }
  const additional = safeDict() as Record<string, JsonValue>;
  const seeds = namedFacts(params, BOM_KEY_PREFIXES.seed, decodeSeed);
  if (seeds !== undefined) additional.seeds = seeds;
  const quality = namedFacts(run.tags, BOM_KEY_PREFIXES.dataQuality, decodeDataQuality);
  if (quality !== undefined) additional.data_quality = quality;
  if (info.status !== 'FINISHED') additional.mlflow_run_status = info.status;
  if (settings.metricHistory !== undefined) additional.mlflow_metric_history = settings.metricHistory;
  try {
    const artifacts = modelArtifactsFromTags(run.tags);
    if (artifacts !== undefined) additional.model_artifacts = artifacts;
    return new TrainingBOM({
      id: `mlflow-${info.runId}`,
      startTime: timestamp(startMs, settings.timestamps, 'start_time'),
      endTime: timestamp(endMs(run, startMs), settings.timestamps, 'end_time'),
      datasetInfo: redactedDataset(datasetFromRun(run), settings.isSecret !== undefined),
      featureInfo: {
        originalFeatures: decodeFeatureList(params[BOM_PARAMS.originalFeatures]),
        selectedFeatures: decodeFeatureList(params[BOM_PARAMS.selectedFeatures]),
      },
      modelInfo: { type: params[BOM_PARAMS.modelType] ?? 'unknown', architecture: params[BOM_PARAMS.modelArchitecture] ?? 'unknown' },
      mlflowParams: params,
      mlflowMetrics: metrics,
      ...(Object.keys(additional).length > 0 ? { additionalValues: additional } : {}),
    });
  } catch (error) {
    if (error instanceof BomValidationError) throw new BomValidationError(error.issues, `Cannot build a training BOM from MLflow run ${info.runId}`);
    throw error;
  }
}
