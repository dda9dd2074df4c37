/** One metric's full history, read-only: columnar typed arrays (copies), oldest first. */
export interface MetricHistory {
  readonly key: string;
  readonly length: number;
  readonly values: Float64Array;
  readonly steps: Float64Array;
  /** Epoch milliseconds. */
  readonly timestamps: Float64Array;
  /** How many points were NaN or ±Infinity. */
  readonly nonFiniteCount: number;
  /** The latest value by MLflow's rule: highest step, then latest timestamp, then last logged. */
  readonly latest: number;
}

const INITIAL_CAPACITY = 8;

/**
 * Append-only columnar storage for one metric: three Float64Arrays growing by 1.5×, so a point costs
 * 24 bytes plus at most a third of that in spare capacity. O(1) amortised per point.
 */
export class MetricSeries {
  length = 0;
  nonFiniteCount = 0;
  private values = new Float64Array(INITIAL_CAPACITY);
  private steps = new Float64Array(INITIAL_CAPACITY);
  private timestamps = new Float64Array(INITIAL_CAPACITY);
  private latestIndex = -1;

  constructor(readonly key: string) {}

  push(value: number, step: number, timestampMs: number): void {
    const i = this.length;
    if (i === this.values.length) this.grow();
    this.values[i] = value;
    this.steps[i] = step;
    this.timestamps[i] = timestampMs;
    this.length = i + 1;
    if (value - value !== 0) this.nonFiniteCount++;
    const l = this.latestIndex;
    if (l < 0 || step > (this.steps[l] as number) || (step === this.steps[l] && timestampMs >= (this.timestamps[l] as number))) {
      this.latestIndex = i;
    }
  }

  /** The latest value (see {@link MetricHistory.latest}); NaN when empty. */
  latest(): number {
    return this.latestIndex < 0 ? NaN : (this.values[this.latestIndex] as number);
  }

  /** Bytes held by the typed arrays (for measuring memory per point). */
  byteLength(): number {
    return this.values.byteLength * 3;
  }

  snapshot(): MetricHistory {
    const n = this.length;
    return Object.freeze({
      key: this.key,
      length: n,
      values: this.values.slice(0, n),
      steps: this.steps.slice(0, n),
      timestamps: this.timestamps.slice(0, n),
      nonFiniteCount: this.nonFiniteCount,
      latest: this.latest(),
    });
  }

  private grow(): void {
    const capacity = Math.ceil(this.values.length * 1.5);
    const grow = (old: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    this.values = grow(this.values);
    this.steps = grow(this.steps);
    this.timestamps = grow(this.timestamps);
  }
}
