/**
 * Appends records and metric points to a journal file. Points are buffered in a frame (point-frames.ts) and
 * written when 100 ms have passed since the last write (checked on each point with the time the
 * tracker already read), when the frame is full or a point does not fit it, on an unref'd 100 ms timer, and before any other record;
 * `durable` writes every call at once. Writes are synchronous (`writev` of a few hundred KB at most), so a
 * killed process loses at most the points of the last ~100 ms. A write that fails turns the journal off
 * and is reported once; training goes on.
 */
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writevSync } from 'node:fs';
import { FRAME_HEADER_BYTES, FrameKind, frameHeader, JOURNAL_MAGIC } from './journal-format';
import { decodePoints, PointFrameBuffer, type JournaledPoint } from './point-frames';
import type { JournalRecord } from './journal-record';
import type { JournalBlock, JournalState } from './journal-state';

/** How often buffered points are written, at most, in milliseconds. */
export const JOURNAL_FLUSH_MS = 100;

/** Where a writer starts: a new file, or the end of an existing one as read (cut back to its last intact frame). */
export type JournalOpening = { readonly mode: 'create' } | { readonly mode: 'append'; readonly from: JournalState };

/** Writes one run's journal. */
export class JournalWriter {
  private fd: number | undefined;
  private size: number;
  private readonly buffer = new PointFrameBuffer();
  private flushed: number;
  private lastWriteMs = 0;
  private readonly blocks: JournalBlock[];
  private readonly keys: string[];
  private readonly timer: NodeJS.Timeout;
  private failure: unknown;

  constructor(
    readonly path: string,
    opening: JournalOpening,
    private readonly durable: boolean,
    private readonly onFailure: (error: unknown) => void,
  ) {
    if (opening.mode === 'create') {
      this.fd = openSync(path, 'wx+', 0o600);
      this.size = 0;
      this.blocks = [];
      this.keys = [];
      this.flushed = 0;
      this.write([JOURNAL_MAGIC]);
    } else {
      this.fd = openSync(path, 'r+');
      const from = opening.from;
      if (fstatSync(this.fd).size > from.validBytes) ftruncateSync(this.fd, from.validBytes);
      this.size = from.validBytes;
      this.blocks = from.blocks.slice();
      this.keys = from.keys.slice();
      this.flushed = from.points;
    }
    this.timer = setInterval(() => this.flush(), JOURNAL_FLUSH_MS);
    this.timer.unref();
  }

  /** Points written or buffered so far: the sequence number of the next point. */
  get points(): number {
    return this.flushed + this.buffer.count;
  }

  /** Whether a write failed (and the journal stopped). */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Writes a record (after any buffered points, so the file keeps the order of the calls). */
  record(record: JournalRecord): void {
    if (record.type === 'key') this.keys[record.index] = record.key;
    this.flush();
    const payload = Buffer.from(JSON.stringify(record), 'utf8');
    this.write([frameHeader(FrameKind.Json, payload), payload]);
  }

  /** Buffers one metric point of the key with this index; hot path. */
  point(keyIndex: number, value: number, step: number, timestampMs: number): void {
    if (!this.buffer.add(keyIndex, value, step, timestampMs)) {
      this.flush();
      this.buffer.add(keyIndex, value, step, timestampMs);
    }
    if (this.durable || timestampMs - this.lastWriteMs >= JOURNAL_FLUSH_MS) {
      this.lastWriteMs = timestampMs;
      this.flush();
    }
  }

  /** Writes buffered points now. */
  flush(): void {
    if (this.buffer.count === 0) return;
    const { kind, payload, count } = this.buffer.take();
    const payloadOffset = this.size + FRAME_HEADER_BYTES;
    if (this.write([frameHeader(kind, payload), payload])) {
      this.blocks.push({ firstSeq: this.flushed, count, kind, payloadOffset, payloadLength: payload.byteLength });
    }
    this.flushed += count;
  }

  /** Flushes and asks the OS to put the file on disk (`fdatasync`). */
  sync(): void {
    this.flush();
    if (this.fd === undefined) return;
    try {
      fdatasyncSync(this.fd);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Reads points `[from, from + max)` back, oldest first (fewer at the end of what was written). */
  readPoints(from: number, max: number): JournaledPoint[] {
    if (from + max > this.flushed) this.flush();
    const out: JournaledPoint[] = [];
    if (this.fd === undefined) return out;
    let i = this.blockAt(from);
    let seq = from;
    while (i < this.blocks.length && out.length < max) {
      const block = this.blocks[i];
      const skip = seq - block.firstSeq;
      const n = Math.min(block.count - skip, max - out.length);
      const payload = Buffer.allocUnsafe(block.payloadLength);
      readSync(this.fd, payload, 0, payload.length, block.payloadOffset);
      decodePoints(block.kind, payload, skip, skip + n, (keyIndex, value, step, timestamp) => {
        out.push({ key: this.keys[keyIndex], value, step, timestamp });
      });
      seq += n;
      i++;
    }
    return out;
  }

  /** Writes what is buffered, syncs and closes the file; idempotent. */
  close(): void {
    clearInterval(this.timer);
    this.sync();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Index of the block holding point `seq` (blocks hold contiguous, increasing sequence numbers). */
  private blockAt(seq: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blocks[mid].firstSeq <= seq) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private write(parts: Uint8Array[]): boolean {
    if (this.fd === undefined) return false;
    try {
      let written = writevSync(this.fd, parts, this.size);
      const total = parts.reduce((n, p) => n + p.byteLength, 0);
      if (written < total) written += writevSync(this.fd, [Buffer.concat(parts).subarray(written)], this.size + written);
      this.size += written;
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    clearInterval(this.timer);
    try {
      if (this.fd !== undefined) closeSync(this.fd);
    } catch {
      // The journal is already off; nothing more to do with it.
    }
    this.fd = undefined;
    this.onFailure(error);
  }
}
