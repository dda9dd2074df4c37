import { expect } from 'chai';
import { compareBoms, TrainingBOM, TrainingWorkflowTracker, type JsonDict, type TrainingBOMInit } from '../../../src';

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;

function bom(overrides: Partial<TrainingBOMInit> = {}): TrainingBOM {
  return new TrainingBOM({
    id: 'run-a',
    startTime: '2024-09-05T10:00:00.000Z',
    endTime: '2024-09-05T11:00:00.000Z',
    datasetInfo: { origin: 'data/train.csv', size: 100 },
    featureInfo: { originalFeatures: ['age', 'income', 'score'], selectedFeatures: ['age', 'income'] },
    modelInfo: { type: 'RandomForestClassifier', architecture: 'ensemble' },
    mlflowParams: { n_estimators: 100, max_depth: 10 },
    mlflowMetrics: { accuracy: 0.8, loss: 0.5 },
    ...overrides,
  });
}

function withFacts(facts: JsonDict, overrides: Partial<TrainingBOMInit> = {}): TrainingBOM {
  return bom({ ...overrides, additionalValues: facts });
}

describe('compareBoms', () => {
  it('finds no difference between runs that differ only in id and times', () => {
    const c = compareBoms(bom(), bom({ id: 'run-b', startTime: '2025-01-01T00:00:00Z', endTime: '2025-01-01T01:00:00Z' }));
    expect(c.differs).to.equal(false);
    expect(c.ids).to.deep.equal({ a: 'run-a', b: 'run-b' });
    expect(c.params).to.deep.equal({ added: [], removed: [], changed: [] });
    expect(c.dataset).to.deep.equal([]);
  });

  it('lists params added, removed and changed, in each BOM\'s key order', () => {
    const c = compareBoms(bom(), bom({ mlflowParams: { max_depth: 12, seed: 7, lr: 0.1 } }));
    expect(c.params.removed).to.deep.equal([{ key: 'n_estimators', value: 100 }]);
    expect(c.params.changed).to.deep.equal([{ key: 'max_depth', a: 10, b: 12 }]);
    expect(c.params.added).to.deep.equal([{ key: 'seed', value: 7 }, { key: 'lr', value: 0.1 }]);
    expect(c.differs).to.equal(true);
  });

  it('compares nested param values as JSON, whatever their key order', () => {
    const c = compareBoms(bom({ mlflowParams: { opt: { lr: 0.1, beta: [0.9, 0.99] } } }), bom({ mlflowParams: { opt: { beta: [0.9, 0.99], lr: 0.1 } } }));
    expect(c.differs).to.equal(false);
  });

  it('keeps hostile keys as plain data', () => {
    const a = TrainingBOM.parse({ ...bom().toJSON(), mlflow_params: JSON.parse('{"__proto__": 1, "constructor": 2}') as JsonDict });
    const b = TrainingBOM.parse({ ...bom().toJSON(), mlflow_params: JSON.parse('{"__proto__": 3}') as JsonDict });
    const c = compareBoms(a, b);
    expect(c.params.changed).to.deep.equal([{ key: '__proto__', a: 1, b: 3 }]);
    expect(c.params.removed).to.deep.equal([{ key: 'constructor', value: 2 }]);
  });

  it('gives metric deltas, absolute and relative, only between finite numbers', () => {
    const c = compareBoms(bom(), bom({ mlflowMetrics: { accuracy: 0.9, loss: NaN, f1: 0.7 } }));
    const accuracy = c.metrics.changed.find((m) => m.key === 'accuracy');
    expect(accuracy?.delta).to.be.closeTo(0.1, 1e-12);
    expect(accuracy?.relativeDelta).to.be.closeTo(0.125, 1e-12);
    expect(c.metrics.changed.find((m) => m.key === 'loss')).to.deep.include({ delta: null, relativeDelta: null });
    expect(c.metrics.added).to.deep.equal([{ key: 'f1', value: 0.7 }]);
  });

  it('treats NaN on both sides as unchanged', () => {
    expect(compareBoms(bom({ mlflowMetrics: { loss: NaN } }), bom({ mlflowMetrics: { loss: NaN } })).differs).to.equal(false);
  });

  it('reports added, removed and reordered features', () => {
    const c = compareBoms(bom(), bom({ featureInfo: { originalFeatures: ['age', 'income', 'score'], selectedFeatures: ['income', 'age', 'score'] } }));
    expect(c.features.selected).to.deep.include({ added: ['score'], removed: [], reordered: true, changed: true });
    expect(c.features.original.changed).to.equal(false);
  });

  it('does not call a pure addition a reordering', () => {
    const c = compareBoms(bom(), bom({ featureInfo: { originalFeatures: ['age', 'income', 'score'], selectedFeatures: ['age', 'score', 'income'] } }));
    expect(c.features.selected.reordered).to.equal(false);
    expect(c.features.selected.added).to.deep.equal(['score']);
  });

  it('reports dataset origin, size and digest changes, null where a side recorded none', () => {
    const a = withFacts({ dataset: { digest: DIGEST_A, bytes: 10, format: 'csv' } });
    const b = withFacts({ dataset: { digest: DIGEST_B, bytes: 10, format: 'csv' } }, { datasetInfo: { origin: 'data/v2.csv', size: 120 } });
    expect(compareBoms(a, b).dataset).to.deep.equal([
      { field: 'origin', a: 'data/train.csv', b: 'data/v2.csv' },
      { field: 'size', a: 100, b: 120 },
      { field: 'digest', a: DIGEST_A, b: DIGEST_B },
    ]);
    expect(compareBoms(bom(), a).dataset).to.deep.equal([
      { field: 'digest', a: null, b: DIGEST_A },
      { field: 'bytes', a: null, b: 10 },
      { field: 'format', a: null, b: 'csv' },
    ]);
  });

  it('reports model changes', () => {
    expect(compareBoms(bom(), bom({ modelInfo: { type: 'XGBoost', architecture: 'ensemble' } })).model).to.deep.equal([
      { field: 'type', a: 'RandomForestClassifier', b: 'XGBoost' },
    ]);
  });

  it('compares seeds and data quality as dictionaries', () => {
    const c = compareBoms(withFacts({ seeds: { split: 1 }, data_quality: { missing_ratio: 0.1 } }), withFacts({ seeds: { split: 2 } }));
    expect(c.seeds.changed).to.deep.equal([{ key: 'split', a: 1, b: 2 }]);
    expect(c.dataQuality.removed).to.deep.equal([{ key: 'missing_ratio', value: 0.1 }]);
  });

  it('compares the software environment by default, the machine only when asked', () => {
    const env = (commit: string, cpu: string): JsonDict => ({
      environment: { node: 'v20.20.2', cpu: { model: cpu, count: 2 }, git: { commit, dirty: false }, packages: { '@tensorflow/tfjs': '4.22.0' } },
    });
    const a = withFacts(env('1111', 'EPYC'));
    const b = withFacts(env('2222', 'Xeon'));
    expect(compareBoms(a, b).environment).to.deep.equal([{ field: 'git.commit', a: '1111', b: '2222' }]);
    expect(compareBoms(a, b, { environment: 'all' }).environment.map((f) => f.field)).to.deep.equal(['cpu.model', 'git.commit']);
    const none = compareBoms(a, b, { environment: 'none' });
    expect(none.environment).to.deep.equal([]);
    expect(none.differs).to.equal(false);
  });

  it('ignores additional_values sections that are not objects', () => {
    expect(compareBoms(withFacts({ dataset: 'x', seeds: [1] }), bom()).differs).to.equal(false);
  });

  it('returns a result that survives JSON (for diff --json)', () => {
    const c = compareBoms(bom(), bom({ mlflowParams: { n_estimators: 200, max_depth: 10 } }));
    expect(JSON.parse(JSON.stringify(c))).to.deep.equal(c);
  });
});

describe('compareBoms on BOMs the tracker wrote', () => {
  it('sees only what changed between two tracked runs, not the machine or the command line', () => {
    const make = (lr: number): TrainingBOM => {
      const t = new TrainingWorkflowTracker({ logger: { info: () => undefined, warn: () => undefined } }).startTraining();
      t.registerDataset('s3://b/d.csv', 10).registerFeatures(['a', 'b'], ['a']).registerModel('rf', 'ensemble');
      return t.registerSeed('global', 1).logParameter('lr', lr).finalizeTraining();
    };
    const c = compareBoms(make(0.1), make(0.2));
    expect(c.params.changed).to.deep.equal([{ key: 'lr', a: 0.1, b: 0.2 }]);
    expect(c.environment).to.deep.equal([]);
    expect(c.seeds.changed).to.deep.equal([]);
  });
});
