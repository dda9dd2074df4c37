/**
 * The delta-of-delta column encoding (docs/history-format.md, encoding 1): integers as the first value, the
 * first difference, then the differences of consecutive differences, each zigzag-mapped and written as an
 * unsigned LEB128 varint. Regular steps and timestamps become runs of zero bytes.
 */
import { MAX_DELTA_INT } from './history-format';

/** Whether every value is an integer within ±2^49 (and not -0): then the encoding round-trips exactly. */
function fits(column: Float64Array): boolean {
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (!Number.isInteger(v) || v > MAX_DELTA_INT || v < -MAX_DELTA_INT || Object.is(v, -0)) return false;
  }
  return true;
}

/** The column's bytes, or `undefined` when it holds a value the encoding cannot carry exactly. */
export function encodeDeltaOfDelta(column: Float64Array): Uint8Array | undefined {
  if (!fits(column)) return undefined;
  const out = new Uint8Array(column.length * 8);
  let o = 0;
  let previous = 0;
  let delta = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    let x: number;
    if (i === 0) x = v;
    else if (i === 1) x = delta = v - previous;
    else {
      const d = v - previous;
      x = d - delta;
      delta = d;
    }
    previous = v;
    let z = x >= 0 ? 2 * x : -2 * x - 1;
    while (z >= 0x80) {
      out[o++] = (z % 0x80) | 0x80;
      z = Math.floor(z / 0x80);
    }
    out[o++] = z;
  }
  return out.subarray(0, o);
}

/**
 * The `count` integers in `bytes`, which must hold exactly that many varints, or the reason it does not
 * (the caller turns that into a HistoryFormatError).
 */
export function decodeDeltaOfDelta(bytes: Uint8Array, count: number): Float64Array | string {
  const column = new Float64Array(count);
  let o = 0;
  let previous = 0;
  let delta = 0;
  for (let i = 0; i < count; i++) {
    let z = 0;
    let scale = 1;
    for (let k = 0; ; k++) {
      if (o >= bytes.length) return `ends after ${i} of ${count} values`;
      if (k === 8) return `value ${i}: varint longer than 8 bytes`;
      const byte = bytes[o++];
      z += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
    }
    if (z > Number.MAX_SAFE_INTEGER) return `value ${i}: varint exceeds 2^53 - 1`;
    const x = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    if (i === 0) previous = x;
    else if (i === 1) previous += (delta = x);
    else previous += (delta += x);
    column[i] = previous;
  }
  if (o !== bytes.length) return `${bytes.length - o} bytes left after ${count} values`;
  return column;
}
