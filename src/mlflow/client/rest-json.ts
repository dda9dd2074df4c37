/**
 * MLflow's REST JSON (protobuf JSON, snake_case) and its mapping to the client's types. int64 fields may
 * arrive as numbers or strings; non-finite doubles travel as the strings protobuf JSON uses.
 */
import type {
  MlflowDatasetInput, MlflowExperiment, MlflowFileInfo, MlflowKeyValue, MlflowMetric, MlflowModelVersion,
  MlflowRegisteredModel, MlflowRun, MlflowRunInfo, MlflowRunStatus,
} from './types';

type Int64 = number | string;
/** A double as protobuf JSON writes it: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export type WireDouble = number | 'NaN' | 'Infinity' | '-Infinity';

/** `Metric` on the wire. */
export interface WireMetric { key: string; value: WireDouble; timestamp?: Int64; step?: Int64 }
/** `Experiment` on the wire. */
export interface WireExperiment {
  experiment_id: string; name: string; artifact_location?: string; lifecycle_stage?: string; tags?: MlflowKeyValue[];
}
/** `RunInfo` on the wire (`run_uuid` is deprecated and ignored). */
export interface WireRunInfo {
  run_id: string; experiment_id: string; run_name?: string; status?: MlflowRunStatus; start_time?: Int64;
  end_time?: Int64; artifact_uri?: string; lifecycle_stage?: string;
}
/** `DatasetInput` on the wire. */
export interface WireDatasetInput {
  tags?: MlflowKeyValue[];
  dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
}
/** `Run` on the wire. */
export interface WireRun {
  info: WireRunInfo;
  data?: { metrics?: WireMetric[]; params?: MlflowKeyValue[]; tags?: MlflowKeyValue[] };
  inputs?: { dataset_inputs?: WireDatasetInput[] };
}
/** `FileInfo` on the wire; `path` is relative to the listed directory. */
export interface WireFileInfo { path: string; is_dir?: boolean; file_size?: Int64 }
/** `RegisteredModel` on the wire. */
export interface WireRegisteredModel { name: string; description?: string; tags?: MlflowKeyValue[]; creation_timestamp?: Int64 }
/** `ModelVersion` on the wire. */
export interface WireModelVersion {
  name: string; version: string; source?: string; run_id?: string; status?: string; tags?: MlflowKeyValue[];
  creation_timestamp?: Int64;
}

/** Encodes a metric value the way MLflow's server accepts non-finite values (a bare `NaN` is stored as 0). */
export function encodeDouble(value: number): WireDouble {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** Decodes a protobuf JSON double. */
export function decodeDouble(value: WireDouble | undefined): number {
  return value === undefined ? 0 : Number(value);
}

function int(value: Int64 | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/** Copies key/value pairs into a null-prototype record (later duplicates win). */
export function toRecord(pairs: readonly MlflowKeyValue[] | undefined): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const { key, value } of pairs ?? []) out[key] = value;
  return out;
}

/** The inverse of {@link toRecord}, in insertion order. */
export function toPairs(record: Readonly<Record<string, string>> | undefined): MlflowKeyValue[] {
  return record === undefined ? [] : Object.keys(record).map((key) => ({ key, value: record[key] as string }));
}

/** A metric point for `runs/log-batch`. */
export function encodeMetric(m: MlflowMetric): WireMetric {
  return { key: m.key, value: encodeDouble(m.value), timestamp: m.timestamp, step: m.step };
}

/** A metric point from `runs/get` or `metrics/get-history`. */
export function decodeMetric(w: WireMetric): MlflowMetric {
  return { key: w.key, value: decodeDouble(w.value), timestamp: int(w.timestamp) ?? 0, step: int(w.step) ?? 0 };
}

/** An experiment from `experiments/get-by-name`. */
export function decodeExperiment(w: WireExperiment): MlflowExperiment {
  return {
    experimentId: w.experiment_id, name: w.name, artifactLocation: w.artifact_location ?? '',
    lifecycleStage: w.lifecycle_stage ?? 'active', tags: toRecord(w.tags),
  };
}

/** Run metadata from `runs/*`. */
export function decodeRunInfo(w: WireRunInfo): MlflowRunInfo {
  return {
    runId: w.run_id, experimentId: w.experiment_id, runName: w.run_name ?? '', status: w.status ?? 'RUNNING',
    startTime: int(w.start_time), endTime: int(w.end_time), artifactUri: w.artifact_uri ?? '',
    lifecycleStage: w.lifecycle_stage ?? 'active',
  };
}

function decodeDatasetInput(w: WireDatasetInput): MlflowDatasetInput {
  const d = w.dataset;
  return {
    dataset: { name: d.name, digest: d.digest, sourceType: d.source_type, source: d.source, schema: d.schema, profile: d.profile },
    tags: toRecord(w.tags),
  };
}

/** A dataset input for `runs/log-inputs`. */
export function encodeDatasetInput(input: MlflowDatasetInput): WireDatasetInput {
  const d = input.dataset;
  return {
    tags: toPairs(input.tags),
    dataset: { name: d.name, digest: d.digest, source_type: d.sourceType, source: d.source, schema: d.schema, profile: d.profile },
  };
}

/** A run from `runs/create`, `runs/get` or `runs/search`. */
export function decodeRun(w: WireRun): MlflowRun {
  const metrics = Object.create(null) as Record<string, MlflowMetric>;
  for (const m of w.data?.metrics ?? []) metrics[m.key] = decodeMetric(m);
  return {
    info: decodeRunInfo(w.info), metrics, params: toRecord(w.data?.params), tags: toRecord(w.data?.tags),
    datasetInputs: (w.inputs?.dataset_inputs ?? []).map(decodeDatasetInput),
  };
}

/** Decodes a listing entry; `dir` is the listed directory relative to the run's root ('' for the root). */
export function decodeFileInfo(w: WireFileInfo, dir: string): MlflowFileInfo {
  return { path: dir === '' ? w.path : `${dir}/${w.path}`, isDir: w.is_dir === true, fileSize: int(w.file_size) };
}

/** A registered model from `registered-models/*`. */
export function decodeRegisteredModel(w: WireRegisteredModel): MlflowRegisteredModel {
  return { name: w.name, description: w.description, tags: toRecord(w.tags), creationTimestamp: int(w.creation_timestamp) };
}

/** A model version from `model-versions/*`. */
export function decodeModelVersion(w: WireModelVersion): MlflowModelVersion {
  return {
    name: w.name, version: w.version, source: w.source ?? '', runId: w.run_id === '' ? undefined : w.run_id,
    status: w.status ?? 'READY', tags: toRecord(w.tags), creationTimestamp: int(w.creation_timestamp),
  };
}
