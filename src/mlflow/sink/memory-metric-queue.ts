import { MLFLOW_LIMITS } from '../bom/conventions';
import type { MetricQueue } from './metric-queue';
import { PointQueue, type QueuedPoint } from './point-queue';

/**
 * The {@link MetricQueue} without a journal: a bounded {@link PointQueue}; points beyond its capacity are
 * dropped and counted, and a batch that failed transiently goes back in front (within capacity).
 */
export class MemoryMetricQueue implements MetricQueue {
  private readonly points: PointQueue;

  constructor(capacity: number) {
    this.points = new PointQueue(capacity);
  }

  get queued(): number {
    return this.points.length;
  }

  get spilled(): number {
    return 0;
  }

  get dropped(): number {
    return this.points.dropped;
  }

  get undelivered(): number {
    return this.points.length;
  }

  push(key: string, value: number, step: number, timestampMs: number): boolean {
    this.points.push(key, value, step, timestampMs);
    return this.points.length >= MLFLOW_LIMITS.metricsPerBatch;
  }

  take(max: number): QueuedPoint[] {
    return this.points.take(max);
  }

  delivered(): void {
    // Nothing to record: the points left memory when they were taken.
  }

  refused(_taken: number, sent: number): void {
    this.points.dropped += sent;
  }

  retry(sent: readonly QueuedPoint[]): void {
    this.points.unshift(sent);
  }
}
