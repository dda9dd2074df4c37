import type { MetricHistory } from '../tracker/metric-series';

/** A non-finite point kept as a marker: step, seconds since the run's start, and 0 NaN, 1 +Infinity, 2 −Infinity. */
export type NonFiniteMark = readonly [step: number, seconds: number, kind: 0 | 1 | 2];

/** One series ready to draw: points in step order, non-finite values as `null` gaps plus markers. */
export interface DrawnSeries {
  /** Steps. */
  readonly s: number[];
  /** Seconds since the run's start. */
  readonly t: number[];
  /** Values, `null` where the value was not finite. */
  readonly y: (number | null)[];
  /** Non-finite points (every one when the series is drawn whole; the first of each kind per bucket otherwise). */
  readonly bad: NonFiniteMark[];
}

const round7 = (v: number): number => Number(v.toPrecision(7));
const kindOf = (v: number): 0 | 1 | 2 => (v === Infinity ? 1 : v === -Infinity ? 2 : 0);

/** Point indices by step, then time, then logged order (the identity when already in order). */
function order(h: MetricHistory): Uint32Array | undefined {
  for (let i = 1; i < h.length; i++) {
    if (h.steps[i] < h.steps[i - 1] || (h.steps[i] === h.steps[i - 1] && h.timestamps[i] < h.timestamps[i - 1])) {
      const idx = Uint32Array.from({ length: h.length }, (_, k) => k);
      return idx.sort((a, b) => h.steps[a] - h.steps[b] || h.timestamps[a] - h.timestamps[b] || a - b);
    }
  }
  return undefined;
}

/**
 * `history` as drawable points, at most about `maxPoints` finite ones: longer series are cut into
 * `maxPoints / 2` buckets of consecutive points (step order), each keeping its lowest and highest value
 * (so spikes survive), and the first NaN, +Infinity and −Infinity of a bucket as a gap and a marker.
 * `startMs` is the run's start; times become seconds since it.
 */
export function downsample(history: MetricHistory, startMs: number, maxPoints: number): DrawnSeries {
  const out: DrawnSeries = { s: [], t: [], y: [], bad: [] };
  const n = history.length;
  const idx = order(history);
  const at = (k: number): number => (idx === undefined ? k : idx[k]);
  const push = (i: number): void => {
    const v = history.values[i];
    const s = history.steps[i];
    const t = Math.round(history.timestamps[i] - startMs) / 1000;
    out.s.push(s);
    out.t.push(t);
    if (Number.isFinite(v)) out.y.push(round7(v));
    else {
      out.y.push(null);
      out.bad.push([s, t, kindOf(v)]);
    }
  };
  if (n <= maxPoints) {
    for (let k = 0; k < n; k++) push(at(k));
    return out;
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    const firstBad = [-1, -1, -1];
    for (let k = from; k < to; k++) {
      const v = history.values[at(k)];
      if (!Number.isFinite(v)) {
        if (firstBad[kindOf(v)] < 0) firstBad[kindOf(v)] = k;
        continue;
      }
      if (lo < 0 || v < history.values[at(lo)]) lo = k;
      if (hi < 0 || v > history.values[at(hi)]) hi = k;
    }
    const keep = [lo, hi, ...firstBad].filter((k, j, all) => k >= 0 && all.indexOf(k) === j).sort((a, c) => a - c);
    for (const k of keep) push(at(k));
  }
  return out;
}
