/** The constants of the metric history file format, version 1 (docs/history-format.md). */

/** `TBMH`: the first four bytes of every history file. */
export const MAGIC = Uint8Array.of(0x54, 0x42, 0x4d, 0x48);
/** The version this SDK writes and reads. */
export const VERSION = 1;
/** Bytes of the BOM digest in the header (SHA-256). */
export const DIGEST_BYTES = 32;
/** Bytes before the id: magic, version, flags, digest. */
export const FIXED_HEADER_BYTES = 4 + 1 + 1 + DIGEST_BYTES;
/** Bytes of the trailing CRC-32. */
export const CHECKSUM_BYTES = 4;

/** How a column's numbers became bytes. */
export const ColumnEncoding = {
  /** Integers: the first value, the first difference, then differences of differences, zigzag LEB128 varints. */
  DeltaOfDelta: 1,
  /** Any float64: each value XOR the previous one, as 8 byte planes, most significant plane first. */
  XorBytePlanes: 2,
} as const;

/** How a column's bytes are stored. */
export const ColumnCompression = {
  None: 0,
  /** Raw DEFLATE (RFC 1951), no zlib or gzip wrapper. */
  Deflate: 1,
} as const;

/** Integers at most this large in magnitude (2^49) take the delta-of-delta encoding: its arithmetic stays exact. */
export const MAX_DELTA_INT = 2 ** 49;
/** DEFLATE's largest possible expansion ratio (258-byte matches at about 2 bits each), with slack. */
export const MAX_INFLATE_RATIO = 1100;
/** The reader's default limit on the points of one file (about 1.2 GB of columns). */
export const DEFAULT_MAX_POINTS = 50_000_000;
