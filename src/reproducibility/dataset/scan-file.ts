import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { DatasetFormat } from './dataset-format';
import { fsAccessError } from './fs-access-error';
import { parquetRows } from './parquet-rows';
import { RecordCounter } from './record-counter';
import { streamFile } from './stream-file';

/** What to do with one file. */
export interface ScanPlan {
  readonly digest: boolean;
  readonly countRows: boolean;
  readonly header: boolean;
  readonly format: DatasetFormat;
  readonly compression: string | null;
}

/** What one pass over a file found. */
export interface FileScan {
  /** Hex SHA-256 of the bytes read, or `null` when not asked. */
  readonly sha256: string | null;
  /** Bytes read (or the size, when the file was not read through). */
  readonly bytes: number;
  readonly mtimeMs: number;
  /** Data rows, `null` when not countable, `undefined` when not asked. */
  readonly rows: number | null | undefined;
  readonly warnings: readonly string[];
}

const DELIMITERS: Partial<Record<DatasetFormat, [delimiter: number, quoting: boolean]>> = {
  csv: [0x2c, true],
  tsv: [0x09, true],
  jsonl: [0x0a, false],
};

async function countParquet(handle: FileHandle, size: number, warnings: string[]): Promise<number | null> {
  try {
    return await parquetRows(handle, size);
  } catch (error) {
    warnings.push(`rows not counted: not a readable Parquet file (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/**
 * Reads one file once, feeding the SHA-256 and the row counter from the same chunks; a Parquet file's
 * rows come from its footer. Without digest or counting, reads one byte to prove the file is readable.
 * @throws {@link DatasetAccessError} when the file cannot be opened or read.
 */
export async function scanFile(origin: string, path: string, plan: ScanPlan): Promise<FileScan> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fsAccessError(origin, path, error);
  }
  try {
    const before = await handle.stat();
    const warnings: string[] = [];
    const countable = plan.countRows && plan.compression === null;
    const delimited = countable ? DELIMITERS[plan.format] : undefined;
    const counter = delimited === undefined ? undefined : new RecordCounter(delimited[0], delimited[1]);
    let rows: number | null | undefined = plan.countRows ? null : undefined;
    if (countable && plan.format === 'parquet') rows = await countParquet(handle, before.size, warnings);
    else if (plan.countRows && counter === undefined) {
      const why = plan.compression === null ? `no row counter for the ${plan.format} format (CSV, TSV, JSON Lines and Parquet have one)` : `${plan.compression}-compressed`;
      warnings.push(`rows not counted: ${why}`);
    }
    const hash = plan.digest ? createHash('sha256') : undefined;
    let bytes = before.size;
    if (hash !== undefined || counter !== undefined) {
      bytes = await streamFile(handle, (chunk) => {
        hash?.update(chunk);
        counter?.push(chunk);
      });
    } else await handle.read(Buffer.alloc(1), 0, 1, 0);
    if (counter !== undefined) {
      const { records, unterminatedQuote } = counter.finish();
      const headed = plan.header && (plan.format === 'csv' || plan.format === 'tsv');
      rows = headed && records > 0 ? records - 1 : records;
      if (unterminatedQuote) warnings.push('the last quoted field is never closed: its record was counted up to the end of the file');
    }
    const after = await handle.stat();
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || (hash !== undefined && bytes !== before.size)) {
      warnings.push('the file changed while it was being read: digest and rows describe what was read');
    }
    return { sha256: hash?.digest('hex') ?? null, bytes, mtimeMs: after.mtimeMs, rows, warnings };
  } catch (error) {
    if (error instanceof Error && 'syscall' in error) throw fsAccessError(origin, path, error);
    throw error;
  } finally {
    await handle.close();
  }
}
