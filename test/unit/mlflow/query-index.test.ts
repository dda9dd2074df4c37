/** The query index's keys and values: always valid MLflow keys, quotable values, a collation-proof id order. */
import { expect } from 'chai';
import { TrainingBOM } from '../../../src';
import { invalidKeyReason } from '../../../src/mlflow/bom/conventions';
import { idOrderValue, metricKey, paramKey, QUERY_KEYS, queryIndexOf, runMetricKeys } from '../../../src/mlflow/bom/query-index';
import { numberText } from '../../../src/store/mlflow-query';
import { HOSTILE_NAMES } from '../../helpers/query-corpus';

const bom = (init: Partial<ConstructorParameters<typeof TrainingBOM>[0]> = {}): TrainingBOM => new TrainingBOM({
  id: 'x', startTime: '2026-01-01T00:00:00Z', endTime: '2026-01-01T00:00:00Z', datasetInfo: { origin: 'o', size: 1 },
  featureInfo: { originalFeatures: [], selectedFeatures: [] }, modelInfo: { type: 't', architecture: 'a' }, mlflowParams: {}, mlflowMetrics: {}, ...init,
});

describe('query index', () => {
  it('makes a valid MLflow key of every param and metric name, hostile ones hashed', () => {
    for (const name of [...HOSTILE_NAMES, 'lr', 'a'.repeat(240), '__proto__']) {
      for (const key of [paramKey(name), metricKey(name)]) {
        expect(invalidKeyReason(key), key).to.equal(undefined);
        expect(key).to.not.match(/[`'"]/);
      }
    }
    expect(paramKey('lr')).to.equal('training_bom.q.param.lr');
    expect(metricKey("it's")).to.match(/^training_bom\.q\.metric_sha256\.[0-9a-f]{64}$/);
  });

  it('orders ids by code point (UTF-8 byte order), by plain byte comparison of the id-order values', () => {
    const ids = ['a', 'B', 'é', '\uFF21', '😀', "'", '`', 'z', 'ab', '', '\uE000', '\uD83D\uDE00x'];
    const byUtf8 = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const byValue = [...ids].sort((a, b) => Buffer.compare(Buffer.from(idOrderValue(a)), Buffer.from(idOrderValue(b))));
    expect(byValue).to.deep.equal(byUtf8);
    expect(byUtf8.indexOf('\uFF21')).to.be.below(byUtf8.indexOf('😀'));   // where UTF-16 code-unit order differs
    expect(idOrderValue('x'.repeat(5000))).to.have.length(7998);
  });

  it('indexes finite metrics only, and the start time only when it is a date', () => {
    const index = queryIndexOf(bom({ startTime: 'yesterday', endTime: 'yesterday', mlflowMetrics: { acc: 0.5, bad: Number.NaN } }));
    expect([...index.metrics.keys()]).to.deep.equal([metricKey('acc')]);
    expect(index.tags.has(QUERY_KEYS.hasStart)).to.equal(false);
    expect(queryIndexOf(bom()).metrics.get(QUERY_KEYS.startMs)).to.equal(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('puts a digest in the index only in the form a query compares', () => {
    expect(queryIndexOf(bom({ additionalValues: { dataset: { digest: `sha256:${'A'.repeat(64)}` } } })).tags.has(QUERY_KEYS.datasetDigest)).to.equal(false);
    expect(queryIndexOf(bom({ additionalValues: { dataset: { digest: `sha256:${'a'.repeat(64)}` } } })).tags.get(QUERY_KEYS.datasetDigest)).to.equal(`sha256:${'a'.repeat(64)}`);
  });

  it('leaves the index out of the run\'s own metrics', () => {
    expect(runMetricKeys({ metrics: { loss: { key: 'loss', value: 1, step: 0, timestamp: 0 }, 'training_bom.q.start_ms': { key: 'x', value: 1, step: 0, timestamp: 0 } } })).to.deep.equal(['loss']);
  });
});

describe('numberText', () => {
  it('writes every finite double in plain decimal that reads back to the same double', () => {
    for (const v of [0, -0, 1, -1, 0.1, 1e-7, 5e-324, 1e21, 1.7976931348623157e308, -2.5e-10, 123.456, 0.9000001, 8.64e15]) {
      const text = numberText(v);
      expect(text, String(v)).to.match(/^-?\d+(\.\d+)?$/);
      expect(Number(text), text).to.equal(v === 0 ? 0 : v);
    }
  });
});
