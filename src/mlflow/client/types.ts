/**
 * What the MLflow client sends and returns: MLflow REST 2.0 entities, camel-cased, with only the fields the
 * SDK uses. Times are epoch milliseconds. Key/value collections are null-prototype records, so keys such
 * as `__proto__` are ordinary keys. (Over 150 lines only because every property carries its TSDoc line.)
 */

/** A run's lifecycle status in MLflow. */
export type MlflowRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** Which runs a search sees by lifecycle stage. */
export type MlflowViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** A key/value pair as MLflow stores params and tags. */
export interface MlflowKeyValue {
  /** The param or tag name. */
  readonly key: string;
  /** Its value (params: at most 6000 characters). */
  readonly value: string;
}

/** One metric point; `value` may be NaN or ±Infinity (docs/mlflow.md says how the server stores them). */
export interface MlflowMetric {
  /** Metric name. */
  readonly key: string;
  /** The value. */
  readonly value: number;
  /** When it was measured, epoch ms. */
  readonly timestamp: number;
  /** Training step. */
  readonly step: number;
}

/** An MLflow experiment. */
export interface MlflowExperiment {
  /** Server-assigned id, e.g. `"1"`. */
  readonly experimentId: string;
  /** Unique name. */
  readonly name: string;
  /** Root of the experiment's artifacts, e.g. `mlflow-artifacts:/1`. */
  readonly artifactLocation: string;
  /** `active` or `deleted`. */
  readonly lifecycleStage: string;
  /** Experiment tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A run's metadata. */
export interface MlflowRunInfo {
  /** Server-assigned id (32 hex characters). */
  readonly runId: string;
  /** The experiment the run belongs to. */
  readonly experimentId: string;
  /** Display name (`mlflow.runName`). */
  readonly runName: string;
  /** Lifecycle status. */
  readonly status: MlflowRunStatus;
  /** Start, epoch ms. */
  readonly startTime: number | undefined;
  /** End, epoch ms; absent while running. */
  readonly endTime: number | undefined;
  /** Root of the run's artifacts, e.g. `mlflow-artifacts:/1/<run_id>/artifacts`. */
  readonly artifactUri: string;
  /** `active` or `deleted`. */
  readonly lifecycleStage: string;
}

/** A dataset as logged with `runs/log-inputs`; `source`, `schema` and `profile` are JSON strings. */
export interface MlflowDataset {
  /** Dataset name. */
  readonly name: string;
  /** Content digest; MLflow's column holds at most 36 characters. */
  readonly digest: string;
  /** Kind of source, e.g. `local`, `http`, `s3`, `code`. */
  readonly sourceType: string;
  /** Where the data came from, as JSON (e.g. `{"uri": "s3://bucket/train.csv"}`). */
  readonly source: string;
  /** Schema as JSON. */
  readonly schema?: string;
  /** Summary statistics as JSON (e.g. `{"num_rows": 1000}`). */
  readonly profile?: string;
}

/** A dataset used by a run, with its input tags (e.g. `mlflow.data.context`). */
export interface MlflowDatasetInput {
  /** The dataset. */
  readonly dataset: MlflowDataset;
  /** Input tags such as `mlflow.data.context = training`. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A run: metadata, latest metric values, params, tags and dataset inputs. */
export interface MlflowRun {
  /** Metadata. */
  readonly info: MlflowRunInfo;
  /** Latest value of each metric, by key. */
  readonly metrics: Readonly<Record<string, MlflowMetric>>;
  /** Params by key. */
  readonly params: Readonly<Record<string, string>>;
  /** Tags by key, including MLflow's own (`mlflow.runName`, …). */
  readonly tags: Readonly<Record<string, string>>;
  /** Datasets logged with `logInputs`. */
  readonly datasetInputs: readonly MlflowDatasetInput[];
}

/** An artifact, with its path relative to the run's artifact root. */
export interface MlflowFileInfo {
  /** Run-relative path, `/`-separated. */
  readonly path: string;
  /** True for a directory. */
  readonly isDir: boolean;
  /** Bytes; absent for directories. */
  readonly fileSize: number | undefined;
}

/** A registered model in MLflow's model registry. */
export interface MlflowRegisteredModel {
  /** Unique name. */
  readonly name: string;
  /** Free-text description. */
  readonly description: string | undefined;
  /** Model tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Creation, epoch ms. */
  readonly creationTimestamp: number | undefined;
}

/** A version of a registered model. */
export interface MlflowModelVersion {
  /** The registered model's name. */
  readonly name: string;
  /** Version number as a string, e.g. `"1"`. */
  readonly version: string;
  /** Where the model's files are. */
  readonly source: string;
  /** The run that produced it, when known. */
  readonly runId: string | undefined;
  /** e.g. `READY`, `PENDING_REGISTRATION`. */
  readonly status: string;
  /** Version tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Creation, epoch ms. */
  readonly creationTimestamp: number | undefined;
}

/** One page of a paginated listing. */
export interface MlflowPage<T> {
  /** This page's entries. */
  readonly items: readonly T[];
  /** Pass to the next call for the next page; absent on the last page. */
  readonly nextPageToken: string | undefined;
}

/** Arguments of `createRun`. */
export interface MlflowCreateRunRequest {
  /** Experiment to create the run in. */
  readonly experimentId: string;
  /** Display name (MLflow generates one when absent). */
  readonly runName?: string;
  /** Start, epoch ms (default: now; MLflow itself would store 0, i.e. 1970, when none is sent). */
  readonly startTime?: number;
  /** Initial tags. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Arguments of `updateRun`; omitted fields are left unchanged. */
export interface MlflowUpdateRunRequest {
  /** New status, e.g. `FINISHED`. */
  readonly status?: MlflowRunStatus;
  /** End, epoch ms. */
  readonly endTime?: number;
  /** New display name. */
  readonly runName?: string;
}

/** Arguments of `searchRuns`. */
export interface MlflowSearchRunsRequest {
  /** Experiments to search. */
  readonly experimentIds: readonly string[];
  /** MLflow search syntax, e.g. `params.model_type = 'xgboost'`. */
  readonly filter?: string;
  /** e.g. `['attributes.start_time DESC']`. */
  readonly orderBy?: readonly string[];
  /** Page size (server default 1000, maximum 50000). */
  readonly maxResults?: number;
  /** Lifecycle stages to include (server default `ACTIVE_ONLY`). */
  readonly runViewType?: MlflowViewType;
}

/** Arguments of `searchModelVersions`: MLflow's model-version search (`name`, `run_id`, `source_path`, `version_number`, `tags.<key>`; `IN` for `name` and `run_id`; AND only). */
export interface MlflowSearchModelVersionsRequest {
  /** MLflow search syntax, e.g. `run_id IN ('a1…', 'b2…')` or ``tags.`training_bom.id` = 'x'``; all versions when absent. */
  readonly filter?: string;
  /** e.g. `['name ASC', 'version_number DESC']`. */
  readonly orderBy?: readonly string[];
  /** Page size (server default 10,000, maximum 200,000). */
  readonly maxResults?: number;
}

/** Arguments of `logBatch`; MLflow allows 1000 metrics, 100 params, 100 tags, 1000 entities per request. */
export interface MlflowLogBatchRequest {
  /** Metric points. */
  readonly metrics?: readonly MlflowMetric[];
  /** Params; immutable once logged (the same value again is accepted). */
  readonly params?: readonly MlflowKeyValue[];
  /** Tags; a later value replaces an earlier one. */
  readonly tags?: readonly MlflowKeyValue[];
}

/** Arguments of `createModelVersion`. */
export interface MlflowCreateModelVersionRequest {
  /** The registered model's name. */
  readonly name: string;
  /** Where the model's files are, e.g. `mlflow-artifacts:/1/<run_id>/artifacts/model`. */
  readonly source: string;
  /** The run that produced it. */
  readonly runId?: string;
  /** Free-text description. */
  readonly description?: string;
  /** Initial tags. */
  readonly tags?: Readonly<Record<string, string>>;
}
