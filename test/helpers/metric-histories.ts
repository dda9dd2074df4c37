/** Metric histories for store and history-format tests, and an exact (bit-for-bit) comparison of them. */
import { expect } from 'chai';
import type { MetricHistory } from '../../src';
import { metricHistoryOf } from '../../src/tracker/metric-history-of';

/** A history from plain arrays (values may be NaN, ±Infinity, -0). */
export function historyOf(key: string, values: readonly number[], steps?: readonly number[], timestamps?: readonly number[]): MetricHistory {
  return metricHistoryOf(
    key,
    Float64Array.from(values),
    Float64Array.from(steps ?? values.map((_, i) => i)),
    Float64Array.from(timestamps ?? values.map((_, i) => 1_733_300_000_000 + 10 * i)),
  );
}

/** A small seeded PRNG (mulberry32): uniform in [0, 1), 2^32 period. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A noisy decreasing loss curve of `n` points: steps 0..n-1, millisecond timestamps 1 to 3 ms apart. */
export function lossCurve(key: string, n: number, seed = 1): MetricHistory {
  const random = mulberry32(seed);
  const values = new Float64Array(n);
  const steps = new Float64Array(n);
  const timestamps = new Float64Array(n);
  let t = 1_733_300_000_000;
  for (let i = 0; i < n; i++) {
    steps[i] = i;
    t += 1 + Math.floor(random() * 3);
    timestamps[i] = t;
    values[i] = 2 * Math.exp(-i / (n / 5)) + 0.05 * random();
  }
  return metricHistoryOf(key, values, steps, timestamps);
}

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** Expects `actual` to hold exactly `expected`'s metrics, sorted by key, every number bit for bit. */
export function expectSameHistories(actual: readonly MetricHistory[] | undefined, expected: readonly MetricHistory[]): void {
  expect(actual, 'a history').to.not.equal(undefined);
  const sorted = [...expected].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  expect(actual?.map((h) => h.key)).to.deep.equal(sorted.map((h) => h.key));
  (actual ?? []).forEach((h, i) => {
    const e = sorted[i];
    expect(h.length, `${h.key} length`).to.equal(e.length);
    expect(bits(h.values), `${h.key} values`).to.equal(bits(e.values));
    expect(bits(h.steps), `${h.key} steps`).to.equal(bits(e.steps));
    expect(bits(h.timestamps), `${h.key} timestamps`).to.equal(bits(e.timestamps));
    expect(h.nonFiniteCount, `${h.key} nonFiniteCount`).to.equal(e.nonFiniteCount);
    expect(Object.is(h.latest, e.latest), `${h.key} latest ${h.latest} vs ${e.latest}`).to.equal(true);
  });
}
