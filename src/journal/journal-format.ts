/**
 * The journal's on-disk format (docs/reliability.md#journal-format): a magic line, then frames of
 * `u32 payload length | u32 CRC-32 of the payload | u8 kind | payload`, little-endian. A JSON frame holds
 * one record; a points frame holds metric points (point-frames.ts). A frame cut short or failing its CRC marks the end of what can be trusted.
 */
import { crc32 } from 'node:zlib';

/** First bytes of every journal file. */
export const JOURNAL_MAGIC = Buffer.from('training-bom journal v1\n', 'latin1');
/** Bytes before a frame's payload. */
export const FRAME_HEADER_BYTES = 9;
/** Largest frame payload a reader accepts (a larger length can only be corruption). */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

/** Kinds of frame. */
export const enum FrameKind {
  Json = 1,
  /** Metric points, 32 bytes each (point-frames.ts). */
  Points = 2,
  /** Metric points, 16 bytes each after a base time (point-frames.ts). */
  CompactPoints = 3,
}

/** A frame's header for `payload`. */
export function frameHeader(kind: FrameKind, payload: Uint8Array): Buffer {
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  header.writeUInt32LE(payload.byteLength, 0);
  header.writeUInt32LE(crc32(payload), 4);
  header.writeUInt8(kind, 8);
  return header;
}

/** True when `payload` matches the CRC its header carries. */
export function payloadIntact(payload: Uint8Array, expectedCrc: number): boolean {
  return crc32(payload) === expectedCrc;
}
