import { expect } from 'chai';
import { classificationMetrics } from '../../../examples/demo/classification-metrics';
import { selectByImportance } from '../../../examples/demo/select-by-importance';
import { seededRandom } from '../../../examples/demo/seeded-random';

describe('demo: classificationMetrics', () => {
  it('is perfect on perfect predictions', () => {
    expect(classificationMetrics([0, 1, 2, 2], [0, 1, 2, 2], 3)).to.deep.equal({ accuracy: 1, precision_macro: 1, recall_macro: 1, f1_macro: 1 });
  });

  it('counts a class that is never predicted as precision 0 (as scikit-learn with zero_division=0)', () => {
    // class 2 never predicted: P = [1/2, 1, 0], R = [1, 1, 0], F1 = [2/3, 1, 0]
    const m = classificationMetrics([0, 1, 2], [0, 1, 0], 3);
    expect(m.accuracy).to.be.closeTo(2 / 3, 1e-15);
    expect(m.precision_macro).to.be.closeTo(0.5, 1e-15);
    expect(m.recall_macro).to.be.closeTo(2 / 3, 1e-15);
    expect(m.f1_macro).to.be.closeTo((2 / 3 + 1) / 3, 1e-15);
  });

  it('averages per-class F1, not the F1 of the averages', () => {
    const m = classificationMetrics([0, 0, 0, 1], [0, 1, 1, 1], 2);
    // P = [1, 1/3], R = [1/3, 1], F1 = [1/2, 1/2]; F1 of the averages would be 2/3
    expect(m.f1_macro).to.be.closeTo(0.5, 1e-15);
  });

  it('refuses mismatched or empty inputs', () => {
    expect(() => classificationMetrics([0], [0, 1], 2)).to.throw(RangeError);
    expect(() => classificationMetrics([], [], 2)).to.throw(RangeError);
  });
});

describe('demo: selectByImportance', () => {
  const names = ['a', 'b', 'c', 'd'];
  const rule = { cumulativeImportance: 0.95, minFeatures: 2 };

  it('keeps the fewest top features that carry the share, in their original order', () => {
    expect(selectByImportance(names, [0.01, 0.03, 0.3, 0.66], rule)).to.deep.equal(['c', 'd']);
    expect(selectByImportance(names, [0.1, 0.1, 0.2, 0.6], rule)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(selectByImportance(names, [0.06, 0.01, 0.33, 0.6], rule)).to.deep.equal(['a', 'c', 'd']);
  });

  it('keeps at least minFeatures even when one feature carries everything', () => {
    expect(selectByImportance(names, [0, 0, 0, 1], rule)).to.deep.equal(['a', 'd']);
  });

  it('breaks ties by the original order, and copes with all-zero importances', () => {
    expect(selectByImportance(names, [0.25, 0.25, 0.25, 0.25], { cumulativeImportance: 0.5, minFeatures: 1 })).to.deep.equal(['a', 'b']);
    expect(selectByImportance(names, [0, 0, 0, 0], rule)).to.deep.equal(names);
  });
});

describe('demo: seededRandom', () => {
  it('repeats for a seed and differs between seeds, within [0, 1)', () => {
    const a = Array.from({ length: 5 }, seededRandom(42));
    expect(Array.from({ length: 5 }, seededRandom(42))).to.deep.equal(a);
    expect(Array.from({ length: 5 }, seededRandom(43))).to.not.deep.equal(a);
    expect(Array.from({ length: 1000 }, seededRandom(7)).every((x) => x >= 0 && x < 1)).to.equal(true);
  });
});
