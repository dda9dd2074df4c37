import { expect } from 'chai';
import { downsample } from '../../../src/report/downsample';
import type { MetricHistory } from '../../../src';

function history(values: number[], steps?: number[]): MetricHistory {
  const n = values.length;
  return {
    key: 'm', length: n, latest: values[n - 1], nonFiniteCount: values.filter((v) => !Number.isFinite(v)).length,
    values: Float64Array.from(values), steps: Float64Array.from(steps ?? values.map((_, i) => i)), timestamps: Float64Array.from(values.map((_, i) => 1000 + i * 500)),
  };
}

describe('downsample', () => {
  it('keeps a short series whole, NaN and infinities as gaps with markers, times in seconds since the start', () => {
    const d = downsample(history([1, NaN, 3, Infinity, -Infinity]), 1000, 100);
    expect(d.y).to.deep.equal([1, null, 3, null, null]);
    expect(d.s).to.deep.equal([0, 1, 2, 3, 4]);
    expect(d.t).to.deep.equal([0, 0.5, 1, 1.5, 2]);
    expect(d.bad).to.deep.equal([[1, 0.5, 0], [3, 1.5, 1], [4, 2, 2]]);
  });

  it('cuts a long series to the bound, keeping each bucket\'s extremes (a lone spike survives)', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 1000));
    values[54_321] = 50;
    values[12_345] = -50;
    const d = downsample(history(values), 1000, 2000);
    expect(d.y.length).to.be.at.most(2000).and.at.least(1000);
    expect(Math.max(...(d.y as number[]))).to.equal(50);
    expect(Math.min(...(d.y as number[]))).to.equal(-50);
    expect(d.s).to.deep.equal([...d.s].sort((a, b) => a - b));
  });

  it('keeps every bucket\'s NaN marker in a long series', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i % 1000 === 7 ? NaN : i));
    const d = downsample(history(values), 1000, 100);
    expect(d.bad.map((b) => b[0])).to.deep.equal(Array.from({ length: 10 }, (_, k) => k * 1000 + 7));
    expect(d.y.filter((y) => y === null)).to.have.length(10);
  });

  it('draws points in step order when they were logged out of order', () => {
    const d = downsample(history([3, 1, 2], [30, 10, 20]), 1000, 100);
    expect(d.s).to.deep.equal([10, 20, 30]);
    expect(d.y).to.deep.equal([1, 2, 3]);
  });
});
