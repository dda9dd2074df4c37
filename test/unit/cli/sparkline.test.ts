import { expect } from 'chai';
import { historyText } from '../../../src/cli/history-text';
import { ASCII_GLYPHS, columnStats, sparkline, UNICODE_GLYPHS } from '../../../src/cli/sparkline';
import { historyOf } from '../../helpers/metric-histories';

const f = (values: number[]): Float64Array => Float64Array.from(values);

describe('sparkline', () => {
  it('draws one character a point when there are fewer points than the width, lowest to highest', () => {
    expect(sparkline(f([0, 1, 2, 3, 4, 5, 6, 7]), 40)).to.equal('▁▂▃▄▅▆▇█');
    expect(sparkline(f([7, 0]), 40, ASCII_GLYPHS)).to.equal('#_');
  });

  it('downsamples to the width', () => {
    const rising = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const line = sparkline(rising, 16);
    expect([...line]).to.have.length(16);
    expect(line.startsWith('▁')).to.equal(true);
    expect(line.endsWith('█')).to.equal(true);
  });

  it('keeps a one-point spike that a mean would average away', () => {
    const values = new Float64Array(10_000).fill(1);
    values[5_003] = 100;
    const line = sparkline(values, 10);
    expect(line).to.equal('▁▁▁▁▁█▁▁▁▁');
  });

  it('marks buckets holding NaN or ±Infinity and scales the rest without them', () => {
    expect(sparkline(f([0, NaN, 1, Infinity, 0.5]), 10)).to.equal('▁×█×▅');
    expect(sparkline(f([NaN, -Infinity]), 10, ASCII_GLYPHS)).to.equal('xx');
  });

  it('draws a constant curve at mid height, and nothing for no points', () => {
    expect(sparkline(f([3, 3, 3]), 10)).to.equal('▄▄▄');
    expect(sparkline(f([]), 10)).to.equal('');
    expect(UNICODE_GLYPHS.levels).to.have.length(8);
  });

  it('finds first, last, min and max among finite values', () => {
    expect(columnStats(f([NaN, 2, -1, Infinity, 5, NaN]))).to.deep.equal({ first: 2, last: 5, min: -1, max: 5, nonFinite: 3 });
    expect(columnStats(f([NaN]))).to.deep.include({ nonFinite: 1 }).and.satisfy((s: { min: number }) => Number.isNaN(s.min));
  });
});

describe('show: history lines', () => {
  it('prints a sparkline per metric with its numbers', () => {
    const lines = historyText([historyOf('acc', [0.1, 0.5, 0.9]), historyOf('loss', [2, NaN, 0.25])], false, UNICODE_GLYPHS, 8);
    expect(lines).to.deep.equal([
      'History   2 metrics, 6 points',
      '  acc   ▁▅█       0.1 → 0.9  min 0.1  max 0.9  3 points',
      '  loss  █×▁       2 → 0.25  min 0.25  max 2  3 points, 1 non-finite (×)',
    ]);
  });

  it('escapes hostile metric names', () => {
    const [, line] = historyText([historyOf('a\u001b[31m\nb\u202e', [1])], false, UNICODE_GLYPHS);
    expect(line).to.contain('a\\u001b[31m\\nb\\u202e');
    for (const raw of ['\u001b', '\n', '\u202e']) expect(line).to.not.contain(raw);
  });

  it('cuts at 50 metrics unless all', () => {
    const many = Array.from({ length: 60 }, (_, i) => historyOf(`m${String(i).padStart(2, '0')}`, [i]));
    expect(historyText(many, false, UNICODE_GLYPHS)).to.have.length(52);
    expect(historyText(many, false, UNICODE_GLYPHS).at(-1)).to.equal('  … 10 more (--all shows them)');
    expect(historyText(many, true, UNICODE_GLYPHS)).to.have.length(61);
  });
});
