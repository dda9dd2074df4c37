import { expect } from 'chai';
import type { BomValidationError} from '../../../src';
import { DatasetInfo, FeatureInfo, ModelInfo, TrainingBOM, TrainingBomError } from '../../../src';
import { issuesOf } from '../../helpers/issues';

function specBom(): TrainingBOM {
  return new TrainingBOM({
    id: 'training-run-2024-09-05-001',
    startTime: '2024-09-05T10:00:00.000Z',
    endTime: '2024-09-05T11:30:00.000Z',
    datasetInfo: new TrainingBOM.DatasetInfo({ origin: 's3://ml-data-bucket/training-data-v2.0.parquet', size: 1500000 }),
    featureInfo: new TrainingBOM.FeatureInfo({ originalFeatures: ['age', 'income'], selectedFeatures: ['age'] }),
    modelInfo: new TrainingBOM.ModelInfo({ type: 'RandomForestClassifier', architecture: 'ensemble_tree_based' }),
    mlflowParams: { n_estimators: 100, max_depth: 10 },
    mlflowMetrics: { accuracy: 0.87, f1_score: 0.86 },
  });
}


describe('TrainingBOM', () => {
  it('exposes the sections as static members', () => {
    expect(TrainingBOM.DatasetInfo).to.equal(DatasetInfo);
    expect(TrainingBOM.FeatureInfo).to.equal(FeatureInfo);
    expect(TrainingBOM.ModelInfo).to.equal(ModelInfo);
  });

  it('reads fields by their camelCase names', () => {
    const bom = specBom();
    expect(bom.datasetInfo.origin).to.equal('s3://ml-data-bucket/training-data-v2.0.parquet');
    expect(bom.featureInfo.selectedFeatures).to.deep.equal(['age']);
    expect(bom.mlflowMetrics['accuracy']).to.equal(0.87);
  });

  it('serializes to snake_case wire keys in the reference order', () => {
    const wire = JSON.parse(JSON.stringify(specBom())) as Record<string, unknown>;
    expect(Object.keys(wire)).to.deep.equal([
      'id', 'start_time', 'end_time', 'dataset_info', 'feature_info', 'model_info', 'mlflow_params', 'mlflow_metrics',
    ]);
    expect(wire['feature_info']).to.deep.equal({ original_features: ['age', 'income'], selected_features: ['age'] });
  });

  it('accepts plain init objects for sections', () => {
    const bom = new TrainingBOM({
      id: 'x', startTime: 'a', endTime: 'b',
      datasetInfo: { origin: 'o' }, featureInfo: {}, modelInfo: { type: 't', architecture: 'a' },
      mlflowParams: {}, mlflowMetrics: {},
    });
    expect(bom.datasetInfo).to.be.instanceOf(DatasetInfo);
    expect(bom.datasetInfo.size).to.equal(0);
    expect(bom.featureInfo.originalFeatures).to.deep.equal([]);
  });

  it('applies the spec defaults to sections', () => {
    expect(new DatasetInfo({ origin: 'o' }).size).to.equal(0);
    const features = new FeatureInfo({});
    expect(features.originalFeatures).to.deep.equal([]);
    expect(features.selectedFeatures).to.deep.equal([]);
  });

  it('validates on construction with wire paths', () => {
    const issues = issuesOf(() => new TrainingBOM({
      id: 'x', startTime: 'a', endTime: 'b',
      datasetInfo: { origin: 'o', size: -1 }, featureInfo: { originalFeatures: ['a', 3 as unknown as string] },
      modelInfo: { type: 't', architecture: 'a' }, mlflowParams: {}, mlflowMetrics: {},
    }));
    expect(issues.map((i) => i.path)).to.deep.equal(['dataset_info.size', 'feature_info.original_features.1']);
  });

  it('validates a section constructed on its own', () => {
    const issues = issuesOf(() => new DatasetInfo({ origin: 5 as unknown as string }));
    expect(issues).to.deep.equal([{ path: 'origin', message: 'must be a string, got a number (5)' }]);
  });

  it('rejects unknown constructor options as typos', () => {
    const issues = issuesOf(() => new ModelInfo({ type: 't', architecture: 'a', typo: 1 } as never));
    expect(issues).to.deep.equal([{ path: 'typo', message: 'is not a known field' }]);
  });

  it('lists every problem in the error message', () => {
    try {
      new ModelInfo({} as never);
      expect.fail('should throw');
    } catch (error) {
      const e = error as BomValidationError;
      expect(e).to.be.instanceOf(TrainingBomError);
      expect(e.code).to.equal('BOM_VALIDATION');
      expect(e.message).to.contain('type: is required').and.to.contain('architecture: is required');
    }
  });

  it('does not alias the caller\'s arrays or dicts', () => {
    const features = ['a', 'b'];
    const params = { lr: 0.1 };
    const bom = new TrainingBOM({
      id: 'x', startTime: 'a', endTime: 'b', datasetInfo: { origin: 'o' },
      featureInfo: { originalFeatures: features, selectedFeatures: [] }, modelInfo: { type: 't', architecture: 'a' },
      mlflowParams: params, mlflowMetrics: {},
    });
    features.push('c');
    params.lr = 9;
    expect(bom.featureInfo.originalFeatures).to.deep.equal(['a', 'b']);
    expect(bom.mlflowParams['lr']).to.equal(0.1);
  });

  it('toJSONString(2) matches the indent of model_dump_json(indent=2)', () => {
    const text = specBom().toJSONString(2);
    expect(text.split('\n')[1]).to.equal('  "id": "training-run-2024-09-05-001",');
    expect(text.endsWith('}')).to.equal(true);
  });

  it('omits additional_values unless set, and emits it last when set', () => {
    const bom = specBom();
    expect(bom.toJSON()).to.not.have.property('additional_values');
    bom.additionalValues = { data_quality: { missing_ratio: 0.01 } };
    expect(Object.keys(bom.toJSON()).pop()).to.equal('additional_values');
  });

  it('writes non-finite metrics as strings and reads them back as numbers', () => {
    const bom = specBom();
    bom.mlflowMetrics['loss'] = NaN;
    bom.mlflowMetrics['gain'] = -Infinity;
    const text = bom.toJSONString();
    expect((JSON.parse(text) as Record<string, unknown>).mlflow_metrics).to.include({ loss: 'NaN', gain: '-Infinity' });
    const back = TrainingBOM.parse(text);
    expect(back.mlflowMetrics['loss']).to.be.NaN;
    expect(back.mlflowMetrics['gain']).to.equal(-Infinity);
  });

  it('writes non-finite numbers nested in params as strings, never null', () => {
    const bom = specBom();
    bom.mlflowParams['grid'] = [1, Infinity, { x: NaN }];
    expect((JSON.parse(bom.toJSONString()) as Record<string, Record<string, unknown>>).mlflow_params.grid).to.deep.equal([1, 'Infinity', { x: 'NaN' }]);
    expect((JSON.parse(JSON.stringify(bom)) as Record<string, Record<string, unknown>>).mlflow_params.grid).to.deep.equal([1, 'Infinity', { x: 'NaN' }]);
  });
});
