import type { JsonValue } from '../models/metadata';
import type { DatasetInfo } from '../models/dataset-info';
import type { FeatureInfo } from '../models/feature-info';
import type { ModelInfo } from '../models/model-info';
import type { TrainingBOM } from '../models/training-bom';

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
  onStart?(run: RunStart): void;
  onDataset?(dataset: DatasetInfo): void;
  onFeatures?(features: FeatureInfo): void;
  onModel?(model: ModelInfo): void;
  onParams?(params: Readonly<Record<string, JsonValue>>): void;
  onMetric?(key: string, value: number, step: number, timestampMs: number): void;
  onFinalize?(bom: TrainingBOM): void;
  /** Resolves once everything received so far has been delivered. */
  flush?(): Promise<void>;
  /** Delivers what is left and releases resources; called once. */
  close?(): Promise<void>;
}

/** Where sink errors go: the error and the sink that raised it. */
export type SinkErrorHandler = (error: unknown, sink: TrackerSink) => void;
