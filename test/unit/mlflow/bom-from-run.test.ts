/** The pure run -> BOM mapping (src/mlflow/bom-from-run.ts) on hand-built runs; the server round trips are in test/integration/mlflow. */
import { expect } from 'chai';
import { BomValidationError, type MlflowDatasetInput, type MlflowRun, type MlflowRunStatus } from '../../../src';
import { bomFromRun, type BomFromRunSettings } from '../../../src/mlflow/bom/bom-from-run';
import { isSecretName } from '../../../src/core/secret-names';

const RUN_ID = '0123456789abcdef0123456789abcdef';
const ISO: BomFromRunSettings = { timestamps: 'iso', restoreInfinity: true, metricHistory: undefined, isSecret: isSecretName };

function record<V>(entries: Record<string, V>): Record<string, V> {
  return Object.assign(Object.create(null) as Record<string, V>, entries);
}

function run(parts: {
  params?: Record<string, string>; metrics?: Record<string, [number, number]>; status?: MlflowRunStatus;
  startTime?: number; endTime?: number; inputs?: MlflowDatasetInput[]; tags?: Record<string, string>;
}): MlflowRun {
  const metrics = record<MlflowRun['metrics'][string]>({});
  for (const [key, [value, timestamp]] of Object.entries(parts.metrics ?? {})) metrics[key] = { key, value, timestamp, step: 0 };
  return {
    info: {
      runId: RUN_ID, experimentId: '1', runName: 'r', status: parts.status ?? 'FINISHED', startTime: parts.startTime ?? 1_725_530_400_000,
      endTime: 'endTime' in parts ? parts.endTime : 1_725_534_000_000, artifactUri: `mlflow-artifacts:/1/${RUN_ID}/artifacts`, lifecycleStage: 'active',
    },
    metrics, params: record(parts.params ?? {}), tags: record(parts.tags ?? {}), datasetInputs: parts.inputs ?? [],
  };
}

function input(source: object | string, profile: object | undefined, context?: string): MlflowDatasetInput {
  return {
    dataset: {
      name: 'd', digest: 'abc', sourceType: 'local', source: typeof source === 'string' ? source : JSON.stringify(source),
      profile: profile === undefined ? undefined : JSON.stringify(profile),
    },
    tags: context === undefined ? {} : { 'mlflow.data.context': context },
  };
}

