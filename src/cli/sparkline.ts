/**
 * A metric's history as one line of block characters (`▁▂▃▄▅▆▇█`), for `show`. The points, in their stored
 * order, are cut into `width` buckets; each bucket keeps its minimum or its maximum, whichever is farther from
 * the previous bucket's pick, so spikes and steps survive the downsampling; the picks are scaled between the
 * finite minimum and maximum. A bucket holding NaN or ±Infinity is drawn as a mark instead.
 */

/** The characters of a sparkline, lowest level first, and the mark of a bucket with a non-finite value. */
export interface SparkGlyphs {
  readonly levels: readonly string[];
  readonly nonFinite: string;
}

export const UNICODE_GLYPHS: SparkGlyphs = { levels: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'], nonFinite: '×' };
export const ASCII_GLYPHS: SparkGlyphs = { levels: ['_', '.', '-', '~', '=', '+', '*', '#'], nonFinite: 'x' };

/** The first, last, least and greatest finite values of a column (NaN when there is none), and how many are not finite. */
export interface ColumnStats {
  readonly first: number;
  readonly last: number;
  readonly min: number;
  readonly max: number;
  readonly nonFinite: number;
}

export function columnStats(values: Float64Array): ColumnStats {
  let first = NaN;
  let last = NaN;
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) {
      nonFinite++;
      continue;
    }
    if (first !== first) first = v;
    last = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { first, last, min: min === Infinity ? NaN : min, max: max === -Infinity ? NaN : max, nonFinite };
}

/** The sparkline of `values` in at most `width` characters (one a point when there are fewer points). */
export function sparkline(values: Float64Array, width: number, glyphs: SparkGlyphs = UNICODE_GLYPHS): string {
  const n = values.length;
  const buckets = Math.min(width, n);
  if (buckets === 0) return '';
  const { min, max } = columnStats(values);
  const top = glyphs.levels.length - 1;
  const level = (v: number): string => {
    if (max === min) return glyphs.levels[Math.floor(top / 2)];
    return glyphs.levels[Math.min(top, Math.max(0, Math.round(((v - min) / (max - min)) * top)))];
  };
  let out = '';
  let previous = NaN;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = Infinity;
    let hi = -Infinity;
    let broken = false;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (v - v !== 0) broken = true;
      else {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (broken || lo === Infinity) {
      out += glyphs.nonFinite;
      continue;
    }
    const pick = previous !== previous || Math.abs(hi - previous) >= Math.abs(lo - previous) ? hi : lo;
    out += level(pick);
    previous = pick;
  }
  return out;
}
