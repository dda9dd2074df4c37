/**
 * How metric points are laid out in journal frames. Compact frames take 16 bytes a point (value f64,
 * step i32, key number u16, milliseconds after the frame's base time u16, after an f64 base time): the
 * journal's cost is mostly the kernel copying its bytes, so fewer bytes is a faster hot path. A point that
 * does not fit (step beyond int32, key number beyond 65,535, time before the base, 65 s or more after it,
 * or not exactly base + delta) goes into a wide frame (32 bytes: key, value, step, time, all f64).
 */
import { FrameKind } from './journal-format';

/** Points a frame holds at most. */
export const FRAME_POINTS = 16_384;
const COMPACT_HEADER = 8;
const COMPACT_POINT = 16;
const WIDE_POINT = 32;

/** A metric point read back from the journal. */
export interface JournaledPoint {
  /** The metric's name. */
  readonly key: string;
  /** The value as logged (NaN and ±Infinity included). */
  readonly value: number;
  /** The step as logged. */
  readonly step: number;
  /** Epoch milliseconds when it was logged. */
  readonly timestamp: number;
}

/** Receives decoded points. */
export type PointVisitor = (keyIndex: number, value: number, step: number, timestampMs: number) => void;

/** The points of the frame being built, in compact form until one does not fit. */
export class PointFrameBuffer {
  private readonly bytes = new ArrayBuffer(FRAME_POINTS * WIDE_POINT);
  private readonly f64 = new Float64Array(this.bytes);
  private readonly i32 = new Int32Array(this.bytes);
  private readonly u16 = new Uint16Array(this.bytes);
  private wide = false;
  private base = 0;
  /** Points held. */
  count = 0;

  /** Adds a point; false when it needs a new frame (this one is full, or compact and the point does not fit). */
  add(keyIndex: number, value: number, step: number, timestampMs: number): boolean {
    const n = this.count;
    if (n === FRAME_POINTS) return false;
    if (!this.wide) {
      if (n === 0) this.base = timestampMs;
      const delta = timestampMs - this.base;
      if (keyIndex < 0x10000 && (step | 0) === step && (delta & 0xffff) === delta && this.base + delta === timestampMs) {
        this.f64[n * 2 + 1] = value;
        this.i32[n * 4 + 4] = step;
        this.u16[n * 8 + 10] = keyIndex;
        this.u16[n * 8 + 11] = delta;
        this.count = n + 1;
        return true;
      }
      if (n > 0) return false;
      this.wide = true;
    }
    const o = n * 4;
    this.f64[o] = keyIndex;
    this.f64[o + 1] = value;
    this.f64[o + 2] = step;
    this.f64[o + 3] = timestampMs;
    this.count = n + 1;
    return true;
  }

  /** The frame's kind and payload (a view: write it before the next `add`), and empties the buffer. */
  take(): { readonly kind: FrameKind; readonly payload: Uint8Array; readonly count: number } {
    const count = this.count;
    const wide = this.wide;
    if (!wide) this.f64[0] = this.base;
    this.count = 0;
    this.wide = false;
    const length = wide ? count * WIDE_POINT : COMPACT_HEADER + count * COMPACT_POINT;
    return { kind: wide ? FrameKind.Points : FrameKind.CompactPoints, payload: new Uint8Array(this.bytes, 0, length), count };
  }
}

/** How many points a payload of this kind and length holds, or undefined when the length is wrong. */
export function pointCount(kind: FrameKind, length: number): number | undefined {
  if (kind === FrameKind.Points) return length % WIDE_POINT === 0 ? length / WIDE_POINT : undefined;
  return length >= COMPACT_HEADER && (length - COMPACT_HEADER) % COMPACT_POINT === 0 ? (length - COMPACT_HEADER) / COMPACT_POINT : undefined;
}

/** Visits points `[from, to)` of a points payload (any alignment). */
export function decodePoints(kind: FrameKind, payload: Uint8Array, from: number, to: number, visit: PointVisitor): void {
  const bytes = payload.byteOffset % 8 === 0 ? payload.buffer : payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength);
  const start = payload.byteOffset % 8 === 0 ? payload.byteOffset : 0;
  const f64 = new Float64Array(bytes, start, Math.floor(payload.byteLength / 8));
  if (kind === FrameKind.Points) {
    for (let p = from; p < to; p++) visit(f64[p * 4], f64[p * 4 + 1], f64[p * 4 + 2], f64[p * 4 + 3]);
    return;
  }
  const i32 = new Int32Array(bytes, start, Math.floor(payload.byteLength / 4));
  const u16 = new Uint16Array(bytes, start, Math.floor(payload.byteLength / 2));
  const base = f64[0];
  for (let p = from; p < to; p++) visit(u16[p * 8 + 10], f64[p * 2 + 1], i32[p * 4 + 4], base + u16[p * 8 + 11]);
}
