/** A dataset's format as recognised from its file name; `mixed` for a directory of several formats. */
export type DatasetFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'parquet' | 'unknown' | 'mixed';

/** What an HTTP(S) origin answered to a HEAD request (`checkRemote`). */
export interface HttpCheck {
  /** The final response's status (2xx). */
  readonly status: number;
  /** `Content-Length` in bytes, or `null`. */
  readonly length: number | null;
  /** `ETag`, or `null`. */
  readonly etag: string | null;
  /** `Last-Modified` as sent, or `null`. */
  readonly modified: string | null;
  /** `Content-Type`, or `null`. */
  readonly type: string | null;
}

/**
 * What {@link inspectDataset} found. Apart from `origin` (which the BOM keeps in `dataset_info.origin`) it
 * is what `additional_values.dataset` holds: every key is one word, so TypeScript and wire names are the
 * same. Fields that do not apply are absent.
 */
export interface DatasetInspection {
  /** The origin as given to {@link inspectDataset}. */
  readonly origin: string;
  /** `file` for local paths, else the URI scheme in lower case (`s3`, `gs`, `https`…). */
  readonly scheme: string;
  /** `file` or `directory` (local), `remote` otherwise. */
  readonly kind: 'file' | 'directory' | 'remote';
  /** Absolute local path (local only). */
  readonly path?: string;
  /** Format from the file name(s); for a directory, the one format of its data files or `mixed`. */
  readonly format?: DatasetFormat;
  /** Compression codec from the file name (`gzip`, `zstd`…), when compressed. */
  readonly compression?: string;
  /** Size in bytes (of all files, for a directory). */
  readonly bytes?: number;
  /** Number of files hashed (directory only). */
  readonly files?: number;
  /** Latest modification time, ISO 8601 UTC. */
  readonly modified?: string;
  /** `sha256:` and the hex SHA-256 of the file, or of the directory's manifest (see docs/reproducibility.md). */
  readonly digest?: string;
  /** Data rows (header excluded), or `null` when they could not be counted (see `warnings`). */
  readonly rows?: number | null;
  /** Whether the first record of CSV/TSV files was taken as a header. */
  readonly header?: boolean;
  /** The HEAD request's answer (http/https origins with `checkRemote`). */
  readonly http?: HttpCheck;
  /** Things the caller should know: rows not counted and why, a file changed while being read… */
  readonly warnings?: readonly string[];
}
