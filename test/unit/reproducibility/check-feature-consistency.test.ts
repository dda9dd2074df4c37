import { expect } from 'chai';
import { checkFeatureConsistency, InvalidArgumentError, TrainingBOM, type JsonDict } from '../../../src';

const DIGEST = `sha256:${'1'.repeat(64)}`;
const OTHER = `sha256:${'2'.repeat(64)}`;

function run(id: string, selected: string[], digest: string | null, params: JsonDict = { lr: 0.1 }): TrainingBOM {
  return new TrainingBOM({
    id, startTime: '2024-09-05T10:00:00Z', endTime: '2024-09-05T11:00:00Z',
    datasetInfo: { origin: 'data.csv', size: 10 },
    featureInfo: { originalFeatures: ['age', 'income', 'score'], selectedFeatures: selected },
    modelInfo: { type: 'rf', architecture: 'ensemble' },
    mlflowParams: params, mlflowMetrics: {},
    ...(digest === null ? {} : { additionalValues: { dataset: { digest } } }),
  });
}

describe('checkFeatureConsistency', () => {
  it('calls runs with the same selected features, in order, on the same data consistent', () => {
    const report = checkFeatureConsistency([run('r1', ['age', 'income'], DIGEST), run('r2', ['age', 'income'], DIGEST)]);
    expect(report).to.deep.include({ consistent: true, reference: 'r1', selectedFeatures: ['age', 'income'], problems: [], notes: [] });
    expect(report.runs[0]).to.deep.include({ id: 'r2', index: 1, consistent: true, datasetDigest: { status: 'same', reference: DIGEST, run: DIGEST } });
  });

  it('reports added, removed and reordered features, by run', () => {
    const report = checkFeatureConsistency([
      run('r1', ['age', 'income'], DIGEST),
      run('r2', ['income', 'age'], DIGEST),
      run('r3', ['age', 'score'], DIGEST),
    ]);
    expect(report.consistent).to.equal(false);
    expect(report.problems).to.deep.equal([
      'r2: selected features differ from r1: order ["income", "age"] instead of ["age", "income"]',
      'r3: selected features differ from r1: added "score"; removed "income"',
    ]);
    expect(report.runs.map((r) => r.consistent)).to.deep.equal([false, false]);
  });

  it('reports a different dataset digest as a problem, a missing one as a note unless required', () => {
    const boms = [run('r1', ['age'], DIGEST), run('r2', ['age'], OTHER), run('r3', ['age'], null)];
    const report = checkFeatureConsistency(boms);
    expect(report.problems).to.deep.equal([`r2: dataset digest ${OTHER} differs from r1's ${DIGEST}`]);
    expect(report.notes).to.deep.equal([`r3: dataset digest not comparable (r1: ${DIGEST}, r3: none)`]);
    expect(report.runs.map((r) => r.consistent)).to.deep.equal([false, true]);
    expect(checkFeatureConsistency(boms, { requireDigest: true }).runs.map((r) => r.consistent)).to.deep.equal([false, false]);
  });

  it('notes changed parameters without calling the runs inconsistent', () => {
    const report = checkFeatureConsistency([run('r1', ['age'], DIGEST, { lr: 0.1, depth: 3 }), run('r2', ['age'], DIGEST, { lr: 0.2, seed: 7 })]);
    expect(report.consistent).to.equal(true);
    expect(report.notes).to.deep.equal(['r2: params changed from r1: lr 0.1 -> 0.2, added seed=7, removed depth']);
    expect(report.runs[0]?.params.changed).to.deep.equal([{ key: 'lr', a: 0.1, b: 0.2 }]);
  });

  it('accepts a single BOM and rejects none', () => {
    expect(checkFeatureConsistency([run('r1', ['age'], null)]).consistent).to.equal(true);
    expect(() => checkFeatureConsistency([])).to.throw(InvalidArgumentError, 'boms: needs at least one BOM');
  });
});
