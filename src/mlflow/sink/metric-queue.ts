import type { QueuedPoint } from './point-queue';

/**
 * Where the sink's metric points wait between `onMetric` and MLflow: a batch is taken, sent, then settled
 * exactly once as delivered, refused for good, or to be retried. One export is in flight at a time, so at
 * most one batch is unsettled. Implemented in memory only ({@link MemoryMetricQueue}) and as a bounded
 * cache of the tracker's journal ({@link JournalMetricQueue}).
 */
export interface MetricQueue {
  /** Points waiting in memory. */
  readonly queued: number;
  /** Points waiting on disk only, to be read back in order. */
  readonly spilled: number;
  /** Points lost: the queue was full with nowhere else to go, MLflow refused them for good, or the journal failed. */
  readonly dropped: number;
  /** Points received and neither delivered nor dropped. */
  readonly undelivered: number;
  /** Accepts one point (hot path: O(1), no I/O); true when a full batch waits and an export should start now. */
  push(key: string, value: number, step: number, timestampMs: number): boolean;
  /** Removes and returns up to `max` of the oldest waiting points, reading spilled ones back as needed. */
  take(max: number): QueuedPoint[];
  /** The `taken` points of the last batch are in MLflow. */
  delivered(taken: number): void;
  /** MLflow refused the last batch for good: its `sent` points are dropped and the `taken` points settled. */
  refused(taken: number, sent: number): void;
  /** The last batch failed transiently: its points (`sent`, those MLflow would take) go again, first. */
  retry(sent: readonly QueuedPoint[]): void;
}
