import type { JsonDict, JsonValue } from '../core/json-types';
import { redactJson, redactSecretParams } from '../core/redact-json';
import { redactText } from '../core/redaction';
import { isSecretName } from '../core/secret-names';
import { bomTimeMs } from '../store/bom-time-ms';
import type { ReportAttestation, ReportRun } from './report-run';

/** One anomaly as the BOM records it (`additional_values.anomalies`), read defensively. */
export interface AnomalyView {
  readonly key: string;
  readonly rule: string;
  readonly step: number | undefined;
  readonly timeMs: number | undefined;
  readonly value: string;
  readonly message: string;
}

/** What a report shows of one run: the BOM's facts with secrets redacted (origin, params, additional values). */
export interface RunView {
  readonly id: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly startMs: number | undefined;
  readonly durationMs: number | undefined;
  readonly model: { readonly type: string; readonly architecture: string };
  readonly origin: string;
  readonly rows: number;
  readonly digest: string | undefined;
  readonly kept: readonly string[];
  readonly dropped: readonly string[];
  readonly notInOriginal: readonly string[];
  readonly params: JsonDict;
  readonly metrics: JsonDict;
  /** `additional_values` without the sections shown on their own, redacted. */
  readonly additional: JsonDict;
  readonly environment: JsonValue | undefined;
  readonly seeds: JsonValue | undefined;
  readonly dataQuality: JsonValue | undefined;
  readonly dataset: JsonValue | undefined;
  readonly anomalies: readonly AnomalyView[];
  readonly attestation: ReportAttestation | undefined;
}

const SHOWN_APART = new Set(['environment', 'seeds', 'data_quality', 'dataset', 'anomalies']);

function isDict(value: JsonValue | undefined): value is JsonDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function anomalyViews(value: JsonValue | undefined): AnomalyView[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isDict).map((a) => ({
    key: typeof a.key === 'string' ? a.key : '',
    rule: typeof a.rule === 'string' ? a.rule : '',
    step: typeof a.step === 'number' ? a.step : undefined,
    timeMs: typeof a.timestamp === 'string' ? bomTimeMs(a.timestamp) : undefined,
    value: typeof a.value === 'string' ? a.value : JSON.stringify(a.value) ?? '',
    message: typeof a.message === 'string' ? a.message : '',
  }));
}

/** The report's view of `run`: wire values, secrets redacted as `training-bom show` redacts them. */
export function runView(run: ReportRun): RunView {
  const { bom } = run;
  const wire = bom.toJSON();
  const additional = isDict(wire.additional_values) ? (redactJson(wire.additional_values, isSecretName) as JsonDict) : {};
  const original = bom.featureInfo.originalFeatures;
  const selected = bom.featureInfo.selectedFeatures;
  const originalSet = new Set(original);
  const selectedSet = new Set(selected);
  const start = bomTimeMs(bom.startTime);
  const end = bomTimeMs(bom.endTime);
  const dataset = additional.dataset;
  const rest: JsonDict = {};
  for (const key of Object.keys(additional)) if (!SHOWN_APART.has(key)) rest[key] = additional[key];
  return {
    id: bom.id,
    startTime: bom.startTime,
    endTime: bom.endTime,
    startMs: start,
    durationMs: start === undefined || end === undefined ? undefined : end - start,
    model: { type: bom.modelInfo.type, architecture: bom.modelInfo.architecture },
    origin: redactText(bom.datasetInfo.origin),
    rows: bom.datasetInfo.size,
    digest: isDict(dataset) && typeof dataset.digest === 'string' ? dataset.digest : undefined,
    kept: selected.filter((f) => originalSet.has(f)),
    dropped: original.filter((f) => !selectedSet.has(f)),
    notInOriginal: selected.filter((f) => !originalSet.has(f)),
    params: redactSecretParams(wire.mlflow_params, isSecretName),
    metrics: wire.mlflow_metrics,
    additional: rest,
    environment: additional.environment,
    seeds: additional.seeds,
    dataQuality: additional.data_quality,
    dataset,
    anomalies: anomalyViews(additional.anomalies),
    attestation: run.attestation,
  };
}

/** A JSON value for people: numbers to 6 significant digits, strings as they are, the rest as JSON. */
export function displayValue(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Number(value.toPrecision(6)));
  return JSON.stringify(value);
}
