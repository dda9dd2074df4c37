/** Test-set metrics of a classifier; the macro averages weigh every class equally. */
export interface ClassificationMetrics {
  /** Share of rows predicted right. */
  readonly accuracy: number;
  /** Mean over classes of TP / (TP + FP); a class never predicted counts 0. */
  readonly precision_macro: number;
  /** Mean over classes of TP / (TP + FN). */
  readonly recall_macro: number;
  /** Mean over classes of the per-class F1 = 2PR / (P + R) (0 when P + R = 0), as scikit-learn's f1_score(average='macro'). */
  readonly f1_macro: number;
}

/** Accuracy and macro precision, recall and F1 of `predicted` against `actual`, for labels 0 … classCount − 1. */
export function classificationMetrics(actual: readonly number[], predicted: readonly number[], classCount: number): ClassificationMetrics {
  if (actual.length !== predicted.length || actual.length === 0) throw new RangeError('need as many predictions as labels, at least one');
  const tp = new Array<number>(classCount).fill(0);
  const fp = new Array<number>(classCount).fill(0);
  const fn = new Array<number>(classCount).fill(0);
  actual.forEach((truth, i) => {
    const guess = predicted[i];
    if (guess === truth) tp[truth] = tp[truth] + 1;
    else {
      fp[guess] = fp[guess] + 1;
      fn[truth] = fn[truth] + 1;
    }
  });
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const precision = tp.map((t, c) => ratio(t, t + fp[c]));
  const recall = tp.map((t, c) => ratio(t, t + fn[c]));
  const f1 = precision.map((p, c) => ratio(2 * p * recall[c], p + recall[c]));
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / classCount;
  return {
    accuracy: tp.reduce((s, t) => s + t, 0) / actual.length,
    precision_macro: mean(precision),
    recall_macro: mean(recall),
    f1_macro: mean(f1),
  };
}
