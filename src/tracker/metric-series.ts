/** One metric's full history, read-only: columnar typed arrays (copies), oldest first. */
export interface MetricHistory {
  /** The metric's name. */
  readonly key: string;
  /** Number of points. */
  readonly length: number;
  /** Values in the order logged. */
  readonly values: Float64Array;
  /** Steps in the order logged. */
  readonly steps: Float64Array;
  /** Epoch milliseconds. */
  readonly timestamps: Float64Array;
  /** How many points were NaN or ±Infinity. */
  readonly nonFiniteCount: number;
  /** The latest value by MLflow's rule: highest step, then latest timestamp, then last logged. */
  readonly latest: number;
}

import { HistoryBudget, type SpilledChunk } from './history-budget';

const FIRST_CHUNK = 16;
const MAX_CHUNK = 4096;

/**
 * Append-only columnar storage for one metric. Points live in chunks of interleaved
 * (value, step, timestamp) Float64 triples, 24 bytes a point; chunks double from 16 up to 4,096 points
 * and are never copied, so a push is O(1) worst case and the spare capacity is at most one chunk.
 * Chunks are charged to the run's {@link HistoryBudget}: when a new chunk takes the run over it, this
 * series' oldest full chunks go to the spill file (history-budget.ts) until the run is within it again
 * or only the chunk being written is left in memory.
 */
export class MetricSeries {
  length = 0;
  nonFiniteCount = 0;
  private readonly chunks: (Float64Array | SpilledChunk)[] = [];
  /** Chunks before this index are spilled; from it on they are in memory. */
  private firstInMemory = 0;
  private current = new Float64Array(FIRST_CHUNK * 3);
  private offset = 0;
  private latestValue = NaN;
  private latestStep = -Infinity;
  private latestTimestamp = -Infinity;

  /** `index`: the metric's rank among the run's metrics in the order first seen (the journal's key number). */
  constructor(
    readonly key: string,
    readonly index = 0,
    private readonly budget: HistoryBudget = new HistoryBudget({ maxMemoryBytes: Infinity }),
  ) {
    this.chunks.push(this.current);
    budget.inMemoryBytes += this.current.byteLength;
  }

  push(value: number, step: number, timestampMs: number): void {
    let chunk = this.current;
    let o = this.offset;
    if (o === chunk.length) {
      chunk = new Float64Array(Math.min(chunk.length * 2, MAX_CHUNK * 3));
      this.chunks.push(chunk);
      this.current = chunk;
      o = 0;
      this.budget.inMemoryBytes += chunk.byteLength;
      if (this.budget.over) this.spillOldest();
    }
    chunk[o] = value;
    chunk[o + 1] = step;
    chunk[o + 2] = timestampMs;
    this.offset = o + 3;
    this.length++;
    if (value - value !== 0) this.nonFiniteCount++;
    if (step > this.latestStep || (step === this.latestStep && timestampMs >= this.latestTimestamp)) {
      this.latestValue = value;
      this.latestStep = step;
      this.latestTimestamp = timestampMs;
    }
  }

  /** The latest value (see {@link MetricHistory.latest}); NaN when empty. */
  latest(): number {
    return this.latestValue;
  }

  /** Bytes held in memory by the chunks (for measuring memory per point). */
  byteLength(): number {
    let bytes = 0;
    for (let i = this.firstInMemory; i < this.chunks.length; i++) bytes += (this.chunks[i] as Float64Array).byteLength;
    return bytes;
  }

  /** Points kept in the spill file rather than in memory. */
  spilledPoints(): number {
    let bytes = 0;
    for (let i = 0; i < this.firstInMemory; i++) bytes += (this.chunks[i] as SpilledChunk).bytes;
    return bytes / 24;
  }

  /** Writes full chunks, oldest first, to the spill file until the run is within budget (never the chunk being written). */
  private spillOldest(): void {
    const last = this.chunks.length - 1;
    while (this.budget.over && this.firstInMemory < last) {
      this.chunks[this.firstInMemory] = this.budget.spill(this.chunks[this.firstInMemory] as Float64Array);
      this.firstInMemory++;
    }
  }

  snapshot(): MetricHistory {
    const n = this.length;
    const values = new Float64Array(n);
    const steps = new Float64Array(n);
    const timestamps = new Float64Array(n);
    let i = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = c < this.firstInMemory ? this.budget.read(this.chunks[c] as SpilledChunk) : (this.chunks[c] as Float64Array);
      for (let o = 0; o < chunk.length && i < n; o += 3, i++) {
        values[i] = chunk[o];
        steps[i] = chunk[o + 1];
        timestamps[i] = chunk[o + 2];
      }
    }
    return Object.freeze({ key: this.key, length: n, values, steps, timestamps, nonFiniteCount: this.nonFiniteCount, latest: this.latestValue });
  }
}
