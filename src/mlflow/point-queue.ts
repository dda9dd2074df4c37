/**
 * A bounded FIFO of metric points in parallel arrays (no object per point), for the sink's hot path:
 * `push` is O(1) amortised and allocation-free once warm; when full, new points are dropped and counted.
 */
export class PointQueue {
  private keys: string[] = [];
  private values: number[] = [];
  private steps: number[] = [];
  private timestamps: number[] = [];
  private head = 0;
  /** Points refused because the queue was full. */
  dropped = 0;

  constructor(readonly capacity: number) {}

  /** Points waiting. */
  get length(): number {
    return this.keys.length - this.head;
  }

  /** Appends a point; false (and counted as dropped) when the queue is full. */
  push(key: string, value: number, step: number, timestampMs: number): boolean {
    if (this.keys.length - this.head >= this.capacity) {
      this.dropped++;
      return false;
    }
    this.keys.push(key);
    this.values.push(value);
    this.steps.push(step);
    this.timestamps.push(timestampMs);
    return true;
  }

  /** Removes and returns up to `max` of the oldest points, in order. */
  take(max: number): Array<{ key: string; value: number; step: number; timestamp: number }> {
    const end = Math.min(this.head + max, this.keys.length);
    const out = [];
    for (let i = this.head; i < end; i++) {
      out.push({ key: this.keys[i] as string, value: this.values[i] as number, step: this.steps[i] as number, timestamp: this.timestamps[i] as number });
    }
    this.head = end;
    if (this.head === this.keys.length) this.clear();
    else if (this.head > 65536 && this.head * 2 > this.keys.length) this.compact();
    return out;
  }

  /** Puts points back at the front (a batch that failed and will be retried), within capacity. */
  unshift(points: ReadonlyArray<{ key: string; value: number; step: number; timestamp: number }>): void {
    const room = Math.max(0, this.capacity - this.length);
    const kept = points.slice(0, room);
    this.dropped += points.length - kept.length;
    this.compact();
    this.keys.unshift(...kept.map((p) => p.key));
    this.values.unshift(...kept.map((p) => p.value));
    this.steps.unshift(...kept.map((p) => p.step));
    this.timestamps.unshift(...kept.map((p) => p.timestamp));
  }

  private clear(): void {
    this.keys = [];
    this.values = [];
    this.steps = [];
    this.timestamps = [];
    this.head = 0;
  }

  private compact(): void {
    this.keys = this.keys.slice(this.head);
    this.values = this.values.slice(this.head);
    this.steps = this.steps.slice(this.head);
    this.timestamps = this.timestamps.slice(this.head);
    this.head = 0;
  }
}
