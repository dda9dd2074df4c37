import { expect } from 'chai';
import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { decodeMetricHistories, encodeMetricHistories, InvalidArgumentError, TrainingWorkflowTracker, type MetricHistory } from '../../../../src';
import { metricHistoryOf } from '../../../../src/tracker/metric-history-of';
import { expectSameHistories, historyOf, lossCurve } from '../../../helpers/metric-histories';

const roundTrip = (histories: readonly MetricHistory[]): MetricHistory[] => decodeMetricHistories(encodeMetricHistories(histories)).histories;

/** A NaN whose payload is not the canonical one (Float64Array keeps the bits). */
function oddNaN(): number {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, 0x7ff4_0000_dead_beefn, true);
  return new Float64Array(bytes.buffer)[0];
}

const column = (n: number, value: fc.Arbitrary<number>): fc.Arbitrary<Float64Array> => fc.array(value, { minLength: n, maxLength: n }).map((a) => Float64Array.from(a));
const anyDouble = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, Number.MIN_VALUE));
const anyInt = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0, -0, 2 ** 49, -(2 ** 49), 2 ** 49 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER));
const history = (key: string): fc.Arbitrary<MetricHistory> => fc.nat({ max: 60 }).chain((n) =>
  fc.tuple(column(n, anyDouble), column(n, fc.oneof(anyInt, anyDouble)), column(n, fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), anyDouble)))
    .map(([values, steps, timestamps]) => metricHistoryOf(key, values, steps, timestamps)));
const histories = fc.uniqueArray(fc.string({ minLength: 1, unit: 'grapheme' }), { maxLength: 5 }).chain((keys) => fc.tuple(...keys.map(history)));

describe('metric history format: round trip', () => {
  it('gives back every value, step and timestamp bit for bit (property)', () => {
    fc.assert(fc.property(histories, (hs) => expectSameHistories(roundTrip(hs), hs)), { numRuns: 300 });
  });

  it('keeps NaN payloads, -0 and infinities in every column', () => {
    const weird = [oddNaN(), -0, Infinity, -Infinity, NaN, 5e-324, 0];
    const h = historyOf('weird', weird, weird, weird);
    expectSameHistories(roundTrip([h]), [h]);
    expect(roundTrip([h])[0].nonFiniteCount).to.equal(4);
  });

  it('keeps integer steps far beyond 2^49 and fractional timestamps', () => {
    const h = historyOf('big', [1, 2, 3], [0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER], [0.5, 1.25, 1e300]);
    expectSameHistories(roundTrip([h]), [h]);
  });

  it('keeps integer-valued metrics (delta-of-delta) and extreme jumps between them', () => {
    const h = historyOf('epoch', [0, 2 ** 49, -(2 ** 49), 0, 1, 1, 1], [2 ** 49, -(2 ** 49), 2 ** 49, 0, 0, 0, 0]);
    expectSameHistories(roundTrip([h]), [h]);
  });

  it('sorts metrics by key, keeps an empty one and an empty list', () => {
    const hs = [historyOf('b', [1]), historyOf('a', []), historyOf('é', [2])];
    const back = roundTrip(hs);
    expect(back.map((h) => h.key)).to.deep.equal(['a', 'b', 'é']);
    expectSameHistories(back, hs);
    expect(roundTrip([])).to.deep.equal([]);
  });

  it('computes latest by the tracker\'s rule (highest step, then latest timestamp, then last)', () => {
    const h = historyOf('m', [1, 2, 3, 4], [5, 9, 9, 2], [10, 20, 20, 30]);
    expect(roundTrip([h])[0].latest).to.equal(3);
  });

  it('round-trips what a tracker recorded, latest included', () => {
    let now = 1_733_300_000_000;
    const tracker = new TrainingWorkflowTracker({ clock: { now: () => (now += 7) } });
    tracker.startTraining();
    for (let step = 0; step < 500; step++) tracker.logMetrics({ loss: 1 / (step + 1), accuracy: step / 500 }, step);
    tracker.logMetric('loss', NaN, 500);
    const recorded = tracker.metricHistories();
    expectSameHistories(roundTrip(recorded), recorded);
  });

  it('writes the example of docs/history-format.md byte for byte', () => {
    const bytes = encodeMetricHistories([historyOf('a', [0], [0], [0])]);
    const body = [0x54, 0x42, 0x4d, 0x48, 1, 0, ...new Array<number>(32).fill(0), 0, 1, 1, 0x61, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0];
    expect([...bytes.subarray(0, -4)]).to.deep.equal(body);
    expect(Buffer.from(bytes.subarray(-4)).readUInt32LE()).to.equal(crc32(Uint8Array.from(body)));
  });

  it('records the BOM id and digest it is bound to', () => {
    const digest = new Uint8Array(32).fill(7);
    const decoded = decodeMetricHistories(encodeMetricHistories([historyOf('a', [1])], { bomId: 'run 😀', bomSha256: digest }));
    expect(decoded.bomId).to.equal('run 😀');
    expect([...decoded.bomSha256]).to.deep.equal([...digest]);
  });

  it('stores a noisy float64 loss curve in at most 8 bytes a point', () => {
    const n = 100_000;
    expect(encodeMetricHistories([lossCurve('loss', n)]).length / n).to.be.at.most(8);
  });

  it('stores regular integer steps and timestamps in well under a byte a point', () => {
    const n = 100_000;
    const h = historyOf('c', new Array<number>(n).fill(0.5));
    expect(encodeMetricHistories([h]).length / n).to.be.below(0.05);
  });

  describe('refuses malformed input with an InvalidArgumentError naming the field', () => {
    const cases: Array<[string, unknown, string]> = [
      ['a duplicate key', [historyOf('a', [1]), historyOf('a', [2])], 'history'],
      ['an empty key', [historyOf('', [1])], 'history.0.key'],
      ['a lone surrogate in a key', [historyOf('\ud800', [1])], 'history.0.key'],
      ['a column of the wrong length', [{ ...historyOf('a', [1, 2]), length: 3 }], 'history.0.values'],
      ['a plain array for a column', [{ ...historyOf('a', [1]), steps: [0] }], 'history.0.steps'],
      ['not an array', { key: 'a' }, 'history'],
    ];
    for (const [what, given, field] of cases) {
      it(what, () => {
        expect(() => encodeMetricHistories(given as MetricHistory[])).to.throw(InvalidArgumentError).with.property('argument', field);
      });
    }
  });
});
