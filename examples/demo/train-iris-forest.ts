import { RandomForestClassifier } from 'ml-random-forest';
import type { TrainingWorkflowTracker } from 'training-bom';
import { classificationMetrics, type ClassificationMetrics } from './classification-metrics';
import { irisDataQuality, type IrisData } from './iris-data';
import { selectByImportance } from './select-by-importance';
import { stratifiedSplit, type Split } from './stratified-split';

/** Everything that determines the run; every field is logged as a parameter. */
export interface IrisForestConfig {
  /** Seed of the split and of both forests (a 32-bit integer). */
  readonly seed: number;
  /** Share of each class held out for testing. */
  readonly testRatio: number;
  /** Trees in the final forest. */
  readonly nEstimators: number;
  /** Trees in the forest that ranks the features. */
  readonly screeningEstimators: number;
  /** Features each tree sees: a share (0, 1] of the available ones. */
  readonly maxFeatures: number;
  /** Bootstrap the training rows of each tree. */
  readonly useSampleBagging: boolean;
  /** Share of the total importance the selected features must carry. */
  readonly cumulativeImportance: number;
  /** Fewest features to keep. */
  readonly minFeatures: number;
}

/** The configuration `npm run demo` trains with. */
export const DEFAULT_CONFIG: IrisForestConfig = Object.freeze({
  seed: 42, testRatio: 0.3, nEstimators: 50, screeningEstimators: 100, maxFeatures: 1.0,
  useSampleBagging: true, cumulativeImportance: 0.95, minFeatures: 2,
});

/** What a run produced. */
export interface IrisForestRun {
  readonly split: Split;
  /** Importance of each original feature in the screening forest (sums to 1). */
  readonly importances: number[];
  readonly selected: string[];
  readonly model: RandomForestClassifier;
  /** Predicted class of each test row, in the order of `split.test`. */
  readonly predictions: number[];
  readonly metrics: ClassificationMetrics;
}

type Forest = RandomForestClassifier & { featureImportance(): number[]; selection(votes: number[]): number };

function forest(config: IrisForestConfig, nEstimators: number): Forest {
  return new RandomForestClassifier({
    seed: config.seed, nEstimators, maxFeatures: config.maxFeatures, replacement: false,
    useSampleBagging: config.useSampleBagging, noOOB: true,
  }) as Forest;
}

const columns = (rows: number[][], indices: number[], keep: number[]): number[][] => indices.map((r) => keep.map((c) => rows[r][c]));

/**
 * Trains a random forest on iris, instrumented with `tracker` (started, not finalized): split, rank the
 * features with a screening forest, keep the most important ones, train the final forest on them and
 * evaluate it on the held-out rows. Logs the test `accuracy` of the vote of the first k trees at step k,
 * and the whole forest's metrics at step `nEstimators` (the BOM's values: MLflow's latest is the highest step).
 */
export function trainIrisForest(data: IrisData, config: IrisForestConfig, tracker: TrainingWorkflowTracker): IrisForestRun {
  if (data.inspection !== undefined) tracker.registerDataset(data.inspection, data.rows.length);
  else tracker.registerDataset(data.origin, data.rows.length);
  for (const [key, value] of Object.entries(irisDataQuality(data))) tracker.logDataQuality(key, value);
  tracker.registerSeed('split', config.seed).registerSeed('random_forest', config.seed);
  tracker.logParameters({
    n_estimators: config.nEstimators, screening_estimators: config.screeningEstimators, max_features: config.maxFeatures,
    use_sample_bagging: config.useSampleBagging, seed: config.seed, test_ratio: config.testRatio,
    selection_cumulative_importance: config.cumulativeImportance, selection_min_features: config.minFeatures,
  });
  const split = stratifiedSplit(data.labels, config.testRatio, config.seed);
  tracker.logParameters({ train_rows: split.train.length, test_rows: split.test.length });
  const all = data.features.map((_, i) => i);
  const trainLabels = split.train.map((r) => data.labels[r]);

  const screening = forest(config, config.screeningEstimators);
  screening.train(columns(data.rows, split.train, all), trainLabels);
  const importances = screening.featureImportance();
  data.features.forEach((name, i) => tracker.logMetric(`importance_${name}`, importances[i]));
  const selected = selectByImportance(data.features, importances, config);
  tracker.registerFeatures(data.features, selected);

  const keep = selected.map((name) => data.features.indexOf(name));
  const model = forest(config, config.nEstimators);
  tracker.registerModel('RandomForestClassifier', `ml-random-forest: ${config.nEstimators} CART trees (gini), majority vote`);
  model.train(columns(data.rows, split.train, keep), trainLabels);

  const testRows = columns(data.rows, split.test, keep);
  const actual = split.test.map((r) => data.labels[r]);
  const votes = model.predictionValues(testRows);
  for (let k = 1; k < config.nEstimators; k++) {
    const byK = actual.map((_, i) => model.selection(votes.getRow(i).slice(0, k)));
    tracker.logMetric('accuracy', classificationMetrics(actual, byK, data.classes.length).accuracy, k);
  }
  const predictions = model.predict(testRows);
  const metrics = classificationMetrics(actual, predictions, data.classes.length);
  tracker.logMetrics({ ...metrics }, config.nEstimators);
  return { split, importances, selected, model, predictions, metrics };
}
