/**
 * The memory budget of a run's metric histories, and the local file their older points spill to beyond it
 * (docs/reliability.md#long-runs-in-bounded-memory). Every {@link MetricSeries} of a run charges the bytes of
 * its chunks here; when the total passes the budget, the series that just grew writes its oldest full chunks
 * to the spill file and drops them from memory, and reads them back when its history is asked for.
 *
 * The spill file holds chunks as they are in memory (interleaved Float64 value, step, timestamp triples,
 * 24 bytes a point, the machine's byte order): it is a cache of this process, never read by another, so
 * it needs no format. It is created with mode 0600 in the spill directory and, where the platform allows
 * (not Windows), unlinked at once: the open descriptor keeps it alive, and nothing is left behind by a
 * crash. The journal, not this file, is what survives one.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '../errors';

/** The default budget: 64 MiB of points in memory (about 2.8 million points). */
export const DEFAULT_HISTORY_MEMORY_BYTES = 64 * 1024 * 1024;

/** Where a spilled chunk is in the spill file. */
export interface SpilledChunk {
  /** Byte offset in the spill file. */
  readonly offset: number;
  /** Bytes written (the chunk's whole length: a spilled chunk is always full). */
  readonly bytes: number;
}

/** Options of the metric-history budget (the tracker's `metricHistory` option). */
export interface MetricHistoryOptions {
  /**
   * Most bytes of metric points the tracker keeps in memory (default 64 MiB, about 2.8 million points at
   * 24 bytes each); older points beyond it spill to a local file and are read back when the history is
   * asked for. `Infinity` keeps everything in memory.
   */
  readonly maxMemoryBytes?: number;
  /** Directory of the spill file (default: the OS temp directory). */
  readonly spillDirectory?: string;
}

const cleanup = new FinalizationRegistry<{ fd: number; path: string | undefined }>((held) => release(held.fd, held.path));

/** Spill files still in their directory (Windows), deleted at exit. */
const linked = new Map<string, number>();

function releaseLinked(): void {
  for (const [path, fd] of linked) release(fd, path);
}

function release(fd: number, path: string | undefined): void {
  if (path !== undefined) linked.delete(path);
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
  if (path !== undefined) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
}

/** One run's budget and spill file. */
export class HistoryBudget {
  /** Bytes of chunks in memory, over every series of the run. */
  inMemoryBytes = 0;
  /** Bytes written to the spill file. */
  spilledBytes = 0;
  private fd: number | undefined;
  /** The spill file's path while it has one in the directory (Windows only: elsewhere it is unlinked at once). */
  private linkedPath: string | undefined;
  private readonly handle = {};

  readonly limitBytes: number;
  private readonly directory: string;

  /** @throws InvalidArgumentError when `maxMemoryBytes` is not a positive number. */
  constructor(options: MetricHistoryOptions = {}) {
    const limit = options.maxMemoryBytes ?? DEFAULT_HISTORY_MEMORY_BYTES;
    if (typeof limit !== 'number' || Number.isNaN(limit) || limit <= 0) {
      throw new InvalidArgumentError('metricHistory.maxMemoryBytes', `must be a positive number of bytes, got ${String(limit)}`);
    }
    this.limitBytes = limit;
    this.directory = options.spillDirectory ?? tmpdir();
  }

  /** Whether the chunks in memory take more than the budget. */
  get over(): boolean {
    return this.inMemoryBytes > this.limitBytes;
  }

  /** Appends a full chunk to the spill file and stops charging it; returns where it went. */
  spill(chunk: Float64Array): SpilledChunk {
    const fd = this.fd ?? this.open();
    const offset = this.spilledBytes;
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, offset + done);
    this.spilledBytes += bytes.length;
    this.inMemoryBytes -= chunk.byteLength;
    return { offset, bytes: bytes.length };
  }

  /** Reads a spilled chunk back (a new array; the file keeps it). */
  read(where: SpilledChunk): Float64Array {
    const out = new Float64Array(where.bytes / 8);
    const bytes = new Uint8Array(out.buffer);
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(this.fd as number, bytes, done, bytes.length - done, where.offset + done);
      if (n === 0) throw new Error(`metric history spill file ended at byte ${where.offset + done}, ${bytes.length - done} bytes short`);
      done += n;
    }
    return out;
  }

  private open(): number {
    const path = join(this.directory, `training-bom-history-${process.pid}-${randomBytes(6).toString('hex')}.spill`);
    const fd = openSync(path, 'wx+', 0o600);
    this.fd = fd;
    if (process.platform === 'win32') this.linkedPath = path;
    else unlinkSync(path); // the descriptor keeps the data; nothing is left behind, even by a crash
    cleanup.register(this.handle, { fd, path: this.linkedPath }, this.handle);
    if (this.linkedPath !== undefined) {
      if (linked.size === 0) process.once('exit', releaseLinked);
      linked.set(this.linkedPath, fd);
    }
    return fd;
  }
}
