import { constants, crc32, deflateRawSync } from 'node:zlib';
import { InvalidArgumentError } from '../../errors';
import type { MetricHistory } from '../../tracker/metric-series';
import { ByteWriter } from './byte-reader';
import { encodeDeltaOfDelta } from './delta-of-delta';
import { CHECKSUM_BYTES, ColumnCompression, ColumnEncoding, DIGEST_BYTES, MAGIC, VERSION } from './history-format';
import { encodeXorBytePlanes } from './xor-byte-planes';

/** What a history file says it belongs to: the BOM's id and the SHA-256 of the BOM file's bytes. */
export interface HistoryBinding {
  /** The BOM id (may be empty for a file bound to no BOM). */
  readonly bomId: string;
  /** SHA-256 of the BOM file the history belongs to; 32 zero bytes when absent. */
  readonly bomSha256?: Uint8Array;
}

/**
 * DEFLATE with the run-length strategy: after the encodings, a column is mostly runs of zeros and noise, and
 * RLE finds the runs 5-20 times faster than the default strategy's LZ77 search for a few percent more bytes
 * (docs/benchmarks.md). Columns under SMALL_COLUMN bytes also try the default strategy and keep the smaller.
 */
const DEFLATE = { level: 6, strategy: constants.Z_RLE };
const DEFLATE_DEFAULT = { level: 6 };
const SMALL_COLUMN = 64 * 1024;
const utf8 = new TextEncoder();

function checkHistory(h: MetricHistory, i: number): void {
  const path = `history.${i}`;
  if (typeof h !== 'object' || h === null) throw new InvalidArgumentError(path, 'must be a MetricHistory');
  if (typeof h.key !== 'string' || h.key === '' || !h.key.isWellFormed()) throw new InvalidArgumentError(`${path}.key`, 'must be a non-empty, well-formed string');
  if (!Number.isSafeInteger(h.length) || h.length < 0) throw new InvalidArgumentError(`${path}.length`, `must be a non-negative integer, got ${String(h.length)}`);
  for (const name of ['values', 'steps', 'timestamps'] as const) {
    const column: unknown = h[name];
    if (!(column instanceof Float64Array)) throw new InvalidArgumentError(`${path}.${name}`, 'must be a Float64Array');
    if (column.length !== h.length) throw new InvalidArgumentError(`${path}.${name}`, `holds ${column.length} numbers, length says ${h.length}`);
  }
}

function writeColumn(out: ByteWriter, column: Float64Array): void {
  const ints = encodeDeltaOfDelta(column);
  const encoding = ints === undefined ? ColumnEncoding.XorBytePlanes : ColumnEncoding.DeltaOfDelta;
  const raw = ints ?? encodeXorBytePlanes(column);
  let packed = raw.length === 0 ? raw : deflateRawSync(raw, DEFLATE);
  if (raw.length > 0 && raw.length < SMALL_COLUMN) {
    const lz = deflateRawSync(raw, DEFLATE_DEFAULT);
    if (lz.length < packed.length) packed = lz;
  }
  const deflated = packed.length < raw.length;
  out.u8(encoding);
  out.u8(deflated ? ColumnCompression.Deflate : ColumnCompression.None);
  out.varint(raw.length);
  out.varint(deflated ? packed.length : raw.length);
  out.put(deflated ? packed : raw);
}

/**
 * The history file (docs/history-format.md, version 1) of these metrics, sorted by key, columnar and
 * compressed; values, steps and timestamps come back bit for bit from {@link decodeMetricHistories}.
 * @throws InvalidArgumentError for a malformed history (columns of the wrong type or length, an empty or
 *   duplicate key) or a digest that is not 32 bytes.
 */
export function encodeMetricHistories(histories: readonly MetricHistory[], binding: HistoryBinding = { bomId: '' }): Uint8Array {
  const given: unknown = histories;
  if (!Array.isArray(given)) throw new InvalidArgumentError('history', 'must be an array of MetricHistory');
  histories.forEach(checkHistory);
  const sorted = [...histories].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].key === sorted[i - 1].key) throw new InvalidArgumentError('history', `holds the metric '${sorted[i].key}' twice`);
  }
  const digest = binding.bomSha256 ?? new Uint8Array(DIGEST_BYTES);
  if (!(digest instanceof Uint8Array) || digest.length !== DIGEST_BYTES) throw new InvalidArgumentError('bomSha256', 'must be 32 bytes');
  if (typeof binding.bomId !== 'string' || !binding.bomId.isWellFormed()) throw new InvalidArgumentError('bomId', 'must be a well-formed string');
  const out = new ByteWriter(4096);
  out.put(MAGIC);
  out.u8(VERSION);
  out.u8(0);
  out.put(digest);
  const id = utf8.encode(binding.bomId);
  out.varint(id.length);
  out.put(id);
  out.varint(sorted.length);
  for (const h of sorted) {
    const key = utf8.encode(h.key);
    out.varint(key.length);
    out.put(key);
    out.varint(h.length);
    writeColumn(out, h.steps);
    writeColumn(out, h.timestamps);
    writeColumn(out, h.values);
  }
  const body = out.bytes();
  const file = new Uint8Array(body.length + CHECKSUM_BYTES);
  file.set(body);
  new DataView(file.buffer).setUint32(body.length, crc32(body), true);
  return file;
}
