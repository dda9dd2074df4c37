import type { JsonValue } from '../core/json-types';
import type { DatasetInfo } from '../models/dataset-info';
import type { FeatureInfo } from '../models/feature-info';
import type { ModelInfo } from '../models/model-info';
import type { TrainingBOM } from '../models/training-bom';
import type { SinkJournal } from '../journal/sink-journal';

/** What a sink is told when a run starts. */
export interface RunStart {
  /** The run's BOM id. */
  readonly id: string;
  /** Start time, ISO 8601 UTC. */
  readonly startTime: string;
  /** Start time, epoch milliseconds. */
  readonly startTimeMs: number;
}

/**
 * Receives everything a {@link TrainingWorkflowTracker} is told, in order, modelled on OpenTelemetry's
 * span processors. Every method is optional. Calls on the hot path (`onMetric`) must return quickly and
 * do their I/O in the background; errors a sink throws or rejects with go to the tracker's `onError`,
 * never into the training loop.
 */
export interface TrackerSink {
  /**
   * Called once when the tracker is constructed with this sink: errors the sink meets later, in the
   * background, go to `report`, which routes them to the tracker's `onError`.
   */
  bindErrorHandler?(report: (error: unknown) => void): void;
  /**
   * Called at `startTraining` (and on resume) when the tracker keeps a journal, before `onStart`: the
   * journal holds every point, so the sink can spill to it instead of memory and record what it delivered.
   * @internal
   */
  bindJournal?(journal: SinkJournal): void;
  /** The run started. */
  onStart?(run: RunStart): void;
  /** A dataset was registered (replacing any earlier one). */
  onDataset?(dataset: DatasetInfo): void;
  /** Features were registered (replacing any earlier ones). */
  onFeatures?(features: FeatureInfo): void;
  /** A model was registered (replacing any earlier one). */
  onModel?(model: ModelInfo): void;
  /** Parameters were logged: only the ones of this call. */
  onParams?(params: Readonly<Record<string, JsonValue>>): void;
  /** One metric point was logged; hot path: enqueue and return. */
  onMetric?(key: string, value: number, step: number, timestampMs: number): void;
  /** The run was finalized into this validated BOM. */
  onFinalize?(bom: TrainingBOM): void;
  /** Resolves once everything received so far has been delivered. */
  flush?(): Promise<void>;
  /** Delivers what is left and releases resources; called once. May report what it could not deliver. */
  close?(): Promise<void | SinkDeliveryReport>;
}

/** What a sink says at `close()` about delivery. */
export interface SinkDeliveryReport {
  /** Which sink, in words (e.g. `MLflow run 1a2b…`). */
  readonly sink: string;
  /** True when everything the sink was told has been delivered. */
  readonly complete: boolean;
  /** Metric points not delivered. */
  readonly undeliveredPoints: number;
  /** Anything else not delivered, in words (`3 params`, `training_bom.json`, `run status`). */
  readonly undelivered: readonly string[];
  /** The last delivery error's message, when there was one. */
  readonly lastError?: string;
}

/** What `TrainingWorkflowTracker.close()` reports. */
export interface CloseReport {
  /** True when every sink delivered everything and the journal (if any) wrote everything. */
  readonly complete: boolean;
  /** The sinks' own reports (sinks that report). */
  readonly sinks: readonly SinkDeliveryReport[];
  /** The journal file when it was kept (for `recover` or `resume`), else undefined. */
  readonly journalPath: string | undefined;
}

/** Where sink errors go: the error and the sink that raised it. */
export type SinkErrorHandler = (error: unknown, sink: TrackerSink) => void;
