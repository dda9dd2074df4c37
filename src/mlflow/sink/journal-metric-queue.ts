import type { SinkJournal } from '../../journal/sink-journal';
import { MLFLOW_LIMITS } from '../bom/conventions';
import type { MetricQueue } from './metric-queue';
import { PointQueue, type QueuedPoint } from './point-queue';

/** Points read back from the journal at a time. */
const REFILL_POINTS = 10 * MLFLOW_LIMITS.metricsPerBatch;

/**
 * The {@link MetricQueue} over the tracker's journal, which holds every point in order, numbered from 0
 * (the tracker journals a point before the sink sees it). Memory is a bounded cache of it: once full,
 * points wait on disk only and are read back in order as the cache empties; a batch that failed is read
 * again from the journal; each delivered batch is acknowledged there. On resume it starts from the
 * journal's acknowledged position, so only what MLflow lacks is sent.
 */
export class JournalMetricQueue implements MetricQueue {
  private readonly cache: PointQueue;
  /** Sequence number of the next point, and of the first point not yet delivered. */
  private seq: number;
  private head: number;
  /** Sequence number of the first point that waits on disk only, when some do. */
  private spillFrom: number | undefined;
  private lost = 0;

  constructor(private readonly journal: SinkJournal, capacity: number) {
    this.cache = new PointQueue(capacity);
    this.seq = journal.points;
    this.head = Math.min(journal.previous?.acknowledged ?? 0, journal.points);
    this.spillFrom = this.head < this.seq ? this.head : undefined;
  }

  get queued(): number {
    return this.cache.length;
  }

  get spilled(): number {
    return this.spillFrom === undefined ? 0 : this.seq - this.spillFrom;
  }

  get dropped(): number {
    return this.lost;
  }

  get undelivered(): number {
    return this.seq - this.head;
  }

  push(key: string, value: number, step: number, timestampMs: number): boolean {
    const seq = this.seq++;
    if (this.spillFrom !== undefined) return false;
    if (this.cache.length >= this.cache.capacity) {
      this.spillFrom = seq;
      return true;
    }
    this.cache.push(key, value, step, timestampMs);
    return this.cache.length >= MLFLOW_LIMITS.metricsPerBatch;
  }

  take(max: number): QueuedPoint[] {
    if (this.cache.length === 0) this.refill();
    return this.cache.take(max);
  }

  delivered(taken: number): void {
    this.head += taken;
    this.journal.acknowledge(this.head);
  }

  refused(taken: number, sent: number): void {
    this.lost += sent;
    this.delivered(taken);
  }

  retry(): void {
    // The journal has every point: forget the cache and read it all again from the batch's first point.
    this.cache.clear();
    this.spillFrom = this.head;
  }

  /** Reads the next points that wait only in the journal into the (empty) cache. */
  private refill(): void {
    if (this.spillFrom === undefined) return;
    const room = Math.min(this.cache.capacity, REFILL_POINTS, this.seq - this.spillFrom);
    const read = this.journal.readPoints(this.spillFrom, room);
    for (const p of read) this.cache.push(p.key, p.value, p.step, p.timestamp);
    this.spillFrom += read.length;
    if (read.length === 0) {
      this.lost += this.seq - this.spillFrom; // the journal failed: these points are gone
      this.head = this.seq;
    }
    if (read.length === 0 || this.spillFrom >= this.seq) this.spillFrom = undefined;
  }
}
