/**
 * The run events: one type per thing that can happen to a training run. The tracker validates a call,
 * applies its event to the run state (the reducer) and publishes it once; the journal, the anomaly
 * monitor and every sink subscribe to that one stream, and recovery replays the journal's events through
 * the same reducer (docs/architecture.md). Events hold validated, already redacted values: what a
 * subscriber receives is what the BOM will say.
 */
import type { JsonDict, JsonValue } from '../core/json-types';
import type { DatasetInfo } from '../models/dataset-info';
import type { DatasetInspection } from '../models/dataset-inspection';
import type { DistributedRunReport } from '../models/distributed-run';
import type { EnvironmentInfo } from '../models/environment-info';
import type { FeatureInfo } from '../models/feature-info';
import type { ModelArtifact } from '../models/model-artifact';
import type { ModelInfo } from '../models/model-info';
import type { TrainingBOM } from '../models/training-bom';
import type { DsseEnvelope } from '../models/dsse-envelope';

/** The run started (or, on resume, continues in a new process). */
export interface RunStartEvent {
  /** Which event this is. */
  readonly type: 'start';
  /** The run's BOM id. */
  readonly id: string;
  /** Start time, epoch milliseconds. */
  readonly startTimeMs: number;
  /** Start time, ISO 8601 UTC. */
  readonly startTime: string;
}

/** The environment the run trains in was captured (`additional_values.environment`). */
export interface EnvironmentEvent {
  /** Which event this is. */
  readonly type: 'environment';
  /** What was captured. */
  readonly environment: EnvironmentInfo;
}

/** A dataset was registered, replacing any earlier one. */
export interface DatasetEvent {
  /** Which event this is. */
  readonly type: 'dataset';
  /** The dataset section, validated. */
  readonly dataset: DatasetInfo;
  /** What `inspectDataset` found (`additional_values.dataset`), when the registration had an inspection. */
  readonly inspection: DatasetInspection | undefined;
  /** Whether the size was given by the caller rather than taken from the inspection's row count. */
  readonly sizeGiven: boolean;
}

/** Original and selected features were registered, replacing any earlier ones. */
export interface FeaturesEvent {
  /** Which event this is. */
  readonly type: 'features';
  /** The feature section, validated. */
  readonly features: FeatureInfo;
}

/** The model type and architecture were registered, replacing any earlier ones. */
export interface ModelEvent {
  /** Which event this is. */
  readonly type: 'model';
  /** The model section, validated. */
  readonly model: ModelInfo;
}

/** Parameters were logged: only the ones of this call, secrets already redacted. */
export interface ParamsEvent {
  /** Which event this is. */
  readonly type: 'params';
  /** The parameters of this call, secrets already redacted. */
  readonly params: Readonly<JsonDict>;
}

/** A random seed was recorded (`additional_values.seeds`); a later value replaces it. */
export interface SeedEvent {
  /** Which event this is. */
  readonly type: 'seed';
  /** The seed's name. */
  readonly name: string;
  /** The seed (a finite number or a string). */
  readonly value: number | string;
}

/** A data-quality fact was recorded (`additional_values.data_quality`); a later value replaces it. */
export interface DataQualityEvent {
  /** Which event this is. */
  readonly type: 'data_quality';
  /** The metric or fact name. */
  readonly key: string;
  /** The value recorded. */
  readonly value: JsonValue;
}

/**
 * Model artifacts were registered (`additional_values.model_artifacts`): the files of one registration,
 * sorted by name; each replaces an earlier artifact of the same name.
 */
export interface ArtifactEvent {
  /** Which event this is. */
  readonly type: 'artifact';
  /** The files registered, with their digests and sizes, sorted by name in code-point order. */
  readonly artifacts: readonly ModelArtifact[];
}

/** The run is a trial of a hyper-parameter sweep (`additional_values.sweep.parent_run_id`); a later one replaces it. */
export interface SweepEvent {
  /** Which event this is. */
  readonly type: 'sweep';
  /** The sweep's parent MLflow run id. */
  readonly parentRunId: string;
}

/**
 * One metric point. On the hot path it travels unboxed, as the arguments of
 * {@link RunEventSubscriber.onMetric}, so that logging a point allocates nothing; this type names it
 * where a point is handled as a value (replay, tests).
 */
export interface MetricPointEvent {
  /** Which event this is. */
  readonly type: 'metric';
  /** The metric or fact name. */
  readonly key: string;
  /** The value recorded. */
  readonly value: number;
  /** The training step. */
  readonly step: number;
  /** When it was logged, epoch milliseconds. */
  readonly timestampMs: number;
}

/** The owner of a distributed run recorded what the other ranks delivered (`additional_values.distributed`); a later one replaces it. */
export interface RanksEvent {
  /** Which event this is. */
  readonly type: 'ranks';
  /** The other ranks, as the owner read them from MLflow. */
  readonly report: DistributedRunReport;
}

/** The run was finalized into this validated BOM. */
export interface FinalizeEvent {
  /** Which event this is. */
  readonly type: 'finalize';
  /** The validated BOM. */
  readonly bom: TrainingBOM;
  /** Its signed attestation, when the tracker signs (`sign` option); never journaled. */
  readonly attestation?: DsseEnvelope;
}

/** Everything that can happen to a run, metric points aside (they have their own unboxed channel). */
export type RunEvent =
  | RunStartEvent
  | EnvironmentEvent
  | DatasetEvent
  | FeaturesEvent
  | ModelEvent
  | ParamsEvent
  | SeedEvent
  | DataQualityEvent
  | RanksEvent
  | SweepEvent
  | ArtifactEvent
  | FinalizeEvent;

/** The `type` of a {@link RunEvent}. */
export type RunEventType = RunEvent['type'];

/**
 * A subscriber of a run's event stream. `onEvent` receives every event but metric points, in order;
 * `onMetric` receives each metric point, unboxed, on the training loop's hot path: it must return quickly
 * and do any I/O in the background. `keyIndex` numbers metric names 0, 1, 2… in the order first logged.
 */
export interface RunEventSubscriber {
  /** An event of the run (every type but metric points). */
  onEvent?(event: RunEvent): void;
  /** One metric point; hot path: record or enqueue, and return. */
  onMetric?(key: string, value: number, step: number, timestampMs: number, keyIndex: number): void;
}
