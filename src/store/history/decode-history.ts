import { crc32, inflateRawSync } from 'node:zlib';
import { InvalidArgumentError } from '../../errors';
import type { MetricHistory } from '../../tracker/metric-series';
import { metricHistoryOf } from '../../tracker/metric-history-of';
import { ByteReader } from './byte-reader';
import { decodeDeltaOfDelta } from './delta-of-delta';
import {
  CHECKSUM_BYTES, ColumnCompression, ColumnEncoding, DEFAULT_MAX_POINTS, DIGEST_BYTES, FIXED_HEADER_BYTES, MAGIC, MAX_INFLATE_RATIO, VERSION,
} from './history-format';
import { decodeXorBytePlanes } from './xor-byte-planes';

/** What a history file holds. */
export interface DecodedHistory {
  /** The id of the BOM it belongs to ('' when bound to none). */
  readonly bomId: string;
  /** SHA-256 of the BOM file it belongs to (all zeros when bound to none). */
  readonly bomSha256: Uint8Array;
  /** One entry per metric, sorted by key. */
  readonly histories: MetricHistory[];
}

/** Limits of {@link decodeMetricHistories}. */
export interface DecodeHistoryOptions {
  /** The most points (all metrics together) a file may hold (default 50,000,000: about 1.2 GB of columns). */
  readonly maxPoints?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Inflate output buffers of up to 4 MiB: zlib's 16 KiB default makes a million points 2-3 times slower to inflate. */
const INFLATE_CHUNK = 4 << 20;
const COLUMNS = ['steps', 'timestamps', 'values'] as const;

function readColumn(r: ByteReader, field: string, count: number): Float64Array {
  const encoding = r.u8(`${field}.encoding`);
  if (encoding !== ColumnEncoding.DeltaOfDelta && encoding !== ColumnEncoding.XorBytePlanes) r.fail(`${field}.encoding`, `unknown encoding ${encoding}`);
  const compression = r.u8(`${field}.compression`);
  if (compression !== ColumnCompression.None && compression !== ColumnCompression.Deflate) r.fail(`${field}.compression`, `unknown compression ${compression}`);
  const rawLength = r.varint(`${field}.raw_length`);
  const low = encoding === ColumnEncoding.DeltaOfDelta ? count : count * 8;
  if (rawLength < low || rawLength > count * 8) r.fail(`${field}.raw_length`, `${rawLength} bytes cannot hold ${count} values in encoding ${encoding}`);
  const storedLength = r.varint(`${field}.stored_length`);
  if (compression === ColumnCompression.None && storedLength !== rawLength) r.fail(`${field}.stored_length`, `${storedLength} differs from the raw length ${rawLength} of an uncompressed column`);
  if (compression === ColumnCompression.Deflate && (rawLength === 0 || rawLength > storedLength * MAX_INFLATE_RATIO)) {
    r.fail(`${field}.raw_length`, `${rawLength} bytes cannot come from ${storedLength} deflated bytes`);
  }
  const start = r.offset;
  const stored = r.take(`${field}.data`, storedLength);
  let raw = stored;
  if (compression === ColumnCompression.Deflate) {
    try {
      raw = inflateRawSync(stored, { maxOutputLength: rawLength, chunkSize: Math.max(64, Math.min(rawLength, INFLATE_CHUNK)) });
    } catch (error) {
      r.offset = start;
      r.fail(`${field}.data`, `corrupt deflate data or more than ${rawLength} bytes`, error);
    }
    if (raw.length !== rawLength) r.fail(`${field}.data`, `inflates to ${raw.length} bytes, not ${rawLength}`);
  }
  if (encoding === ColumnEncoding.XorBytePlanes) return decodeXorBytePlanes(raw, count);
  const column = decodeDeltaOfDelta(raw, count);
  if (typeof column === 'string') {
    r.offset = start;
    return r.fail(`${field}.data`, column);
  }
  return column;
}

/**
 * Reads a history file written by {@link encodeMetricHistories}. Hostile bytes are safe: the checksum, every
 * length and count are checked before anything is allocated from them, inflation stops at the declared size,
 * and a file may not hold more than `maxPoints` points.
 * @throws HistoryFormatError naming the field and byte offset of the first problem;
 *   InvalidArgumentError for a bad `maxPoints`.
 */
export function decodeMetricHistories(bytes: Uint8Array, options: DecodeHistoryOptions = {}): DecodedHistory {
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  if (!Number.isSafeInteger(maxPoints) || maxPoints < 0) throw new InvalidArgumentError('maxPoints', `must be a non-negative integer, got ${String(maxPoints)}`);
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('bytes', 'must be a Uint8Array');
  const whole = new ByteReader(bytes);
  const magic = whole.take('magic', MAGIC.length);
  if (!magic.every((b, i) => b === MAGIC[i])) whole.fail('magic', 'not a training-bom metric history file');
  const version = whole.u8('version');
  if (version !== VERSION) whole.fail('version', `version ${version} is not supported (this SDK reads version ${VERSION})`);
  if (bytes.length < FIXED_HEADER_BYTES + CHECKSUM_BYTES + 2) whole.fail('header', `a history file is at least ${FIXED_HEADER_BYTES + CHECKSUM_BYTES + 2} bytes, this one ${bytes.length} (truncated)`);
  const end = bytes.length - CHECKSUM_BYTES;
  const stored = new DataView(bytes.buffer, bytes.byteOffset + end, CHECKSUM_BYTES).getUint32(0, true);
  if (crc32(bytes.subarray(0, end)) !== stored) {
    whole.offset = end;
    whole.fail('checksum', 'CRC-32 mismatch (the file is corrupt or truncated)');
  }
  const r = new ByteReader(bytes, end);
  r.offset = whole.offset;
  const flags = r.u8('flags');
  if (flags !== 0) r.fail('flags', `reserved flags ${flags} set`);
  const bomSha256 = r.take('bom_sha256', DIGEST_BYTES).slice();
  const bomId = text(r, 'bom_id', r.varint('bom_id.length'));
  const metricCount = r.varint('metric_count');
  if (metricCount > end - r.offset) r.fail('metric_count', `${metricCount} metrics cannot fit in ${end - r.offset} bytes`);
  const histories: MetricHistory[] = [];
  let points = 0;
  for (let m = 0; m < metricCount; m++) {
    const key = text(r, `metrics.${m}.key`, r.varint(`metrics.${m}.key.length`));
    if (key === '') r.fail(`metrics.${m}.key`, 'is empty');
    if (m > 0 && !(key > histories[m - 1].key)) r.fail(`metrics.${m}.key`, 'keys must be distinct and sorted');
    const count = r.varint(`metrics.${m}.count`);
    if (count > maxPoints - points) r.fail(`metrics.${m}.count`, `${points + count} points exceed the limit of ${maxPoints}`);
    points += count;
    const [steps, timestamps, values] = COLUMNS.map((c) => readColumn(r, `metrics.${m}.${c}`, count));
    histories.push(metricHistoryOf(key, values, steps, timestamps));
  }
  if (r.offset !== end) r.fail('end', `${end - r.offset} unexpected bytes before the checksum`);
  return { bomId, bomSha256, histories };
}

function text(r: ByteReader, field: string, length: number): string {
  const bytes = r.take(field, length);
  try {
    return utf8.decode(bytes);
  } catch (error) {
    r.offset -= length;
    return r.fail(field, 'is not valid UTF-8', error);
  }
}
