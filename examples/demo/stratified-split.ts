import { seededRandom, shuffleInPlace } from './seeded-random';

/** Row indices of the training and the test part. */
export interface Split {
  /** Training rows, shuffled. */
  readonly train: number[];
  /** Test rows, ascending. */
  readonly test: number[];
}

/**
 * A seeded stratified split: the rows of each class are shuffled with the seed and the first
 * `round(count × testRatio)` of them go to the test part, so both parts keep the class proportions
 * (iris is sorted by class, so an unshuffled or unstratified split would be useless).
 */
export function stratifiedSplit(labels: readonly number[], testRatio: number, seed: number): Split {
  if (!(testRatio > 0 && testRatio < 1)) throw new RangeError(`testRatio must be between 0 and 1, got ${testRatio}`);
  const random = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, row) => byClass.set(label, [...(byClass.get(label) ?? []), row]));
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = shuffleInPlace(byClass.get(label) as number[], random);
    const testCount = Math.round(rows.length * testRatio);
    test.push(...rows.slice(0, testCount));
    train.push(...rows.slice(testCount));
  }
  return { train: shuffleInPlace(train, random), test: test.sort((a, b) => a - b) };
}
