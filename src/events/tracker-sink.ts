import type { RunEventSubscriber } from './run-event';

/**
 * Receives a {@link TrainingWorkflowTracker}'s run event stream, modelled on OpenTelemetry's span
 * processors: `onEvent` for every event but metric points, `onMetric` for each point on the hot path.
 * Every method is optional. Hot-path calls must return quickly and do their I/O in the background;
 * errors a sink throws or rejects with go to the tracker's `onError`, never into the training loop.
 */
export interface TrackerSink extends RunEventSubscriber {
  /**
   * Called once when the tracker is constructed with this sink: errors the sink meets later, in the
   * background, go to `report`, which routes them to the tracker's `onError`.
   */
  bindErrorHandler?(report: (error: unknown) => void): void;
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
  /**
   * True when this process's share of the run ended and was delivered although the tracker never finalized:
   * a rank of a distributed run that does not own it (docs/distributed.md). The journal then goes as it
   * does after a finalized run.
   */
  readonly contributionEnded?: boolean;
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
