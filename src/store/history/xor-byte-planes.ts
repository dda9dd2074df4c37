/**
 * The XOR byte-plane column encoding (docs/history-format.md, encoding 2): each float64's 64 bits XOR the
 * previous value's (the first XOR zero), written as 8 planes of `count` bytes, the most significant byte of
 * every value first. Neighbouring values share sign, exponent and leading mantissa bits, so the first planes
 * are mostly zeros, and values that came from float32 leave the last planes all zero: DEFLATE then does the
 * rest. Bit-exact for every value, NaN payloads and -0 included.
 */

const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Where the high and low 32-bit halves of a float64 sit in a Uint32Array view, by platform byte order. */
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

export function encodeXorBytePlanes(column: Float64Array): Uint8Array {
  const n = column.length;
  const words = new Uint32Array(column.buffer, column.byteOffset, n * 2);
  const out = new Uint8Array(n * 8);
  let prevHi = 0;
  let prevLo = 0;
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + HI];
    const lo = words[2 * i + LO];
    const xh = hi ^ prevHi;
    const xl = lo ^ prevLo;
    prevHi = hi;
    prevLo = lo;
    out[i] = xh >>> 24;
    out[n + i] = xh >>> 16;
    out[2 * n + i] = xh >>> 8;
    out[3 * n + i] = xh;
    out[4 * n + i] = xl >>> 24;
    out[5 * n + i] = xl >>> 16;
    out[6 * n + i] = xl >>> 8;
    out[7 * n + i] = xl;
  }
  return out;
}

/** The `count` values of `bytes`, which must be exactly `8 * count` long (the caller checks). */
export function decodeXorBytePlanes(bytes: Uint8Array, count: number): Float64Array {
  const n = count;
  const column = new Float64Array(n);
  const words = new Uint32Array(column.buffer);
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < n; i++) {
    hi ^= (bytes[i] << 24) | (bytes[n + i] << 16) | (bytes[2 * n + i] << 8) | bytes[3 * n + i];
    lo ^= (bytes[4 * n + i] << 24) | (bytes[5 * n + i] << 16) | (bytes[6 * n + i] << 8) | bytes[7 * n + i];
    words[2 * i + HI] = hi;
    words[2 * i + LO] = lo;
  }
  return column;
}
