/** The pure run event -> MLflow mapping of MlflowRunSink (src/mlflow/sink/event-mapping.ts). */
import { expect } from 'chai';
import { DatasetInfo, FeatureInfo, ModelInfo, type EnvironmentInfo } from '../../../src';
import { metricKeyProblem, mlflowDataOf } from '../../../src/mlflow/sink/event-mapping';

function environment(git: EnvironmentInfo['git']): EnvironmentInfo {
  return {
    producer: 'training-bom@1.0.0', node: 'v20.0.0', v8: '11', os: { platform: 'linux', arch: 'x64', type: 'Linux', release: '6' },
    cpu: { model: null, count: 2 }, memory: 1, command: { script: null, args: [], flags: [] }, git, lockfile: null, packages: {},
  };
}

describe('mlflowDataOf (run event -> MLflow params, tags, inputs)', () => {
  it('tags the run with the BOM id at start', () => {
    expect(mlflowDataOf({ type: 'start', id: 'fraud-v3', startTimeMs: 0, startTime: '1970-01-01T00:00:00.000Z' }))
      .to.deep.equal({ params: [], tags: [{ key: 'training_bom.id', value: 'fraud-v3' }], inputs: [], problems: [] });
  });

  it('gives a dataset its params, a training input and the full digest as a tag', () => {
    const data = mlflowDataOf({ type: 'dataset', dataset: new DatasetInfo({ origin: 's3://b/train.parquet', size: 1500 }), inspection: undefined, sizeGiven: true });
    expect(data.params).to.deep.equal([{ key: 'dataset_path', value: 's3://b/train.parquet' }, { key: 'dataset_size', value: '1500' }]);
    expect(data.inputs).to.have.length(1);
    expect(data.inputs[0]?.dataset).to.include({ name: 'train.parquet', sourceType: 's3' });
    expect(data.tags.map((t) => t.key)).to.deep.equal(['training_bom.dataset_digest']);
    expect(data.tags[0]?.value).to.match(/^sha256:[0-9a-f]{64}$/).and.to.contain(data.inputs[0]?.dataset.digest);
  });

  it('writes feature lists as JSON arrays, so commas in names survive', () => {
    const data = mlflowDataOf({ type: 'features', features: new FeatureInfo({ originalFeatures: ['a', 'b, c'], selectedFeatures: ['a'] }) });
    expect(data.params).to.deep.equal([{ key: 'original_features', value: '["a","b, c"]' }, { key: 'selected_features', value: '["a"]' }]);
  });

  it('reports a feature list too long for a param and keeps it out', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `feature_number_${i}`);
    const data = mlflowDataOf({ type: 'features', features: new FeatureInfo({ originalFeatures: many, selectedFeatures: ['x'] }) });
    expect(data.params).to.deep.equal([{ key: 'selected_features', value: '["x"]' }]);
    expect(data.problems).to.have.length(1);
    expect(data.problems[0]).to.contain('original_features').and.to.contain('1000 features').and.to.contain('training_bom.json');
  });

  it('gives the model its two params', () => {
    expect(mlflowDataOf({ type: 'model', model: new ModelInfo({ type: 'MLP', architecture: 'dense' }) }).params)
      .to.deep.equal([{ key: 'model_type', value: 'MLP' }, { key: 'model_architecture', value: 'dense' }]);
  });

  it('writes params as strings, and everything else as JSON', () => {
    const data = mlflowDataOf({ type: 'params', params: { lr: 0.1, layers: [64, 32], optimizer: 'adam', ok: true, none: null } });
    expect(data.params).to.deep.equal([
      { key: 'lr', value: '0.1' }, { key: 'layers', value: '[64,32]' }, { key: 'optimizer', value: 'adam' }, { key: 'ok', value: 'true' }, { key: 'none', value: 'null' },
    ]);
  });

  it('reports a param MLflow would refuse (bad name, too long) and keeps the rest', () => {
    const data = mlflowDataOf({ type: 'params', params: { 'bad!key': 1, long: 'x'.repeat(6001), good: 2 } });
    expect(data.params).to.deep.equal([{ key: 'good', value: '2' }]);
    expect(data.problems).to.have.length(2);
    expect(data.problems[0]).to.contain('"bad!key"').and.to.contain('stays in the BOM');
    expect(data.problems[1]).to.contain('param long: value longer than 6000 characters');
  });

  it('maps a seed to param seed.<name>, numbers as JSON and strings as they are', () => {
    expect(mlflowDataOf({ type: 'seed', name: 'numpy', value: 42 }).params).to.deep.equal([{ key: 'seed.numpy', value: '42' }]);
    expect(mlflowDataOf({ type: 'seed', name: 'torch', value: 'abc' }).params).to.deep.equal([{ key: 'seed.torch', value: 'abc' }]);
  });

  it('reports a seed whose name MLflow would refuse', () => {
    const data = mlflowDataOf({ type: 'seed', name: 'a..b/../c', value: 1 });
    expect(data.params).to.deep.equal([]);
    expect(data.problems[0]).to.contain('param "seed.a..b/../c"');
  });

  it('maps a data-quality fact to tag training_bom.data_quality.<key> holding its JSON text', () => {
    expect(mlflowDataOf({ type: 'data_quality', key: 'missing_ratio', value: 0.01 }).tags)
      .to.deep.equal([{ key: 'training_bom.data_quality.missing_ratio', value: '0.01' }]);
    expect(mlflowDataOf({ type: 'data_quality', key: 'class_balance', value: { fraud: 0.02, ok: 0.98 } }).tags)
      .to.deep.equal([{ key: 'training_bom.data_quality.class_balance', value: '{"fraud":0.02,"ok":0.98}' }]);
    expect(mlflowDataOf({ type: 'data_quality', key: 'verdict', value: 'clean' }).tags[0]?.value).to.equal('"clean"');
  });

  it('reports a data-quality value longer than a tag holds instead of cutting its JSON', () => {
    const data = mlflowDataOf({ type: 'data_quality', key: 'profile', value: 'x'.repeat(8000) });
    expect(data.tags).to.deep.equal([]);
    expect(data.problems[0]).to.contain('tag training_bom.data_quality.profile: value longer than 8000 characters');
  });

  it('maps the git checkout of the environment to MLflow\'s own source tags', () => {
    const data = mlflowDataOf({ type: 'environment', environment: environment({ commit: 'a'.repeat(40), branch: 'main', dirty: false, remote: 'https://example.com/r.git' }) });
    expect(data.tags).to.deep.equal([
      { key: 'mlflow.source.git.commit', value: 'a'.repeat(40) },
      { key: 'mlflow.source.git.branch', value: 'main' },
      { key: 'mlflow.source.git.repoURL', value: 'https://example.com/r.git' },
    ]);
  });

  it('sets no git tag for what the environment does not know', () => {
    expect(mlflowDataOf({ type: 'environment', environment: environment(null) }).tags).to.deep.equal([]);
    expect(mlflowDataOf({ type: 'environment', environment: environment({ commit: null, branch: null, dirty: true, remote: null }) }).tags).to.deep.equal([]);
  });
});

describe('metricKeyProblem', () => {
  it('accepts MLflow\'s key characters and refuses the rest, in words', () => {
    expect(metricKeyProblem('loss/val: größe-1')).to.equal(undefined);
    expect(metricKeyProblem('x!y')).to.contain('"x!y"').and.to.contain('not in MLflow');
  });
});
