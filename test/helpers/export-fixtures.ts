import { createHash } from 'node:crypto';
import { TrainingBOM, TrainingWorkflowTracker } from '../../src';
import { FakeClock } from './fake-clock';
import { specExample } from './vectors';

/** The demo's run (the spec's "Comprehensive Workflow Tracking" example) tracked with a fake clock. */
export async function trackerBom(): Promise<TrainingBOM> {
  const clock = new FakeClock();
  const tracker = new TrainingWorkflowTracker({ clock });
  tracker
    .startTraining('fraud-detection-v3.2')
    .registerDataset('s3://fraud-data/transactions-2024.parquet', 2500000)
    .registerFeatures(['amount', 'merchant', 'timestamp', 'location', 'card_type', 'user_age'], ['amount', 'merchant', 'timestamp', 'location'])
    .registerModel('GradientBoostingClassifier', 'tree_ensemble');
  tracker.logParameters({ n_estimators: 200, learning_rate: 0.1, max_depth: 8 });
  for (let epoch = 0; epoch < 10; epoch++) tracker.logMetric('loss', 1 / (epoch + 1), epoch);
  clock.advance(90 * 60_000);
  tracker.logMetrics({ accuracy: 0.94, precision: 0.91, recall: 0.96 });
  const bom = tracker.finalizeTraining();
  await tracker.close();
  return bom;
}

/**
 * A BOM that exercises everything an export must carry: hostile and empty keys, unknown fields at every
 * level, `additional_values`, nested and string-typed values, non-finite metrics, duplicate and empty
 * features, times that are not times, an origin that is not a URL, unicode.
 */
export function hostileBom(): TrainingBOM {
  const bom = TrainingBOM.parse(String.raw`{
    "id": "run-é-☃-😀-\"q\"-\\", "start_time": "yesterday", "end_time": "",
    "dataset_info": { "origin": "local data/中文 file.csv", "size": 3, "extra": { "__proto__": 1 }, "__proto__": [1] },
    "feature_info": { "original_features": ["a", "a", "", "emoji_😀", "tab\tsep"], "selected_features": ["a"], "z": null },
    "model_info": { "type": "", "architecture": "", "constructor": "x" },
    "mlflow_params": { "__proto__": { "a": 1 }, "constructor": "0.1", "toString": "adam", "n": null, "arr": [1, "NaN"], "": "", "2": true },
    "mlflow_metrics": { "nan": "NaN", "inf": "Infinity", "ninf": "-Infinity", "str": "0.95", "obj": { "x": [1, 2] }, "__proto__": 0.5 },
    "additional_values": { "data_quality": { "missing_ratio": 0.01 }, "__proto__": "kept" },
    "top": { "deep": [true, { "hasOwnProperty": 1 }] }
  }`);
  bom.mlflowParams['inf'] = Infinity;
  return bom;
}

/** A BOM with `features` original features (every other one selected) and `params` parameters and metrics. */
export function wideBom(features: number, params: number): TrainingBOM {
  const original = Array.from({ length: features }, (_, i) => `feature_${i}`);
  const dict = (prefix: string, value: (i: number) => number | string): Record<string, number | string> =>
    Object.fromEntries(Array.from({ length: params }, (_, i) => [`${prefix}_${i}`, value(i)]));
  return new TrainingBOM({
    id: `wide-${features}-${params}`,
    startTime: '2024-09-05T10:00:00.000Z',
    endTime: '2024-09-05T11:30:00.000Z',
    datasetInfo: { origin: 's3://bench/wide.parquet', size: 1_000_000 },
    featureInfo: { originalFeatures: original, selectedFeatures: original.filter((_, i) => i % 2 === 0) },
    modelInfo: { type: 'GradientBoostingClassifier', architecture: 'tree_ensemble' },
    mlflowParams: dict('param', (i) => (i % 3 === 0 ? `value-${i}` : i * 0.5)),
    mlflowMetrics: dict('metric', (i) => i / params),
  });
}

/** The spec's example with `count` model artifacts (1: a single model file; more: a model directory). */
export function artifactBom(count: number): TrainingBOM {
  const artifacts = Array.from({ length: count }, (_, i) => ({
    name: count === 1 ? 'forest.json' : `model/part-${i}.bin`,
    digest: `sha256:${createHash('sha256').update(String(i)).digest('hex')}`,
    bytes: 1000 + i,
  }));
  return TrainingBOM.parse({ ...specExample(), additional_values: { seeds: { global: 42 }, model_artifacts: artifacts } });
}
