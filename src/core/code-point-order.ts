/**
 * The one order of ids wherever BOMs are sorted: by Unicode code point, as UTF-8 bytes compare (SQLite's and
 * `LC_ALL=C sort`'s order, and MLflow's id-order tag's). JavaScript's `<` compares UTF-16 code units, which
 * differs between `U+E000`-`U+FFFF` and characters beyond `U+FFFF`.
 */

/** Negative, zero or positive as `a` sorts before, with or after `b` by code point (a lone surrogate as its own value). */
export function compareByCodePoint(a: string, b: string): number {
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done === true || q.done === true) return (p.done === true ? 0 : 1) - (q.done === true ? 0 : 1);
    const d = (p.value.codePointAt(0) as number) - (q.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

/** Bytes whose byte-wise order (memcmp) is {@link compareByCodePoint}'s: three big-endian bytes per code point. */
export function codePointKey(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    out.push(cp >>> 16, (cp >>> 8) & 0xff, cp & 0xff);
  }
  return Uint8Array.from(out);
}
