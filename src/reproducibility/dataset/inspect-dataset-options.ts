import type { DatasetFormat } from './dataset-format';

/** Options of {@link inspectDataset}. */
export interface InspectDatasetOptions {
  /** Compute the SHA-256 digest (default true): reads every byte once. */
  readonly digest?: boolean;
  /** Count data rows of CSV, TSV, JSON Lines and Parquet (default true); Parquet from its footer only. */
  readonly countRows?: boolean;
  /** Whether CSV/TSV files start with a header record, which is then not counted (default true). */
  readonly header?: boolean;
  /** The format, when the file name does not tell it (applies to every file of a directory). */
  readonly format?: DatasetFormat;
  /** Send a HEAD request to an `http(s)` origin and fail when it does not answer 2xx (default false: no network). */
  readonly checkRemote?: boolean;
  /** Time limit of that request in milliseconds (default 10,000). */
  readonly timeoutMs?: number;
}
