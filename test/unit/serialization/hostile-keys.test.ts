import { expect } from 'chai';
import { BomValidationError, TrainingBOM } from '../../../src';
import { specExample } from '../../helpers/vectors';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

function withDicts(body: string): string {
  const doc = specExample();
  const text = JSON.stringify({ ...doc, mlflow_params: {}, mlflow_metrics: {} });
  return text.replace('"mlflow_params":{}', `"mlflow_params":${body}`).replace('"mlflow_metrics":{}', `"mlflow_metrics":${body}`);
}

describe('hostile keys', () => {
  const body = `{${HOSTILE.map((k, i) => `"${k}": ${i}`).join(', ')}}`;

  afterEach(() => {
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(Object.prototype.toString).to.be.a('function');
  });

  it('keeps __proto__, constructor and friends as ordinary keys', () => {
    const bom = TrainingBOM.parse(withDicts(body));
    HOSTILE.forEach((key, i) => expect(bom.mlflowParams[key]).to.equal(i));
    HOSTILE.forEach((key, i) => expect(bom.mlflowMetrics[key]).to.equal(i));
  });

  it('re-emits them unchanged', () => {
    const bom = TrainingBOM.parse(withDicts(body));
    const again = TrainingBOM.parse(bom.toJSONString(2));
    expect(Object.keys(again.mlflowParams)).to.deep.equal(HOSTILE);
    expect(bom.toJSONString(2)).to.contain('"__proto__": 0');
  });

  it('answers undefined for absent keys instead of inherited members', () => {
    const bom = TrainingBOM.parse(withDicts('{"a": 1}'));
    expect(bom.mlflowParams['constructor']).to.equal(undefined);
    expect(bom.mlflowMetrics['toString']).to.equal(undefined);
  });

  it('does not pollute Object.prototype through a nested __proto__', () => {
    const bom = TrainingBOM.parse(withDicts('{"__proto__": {"polluted": true}, "x": {"__proto__": {"polluted": 1}}}'));
    expect(bom.toJSONString()).to.contain('"polluted":true');
  });

  it('keeps an unknown top-level __proto__ field as data', () => {
    const doc = JSON.stringify(specExample()).replace(/}$/, ', "__proto__": {"polluted": "yes"}}');
    const bom = TrainingBOM.parse(doc);
    expect(Object.getPrototypeOf(bom)).to.equal(TrainingBOM.prototype);
    expect((JSON.parse(bom.toJSONString()) as Record<string, unknown>)['__proto__']).to.deep.equal({ polluted: 'yes' });
  });

  it('rejects values nested deeper than the limit with a clean error', () => {
    const deep = `${'['.repeat(10000)}${']'.repeat(10000)}`;
    expect(() => TrainingBOM.parse(withDicts(`{"deep": ${deep}}`))).to.throw(BomValidationError, /nested deeper/);
  });

  it('parses a dict of 100,000 keys', () => {
    const keys = Array.from({ length: 100000 }, (_, i) => `"k${i}": ${i}`);
    const bom = TrainingBOM.parse(withDicts(`{${keys.join(',')}}`));
    expect(Object.keys(bom.mlflowParams)).to.have.length(100000);
  });
});
