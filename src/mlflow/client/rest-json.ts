/**
 * MLflow's REST JSON (protobuf JSON, snake_case) and its mapping to the client's types. int64 fields may
 * arrive as numbers or strings; non-finite doubles travel as the strings protobuf JSON uses.
 */
import type {
  MlflowDatasetInput, MlflowExperiment, MlflowFileInfo, MlflowKeyValue, MlflowMetric, MlflowModelVersion,
  MlflowRegisteredModel, MlflowRun, MlflowRunInfo, MlflowRunStatus,
} from './types';
import { encodeNonFinite, type NonFiniteName } from '../../core/non-finite';

type Int64 = number | string;
/** A double as protobuf JSON writes it: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export type RestDouble = number | NonFiniteName;

/** `Metric` in REST JSON. */
export interface RestMetric { key: string; value: RestDouble; timestamp?: Int64; step?: Int64 }
/** `Experiment` in REST JSON. */
export interface RestExperiment {
  experiment_id: string; name: string; artifact_location?: string; lifecycle_stage?: string; tags?: MlflowKeyValue[];
}
/** `RunInfo` in REST JSON (`run_uuid` is deprecated and ignored). */
export interface RestRunInfo {
  run_id: string; experiment_id: string; run_name?: string; status?: MlflowRunStatus; start_time?: Int64;
  end_time?: Int64; artifact_uri?: string; lifecycle_stage?: string;
}
/** `DatasetInput` in REST JSON. */
export interface RestDatasetInput {
  tags?: MlflowKeyValue[];
  dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
}
/** `Run` in REST JSON. */
export interface RestRun {
  info: RestRunInfo;
  data?: { metrics?: RestMetric[]; params?: MlflowKeyValue[]; tags?: MlflowKeyValue[] };
  inputs?: { dataset_inputs?: RestDatasetInput[] };
}
/** `FileInfo` in REST JSON; `path` is relative to the listed directory. */
export interface RestFileInfo { path: string; is_dir?: boolean; file_size?: Int64 }
/** `RegisteredModel` in REST JSON. */
export interface RestRegisteredModel { name: string; description?: string; tags?: MlflowKeyValue[]; creation_timestamp?: Int64 }
/** `ModelVersion` in REST JSON. */
export interface RestModelVersion {
  name: string; version: string; source?: string; run_id?: string; status?: string; tags?: MlflowKeyValue[];
  creation_timestamp?: Int64;
}

/** Decodes a protobuf JSON double. */
export function decodeDouble(value: RestDouble | undefined): number {
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
  return record === undefined ? [] : Object.keys(record).map((key) => ({ key, value: record[key] }));
}

/** A metric point for `runs/log-batch`; non-finite values as names, which MLflow's server accepts (a bare `NaN` is stored as 0). */
export function encodeMetric(m: MlflowMetric): RestMetric {
  return { key: m.key, value: encodeNonFinite(m.value), timestamp: m.timestamp, step: m.step };
}

/** A metric point from `runs/get` or `metrics/get-history`. */
export function decodeMetric(r: RestMetric): MlflowMetric {
  return { key: r.key, value: decodeDouble(r.value), timestamp: int(r.timestamp) ?? 0, step: int(r.step) ?? 0 };
}

/** An experiment from `experiments/get-by-name`. */
export function decodeExperiment(r: RestExperiment): MlflowExperiment {
  return {
    experimentId: r.experiment_id, name: r.name, artifactLocation: r.artifact_location ?? '',
    lifecycleStage: r.lifecycle_stage ?? 'active', tags: toRecord(r.tags),
  };
}

/** Run metadata from `runs/*`. */
export function decodeRunInfo(r: RestRunInfo): MlflowRunInfo {
  return {
    runId: r.run_id, experimentId: r.experiment_id, runName: r.run_name ?? '', status: r.status ?? 'RUNNING',
    startTime: int(r.start_time), endTime: int(r.end_time), artifactUri: r.artifact_uri ?? '',
    lifecycleStage: r.lifecycle_stage ?? 'active',
  };
}

function decodeDatasetInput(r: RestDatasetInput): MlflowDatasetInput {
  const d = r.dataset;
  return {
    dataset: { name: d.name, digest: d.digest, sourceType: d.source_type, source: d.source, schema: d.schema, profile: d.profile },
    tags: toRecord(r.tags),
  };
}

/** A dataset input for `runs/log-inputs`. */
export function encodeDatasetInput(input: MlflowDatasetInput): RestDatasetInput {
  const d = input.dataset;
  return {
    tags: toPairs(input.tags),
    dataset: { name: d.name, digest: d.digest, source_type: d.sourceType, source: d.source, schema: d.schema, profile: d.profile },
  };
}

/** A run from `runs/create`, `runs/get` or `runs/search`. */
export function decodeRun(r: RestRun): MlflowRun {
  const metrics = Object.create(null) as Record<string, MlflowMetric>;
  for (const m of r.data?.metrics ?? []) metrics[m.key] = decodeMetric(m);
  return {
    info: decodeRunInfo(r.info), metrics, params: toRecord(r.data?.params), tags: toRecord(r.data?.tags),
    datasetInputs: (r.inputs?.dataset_inputs ?? []).map(decodeDatasetInput),
  };
}

/** Decodes a listing entry; `dir` is the listed directory relative to the run's root ('' for the root). */
export function decodeFileInfo(r: RestFileInfo, dir: string): MlflowFileInfo {
  return { path: dir === '' ? r.path : `${dir}/${r.path}`, isDir: r.is_dir === true, fileSize: int(r.file_size) };
}

/** A registered model from `registered-models/*`. */
export function decodeRegisteredModel(r: RestRegisteredModel): MlflowRegisteredModel {
  return { name: r.name, description: r.description, tags: toRecord(r.tags), creationTimestamp: int(r.creation_timestamp) };
}

/** A model version from `model-versions/*`. */
export function decodeModelVersion(r: RestModelVersion): MlflowModelVersion {
  return {
    name: r.name, version: r.version, source: r.source ?? '', runId: r.run_id === '' ? undefined : r.run_id,
    status: r.status ?? 'READY', tags: toRecord(r.tags), creationTimestamp: int(r.creation_timestamp),
  };
}