describe('bomFromRun (MLflow run -> TrainingBOM mapping)', () => {
  it('maps the spec\'s params: id, ISO times, dataset, comma-separated features, model, params and metrics', () => {
    const params = {
      dataset_path: 's3://bucket/data.parquet', dataset_size: '1500', original_features: 'age,income,zip', selected_features: 'age,income',
      model_type: 'XGBoostClassifier', model_architecture: 'gradient_boosting', lr: '0.1',
    };
    const bom = bomFromRun(run({ params, metrics: { accuracy: [0.92, 1_725_533_000_000] } }), ISO);
    expect(bom.toJSON()).to.deep.equal({
      id: `mlflow-${RUN_ID}`, start_time: '2024-09-05T10:00:00.000Z', end_time: '2024-09-05T11:00:00.000Z',
      dataset_info: { origin: 's3://bucket/data.parquet', size: 1500 },
      feature_info: { original_features: ['age', 'income', 'zip'], selected_features: ['age', 'income'] },
      model_info: { type: 'XGBoostClassifier', architecture: 'gradient_boosting' },
      mlflow_params: params, mlflow_metrics: { accuracy: 0.92 },
    });
  });

  it('reads JSON-array feature lists, so names with commas survive', () => {
    const bom = bomFromRun(run({ params: { original_features: '["a,b","c"]', selected_features: '["a,b"]' } }), ISO);
    expect(bom.featureInfo).to.deep.include({ originalFeatures: ['a,b', 'c'], selectedFeatures: ['a,b'] });
  });

  it('uses the spec\'s defaults when the run has none of its params', () => {
    const bom = bomFromRun(run({}), ISO);
    expect(bom.toJSON()).to.deep.include({
      dataset_info: { origin: 'unknown', size: 0 }, feature_info: { original_features: [], selected_features: [] },
      model_info: { type: 'unknown', architecture: 'unknown' }, mlflow_params: {}, mlflow_metrics: {},
    });
    expect(bom.additionalValues).to.equal(undefined);
  });

  it('writes epoch-millisecond strings with timestamps: epoch-ms, as the spec\'s str(run.info.start_time)', () => {
    const bom = bomFromRun(run({}), { ...ISO, timestamps: 'epoch-ms' });
    expect([bom.startTime, bom.endTime]).to.deep.equal(['1725530400000', '1725534000000']);
  });

  it('ends a run without an end time at the newest latest-metric timestamp, and marks its status', () => {
    const bom = bomFromRun(run({ status: 'RUNNING', endTime: undefined, metrics: { a: [1, 1_725_530_460_000], b: [2, 1_725_530_500_000] } }), ISO);
    expect(bom.endTime).to.equal('2024-09-05T10:01:40.000Z');
    expect(bom.additionalValues).to.deep.equal({ mlflow_run_status: 'RUNNING' });
  });

  it('ends a run without an end time or metrics at its start', () => {
    const bom = bomFromRun(run({ status: 'RUNNING', endTime: undefined, metrics: { old: [1, 5] } }), ISO);
    expect(bom.endTime).to.equal(bom.startTime);
  });

  it('marks a FAILED run that has an end time', () => {
    expect(bomFromRun(run({ status: 'FAILED' }), ISO).additionalValues).to.deep.equal({ mlflow_run_status: 'FAILED' });
  });

  it('maps ±Number.MAX_VALUE (how MLflow stores ±Infinity) back to ±Infinity and keeps NaN', () => {
    const metrics = { up: [Number.MAX_VALUE, 1] as [number, number], down: [-Number.MAX_VALUE, 1] as [number, number], nan: [NaN, 1] as [number, number] };
    const bom = bomFromRun(run({ metrics }), ISO);
    expect(bom.mlflowMetrics).to.deep.equal({ up: Infinity, down: -Infinity, nan: NaN });
    expect(bom.toJSON().mlflow_metrics).to.deep.equal({ up: 'Infinity', down: '-Infinity', nan: 'NaN' });
  });

  it('keeps ±Number.MAX_VALUE with restoreInfinity off', () => {
    const bom = bomFromRun(run({ metrics: { up: [Number.MAX_VALUE, 1] } }), { ...ISO, restoreInfinity: false });
    expect(bom.mlflowMetrics.up).to.equal(Number.MAX_VALUE);
  });

  it('prefers the training dataset input over the params, field by field', () => {
    const inputs = [input({ uri: 'eval.csv' }, { num_rows: 5 }, 'eval'), input({ uri: 's3://b/train.csv' }, { num_rows: 900 }, 'training')];
    const bom = bomFromRun(run({ inputs, params: { dataset_path: 'p.csv', dataset_size: '1' } }), ISO);
    expect(bom.toJSON().dataset_info).to.deep.equal({ origin: 's3://b/train.csv', size: 900 });
  });

  it('takes the first input without a training context, and url or path when the source has no uri', () => {
    expect(bomFromRun(run({ inputs: [input({ url: 'https://x/d.csv' }, { num_rows: 3 })] }), ISO).datasetInfo).to.deep.include({ origin: 'https://x/d.csv', size: 3 });
    expect(bomFromRun(run({ inputs: [input({ path: 'org/ds' }, undefined)] }), ISO).datasetInfo).to.deep.include({ origin: 'org/ds', size: 0 });
  });

  it('falls back to the params when the input\'s source or profile is unusable', () => {
    const inputs = [input('not json', { num_rows: -1 })];
    const bom = bomFromRun(run({ inputs, params: { dataset_path: 'p.csv', dataset_size: ' 42 ' } }), ISO);
    expect(bom.toJSON().dataset_info).to.deep.equal({ origin: 'p.csv', size: 42 });
  });

  for (const bad of ['abc', '-5', '1.5', '1e3', '', '99999999999999999999']) {
    it(`rejects dataset_size ${JSON.stringify(bad)} naming the param and the run`, () => {
      const attempt = (): unknown => bomFromRun(run({ params: { dataset_size: bad } }), ISO);
      expect(attempt).to.throw(BomValidationError).that.satisfies((e: BomValidationError) =>
        e.issues[0]?.path === 'dataset_info.size' && e.message.includes('dataset_size') && e.message.includes(RUN_ID));
    });
  }

  it('rejects a start time that is not a date instead of throwing a RangeError', () => {
    expect(() => bomFromRun(run({ startTime: 9e15 }), ISO)).to.throw(BomValidationError, 'start_time');
  });

  it('keeps params named __proto__ and constructor as plain data', () => {
    const bom = bomFromRun(run({ params: JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string> }), ISO);
    expect(Object.keys(bom.mlflowParams).sort()).to.deep.equal(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).x).to.equal(undefined);
  });

  it('redacts what the tracker would have: secret-looking params, signed-URL credentials in values and in the dataset origin', () => {
    const signed = 'https://bucket.s3.amazonaws.com/d.csv?X-Amz-Date=20240101T000000Z&X-Amz-Signature=SIG123';
    const inputs = [input({ uri: signed }, { num_rows: 3 }, 'training')];
    const bom = bomFromRun(run({ inputs, params: { db_password: 'pw1', source: 'https://u:pw2@h/x?sig=SIG456', lr: '0.1' } }), ISO);
    expect(bom.datasetInfo.origin).to.equal('https://bucket.s3.amazonaws.com/d.csv?X-Amz-Date=20240101T000000Z&X-Amz-Signature=***REDACTED***');
    expect({ ...bom.mlflowParams }).to.deep.equal({ db_password: '***REDACTED***', source: 'https://***@h/x?sig=***REDACTED***', lr: '0.1' });
  });

  it('keeps the run\'s values when redaction is off', () => {
    const bom = bomFromRun(run({ params: { db_password: 'pw1', dataset_path: 'https://h/x?sig=SIG' } }), { ...ISO, isSecret: undefined });
    expect(bom.datasetInfo.origin).to.equal('https://h/x?sig=SIG');
    expect(bom.mlflowParams.db_password).to.equal('pw1');
  });

  it('reads seeds from params seed.<name> (numbers back as numbers) and keeps them among the params', () => {
    const params = { 'seed.numpy': '42', 'seed.torch': 'abc', 'seed.python': '-1.5', 'seed.padded': '007', 'seed.': 'not a seed', lr: '0.1' };
    const bom = bomFromRun(run({ params }), ISO);
    expect(bom.additionalValues?.['seeds']).to.deep.equal({ numpy: 42, torch: 'abc', python: -1.5, padded: '007' });
    expect(bom.mlflowParams).to.deep.equal(params);
  });

  it('reads data quality from tags training_bom.data_quality.<key> as the JSON they hold, else as text', () => {
    const tags = {
      'training_bom.data_quality.missing_ratio': '0.01', 'training_bom.data_quality.class_balance': '{"fraud":0.02}',
      'training_bom.data_quality.note': 'not json', 'training_bom.id': 'x',
    };
    const bom = bomFromRun(run({ tags }), ISO);
    expect(bom.additionalValues?.['data_quality']).to.deep.equal({ missing_ratio: 0.01, class_balance: { fraud: 0.02 }, note: 'not json' });
  });

  it('adds no seeds or data_quality section to a run without them', () => {
    expect(bomFromRun(run({ params: { seed: '1' }, tags: { 'training_bom.data_quality': '1' } }), ISO).additionalValues).to.equal(undefined);
  });
});
