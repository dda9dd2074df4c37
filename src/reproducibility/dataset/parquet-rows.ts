import type { FileHandle } from 'node:fs/promises';
import type * as Hyparquet from 'hyparquet';

let loaded: typeof Hyparquet | undefined;

/** hyparquet (ESM), loaded on the first Parquet file through Node's require(esm): importing the SDK does not pay for it. */
function hyparquet(): typeof Hyparquet {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('hyparquet') as typeof Hyparquet;
  return loaded;
}

/**
 * The row count of a Parquet file from its footer metadata (hyparquet), reading only the last bytes of the
 * file through `handle`, never the data pages.
 * @throws Error when the file is not Parquet (no `PAR1` footer) or its metadata cannot be decoded.
 */
export async function parquetRows(handle: FileHandle, byteLength: number): Promise<number> {
  const file: Hyparquet.AsyncBuffer = {
    byteLength,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = end ?? byteLength;
      const bytes = new Uint8Array(Math.max(0, stop - start));
      let done = 0;
      while (done < bytes.length) {
        const { bytesRead } = await handle.read(bytes, done, bytes.length - done, start + done);
        if (bytesRead === 0) throw new Error('the file ended before its Parquet footer');
        done += bytesRead;
      }
      return bytes.buffer;
    },
  };
  const metadata = await hyparquet().parquetMetadataAsync(file);
  const rows = Number(metadata.num_rows);
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`the footer gives an unusable row count (${String(metadata.num_rows)})`);
  return rows;
}
