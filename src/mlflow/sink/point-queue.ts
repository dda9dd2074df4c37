/** A metric point as the sink sends it. */
export interface QueuedPoint {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

const CHUNK = 4096;

interface Chunk {
  readonly keys: string[];
  /** Interleaved (value, step, timestamp) triples. */
  readonly numbers: Float64Array;
  /** Next slot to write. */
  end: number;
}

function newChunk(): Chunk {
  return { keys: new Array<string>(CHUNK), numbers: new Float64Array(CHUNK * 3), end: 0 };
}

/**
 * A bounded FIFO of metric points for the sink's hot path, in chunks of 4,096 with the numbers in one
 * typed array per chunk: `push` is O(1), allocation-free between chunks and never copies. When full, new
 * points are dropped and counted.
 */
export class PointQueue {
  private readonly chunks: Chunk[] = [newChunk()];
  private head = 0;
  private size = 0;
  /** Points refused because the queue was full, or dropped on purpose by the caller. */
  dropped = 0;

  constructor(readonly capacity: number) {}

  /** Points waiting. */
  get length(): number {
    return this.size;
  }

  /** Appends a point; false (and counted as dropped) when the queue is full. */
  push(key: string, value: number, step: number, timestampMs: number): boolean {
    if (this.size >= this.capacity) {
      this.dropped++;
      return false;
    }
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk.end === CHUNK) {
      chunk = newChunk();
      this.chunks.push(chunk);
    }
    const i = chunk.end++;
    chunk.keys[i] = key;
    chunk.numbers[i * 3] = value;
    chunk.numbers[i * 3 + 1] = step;
    chunk.numbers[i * 3 + 2] = timestampMs;
    this.size++;
    return true;
  }

  /** Removes and returns up to `max` of the oldest points, in order. */
  take(max: number): QueuedPoint[] {
    const out: QueuedPoint[] = [];
    while (out.length < max && this.size > 0) {
      const chunk = this.chunks[0];
      const n = chunk.numbers;
      while (out.length < max && this.head < chunk.end) {
        const i = this.head++;
        out.push({ key: chunk.keys[i], value: n[i * 3], step: n[i * 3 + 1], timestamp: n[i * 3 + 2] });
        this.size--;
      }
      if (this.head === chunk.end && (chunk.end === CHUNK || this.chunks.length > 1)) {
        this.chunks.shift();
        this.head = 0;
        if (this.chunks.length === 0) this.chunks.push(newChunk());
      } else if (this.head === chunk.end) {
        chunk.end = 0;
        this.head = 0;
      }
    }
    return out;
  }

  /** Forgets every point waiting (they are kept elsewhere, e.g. in the journal); not counted as dropped. */
  clear(): void {
    this.chunks.length = 0;
    this.chunks.push(newChunk());
    this.head = 0;
    this.size = 0;
  }

  /** Puts points back at the front (a batch that failed and will be retried), within capacity. */
  unshift(points: readonly QueuedPoint[]): void {
    const kept = points.slice(0, Math.max(0, this.capacity - this.size));
    this.dropped += points.length - kept.length;
    if (kept.length === 0) return;
    const rest = this.take(this.size);
    for (const p of [...kept, ...rest]) this.push(p.key, p.value, p.step, p.timestamp);
  }
}
