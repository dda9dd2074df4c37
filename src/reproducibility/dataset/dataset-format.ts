import type { DatasetFormat } from '../../models/dataset-inspection';

export type { DatasetFormat } from '../../models/dataset-inspection';

/** Format and compression read from a file name. */
export interface FileFormat {
  /** The format, from the extension under any compression suffix. */
  readonly format: DatasetFormat;
  /** The compression suffix's codec (`gzip`, `zstd`…), or `null`. */
  readonly compression: string | null;
}

const FORMATS: Readonly<Record<string, DatasetFormat>> = {
  csv: 'csv', tsv: 'tsv', tab: 'tsv', jsonl: 'jsonl', ndjson: 'jsonl', jsonlines: 'jsonl', json: 'json', parquet: 'parquet', pq: 'parquet',
};
const COMPRESSIONS: Readonly<Record<string, string>> = { gz: 'gzip', gzip: 'gzip', bz2: 'bzip2', xz: 'xz', zst: 'zstd', lz4: 'lz4', zip: 'zip' };

/** Detects the format (and compression) from a file name's extensions, case-insensitively. */
export function detectFormat(fileName: string): FileFormat {
  const parts = fileName.toLowerCase().split('.').slice(1);
  let ext = parts.pop();
  let compression: string | null = null;
  if (ext !== undefined && Object.prototype.hasOwnProperty.call(COMPRESSIONS, ext)) {
    compression = COMPRESSIONS[ext];
    ext = parts.pop();
  }
  const format = ext !== undefined && Object.prototype.hasOwnProperty.call(FORMATS, ext) ? FORMATS[ext] : 'unknown';
  return { format, compression };
}
