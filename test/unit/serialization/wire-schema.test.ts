import { expect } from 'chai';
import { TrainingBOM } from '../../../src';
import { wireSchemaOf } from '../../../src/validation/wire-schema';

describe('wire schema derived from the decorators', () => {
  const schema = wireSchemaOf(TrainingBOM);

  it('lists the wire fields in the reference order, additional_values last', () => {
    expect(schema.fields.map((f) => f.wire)).to.deep.equal([
      'id', 'start_time', 'end_time', 'dataset_info', 'feature_info', 'model_info', 'mlflow_params', 'mlflow_metrics', 'additional_values',
    ]);
  });

  it('marks only @IsOptional properties optional', () => {
    expect(schema.fields.filter((f) => f.optional).map((f) => f.prop)).to.deep.equal(['additionalValues']);
  });

  it('knows the dictionaries, the nested sections and which dictionary carries non-finite numbers', () => {
    expect(schema.fields.filter((f) => f.kind === 'dict').map((f) => f.wire)).to.deep.equal(['mlflow_params', 'mlflow_metrics', 'additional_values']);
    expect(schema.byWire.get('dataset_info')?.nested).to.equal(TrainingBOM.DatasetInfo);
    expect(schema.fields.filter((f) => f.nonFiniteAsString).map((f) => f.wire)).to.deep.equal(['mlflow_metrics']);
  });
});
