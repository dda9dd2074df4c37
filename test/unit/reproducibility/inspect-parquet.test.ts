import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import type * as HyparquetWriter from 'hyparquet-writer';
import { inspectDataset } from '../../../src';
import { DatasetDir, sha256sum } from '../../helpers/dataset-files';

// hyparquet-writer is ESM, loaded through require(esm); its exports map gives Node its own entry and types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parquetWriteFile } = require('hyparquet-writer') as typeof HyparquetWriter;

function writeParquet(path: string, rows: number): void {
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: 'id', data: Int32Array.from({ length: rows }, (_, i) => i), type: 'INT32' },
      { name: 'label', data: Array.from({ length: rows }, (_, i) => `row ${i}`), type: 'STRING' },
    ],
    rowGroupSize: 300,
  });
}

describe('inspectDataset on Parquet (written by hyparquet-writer)', () => {
  const dir = new DatasetDir();
  after(() => dir.cleanup());

  it('takes the row count from the footer across row groups, and hashes the file', async () => {
    const path = dir.path('train.parquet');
    writeParquet(path, 1000);
    const found = await inspectDataset(path);
    expect(found).to.deep.include({ format: 'parquet', rows: 1000 });
    expect(found.digest).to.equal(sha256sum(path));
    expect(found).to.not.have.property('header');
  });

  it('reads only the footer: rows are counted even when every data page is zeroed', async () => {
    const path = dir.path('zeroed.parquet');
    writeParquet(path, 1000);
    const bytes = readFileSync(path);
    const footer = bytes.readUInt32LE(bytes.length - 8) + 8;
    bytes.fill(0, 4, bytes.length - footer);
    writeFileSync(path, bytes);
    expect((await inspectDataset(path, { digest: false })).rows).to.equal(1000);
  });

  it('sums the rows of a directory of Parquet parts', async () => {
    dir.file('table/_SUCCESS', '');
    writeParquet(dir.file('table/part-0.parquet', ''), 250);
    writeParquet(dir.file('table/part-1.parquet', ''), 750);
    expect(await inspectDataset(dir.path('table'))).to.deep.include({ format: 'parquet', rows: 1000, files: 3 });
  });

  it('leaves rows null, with the reason, for a .parquet file that is not Parquet', async () => {
    const found = await inspectDataset(dir.file('fake.parquet', 'a,b\n1,2\n'));
    expect(found.rows).to.equal(null);
    expect(found.warnings?.[0]).to.match(/^rows not counted: not a readable Parquet file \(parquet file invalid/);
  });
});
