import { expect } from 'chai';
import { InvalidArgumentError } from '../../../src';
import { checkArtifactPath, encodePath, proxiedArtifactRoot } from '../../../src/mlflow/client/artifact-location';
import { decodeDouble, decodeRun, encodeMetric, toRecord } from '../../../src/mlflow/client/rest-json';

describe('MLflow REST JSON mapping', () => {
  it('encodes non-finite metric values as the protobuf JSON strings the server accepts', () => {
    const values = [NaN, Infinity, -Infinity, 1.5, -0].map((value) => encodeMetric({ key: 'm', value, timestamp: 1, step: 0 }).value);
    expect(values).to.deep.equal(['NaN', 'Infinity', '-Infinity', 1.5, -0]);
  });

  it('decodes them back', () => {
    expect(decodeDouble('NaN')).to.be.NaN;
    expect(['Infinity', '-Infinity', 2].map((v) => decodeDouble(v as never))).to.deep.equal([Infinity, -Infinity, 2]);
  });

  it('keeps hostile keys as ordinary keys in null-prototype records', () => {
    const record = toRecord([{ key: '__proto__', value: 'a' }, { key: 'constructor', value: 'b' }]);
    expect(Object.getPrototypeOf(record)).to.equal(null);
    expect(Object.keys(record)).to.deep.equal(['__proto__', 'constructor']);
    expect(record.__proto__).to.equal('a');
  });

  it('reads int64 fields sent as strings', () => {
    const run = decodeRun({ info: { run_id: 'r', experiment_id: '1', start_time: '1700000000000' }, data: { metrics: [{ key: 'm', value: 1, step: '3', timestamp: '5' }] } });
    expect(run.info.startTime).to.equal(1_700_000_000_000);
    expect(run.metrics.m).to.deep.equal({ key: 'm', value: 1, step: 3, timestamp: 5 });
  });
});

describe('MLflow artifact locations', () => {
  it('maps a run artifact URI to its path below the artifact proxy', () => {
    expect(proxiedArtifactRoot('mlflow-artifacts:/1/abc/artifacts')).to.equal('1/abc/artifacts');
    expect(proxiedArtifactRoot('mlflow-artifacts://host:5000/1/abc/artifacts/')).to.equal('1/abc/artifacts');
  });

  it('refuses artifact stores the server does not proxy', () => {
    expect(() => proxiedArtifactRoot('s3://bucket/1/abc/artifacts')).to.throw(InvalidArgumentError, /mlflow-artifacts/);
  });

  it('rejects paths that could escape the run', () => {
    for (const bad of ['../x', 'a/../../b', '/etc/passwd', 'a//b', '', 'a\\b']) {
      expect(() => checkArtifactPath(bad, false), bad).to.throw(InvalidArgumentError);
    }
  });

  it('percent-encodes segments but not separators', () => {
    expect(encodePath('a b/ü?#.json')).to.equal('a%20b/%C3%BC%3F%23.json');
  });
});
