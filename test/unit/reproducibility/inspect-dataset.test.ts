import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DatasetAccessError, hashPath, inspectDataset } from '../../../src';
import { DatasetDir, sha256sum, shellDirectoryDigest } from '../../helpers/dataset-files';
import { rejection } from '../../helpers/rejection';

const EMPTY_SHA256 = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('inspectDataset on local files', () => {
  const dir = new DatasetDir();
  after(() => dir.cleanup());

  it('counts CSV rows with quoted newlines, doubled quotes, CRLF and blank lines, header excluded', async () => {
    const csv = 'id,comment\r\n1,"two\r\nlines"\r\n2,"say ""hi"", then\nleave"\r\n\r\n3,plain\r\n';
    const path = dir.file('quoted.csv', csv);
    const found = await inspectDataset(path);
    expect(found).to.deep.include({ scheme: 'file', kind: 'file', path, format: 'csv', header: true, rows: 3, bytes: Buffer.byteLength(csv) });
    expect(found.digest).to.equal(sha256sum(path));
    expect(found.modified).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(found.warnings).to.equal(undefined);
  });

  it('counts every record when told there is no header', async () => {
    const found = await inspectDataset(dir.file('no-header.csv', 'a,b\nc,d\n'), { header: false });
    expect(found).to.deep.include({ rows: 2, header: false });
  });

  it('counts TSV rows with a header', async () => {
    expect((await inspectDataset(dir.file('t.tsv', 'a\tb\n1\t"x\ny"\n2\t3'))).rows).to.equal(2);
  });

  it('counts JSON Lines, skipping blank lines', async () => {
    const found = await inspectDataset(dir.file('events.jsonl', '{"a":1}\n\n{"a":"x\\ny"}\r\n{"a":3}'));
    expect(found).to.deep.include({ format: 'jsonl', rows: 3 });
    expect(found).to.not.have.property('header');
  });

  it('records an empty file: 0 rows, 0 bytes, the digest of nothing', async () => {
    expect(await inspectDataset(dir.file('empty.csv', ''))).to.deep.include({ rows: 0, bytes: 0, digest: EMPTY_SHA256 });
  });

  it('warns when a CSV ends inside a quoted field', async () => {
    const found = await inspectDataset(dir.file('broken.csv', 'a\n1\n"never closed\n2\n'));
    expect(found.rows).to.equal(2);
    expect(found.warnings).to.deep.equal(['the last quoted field is never closed: its record was counted up to the end of the file']);
  });

  it('leaves rows null, with the reason, for formats it cannot count', async () => {
    const json = await inspectDataset(dir.file('data.json', '[1,2,3]'));
    expect(json).to.deep.include({ format: 'json', rows: null });
    expect(json.warnings?.[0]).to.match(/^rows not counted: no row counter for the json format/);
    const gz = await inspectDataset(dir.file('data.csv.gz', 'not really gzip'));
    expect(gz).to.deep.include({ format: 'csv', compression: 'gzip', rows: null });
    expect(gz.warnings).to.deep.equal(['rows not counted: gzip-compressed']);
  });

  it('takes the format from options when the name does not tell it', async () => {
    expect(await inspectDataset(dir.file('export.dat', 'h\n1\n2\n'), { format: 'csv' })).to.deep.include({ format: 'csv', rows: 2 });
  });

  it('skips hashing and counting when asked, still proving the file readable', async () => {
    const found = await inspectDataset(dir.file('skip.csv', 'a\n1\n'), { digest: false, countRows: false });
    expect(found).to.not.have.any.keys('digest', 'rows', 'header');
    expect(found.bytes).to.equal(4);
  });

  it('accepts file:// URIs and relative paths', async () => {
    const path = dir.file('uri dir/ä.csv', 'a\n1\n');
    expect((await inspectDataset(pathToFileURL(path).href)).path).to.equal(path);
    const cwd = process.cwd();
    process.chdir(dir.root);
    try {
      expect((await inspectDataset('uri dir/ä.csv')).path).to.equal(path);
    } finally {
      process.chdir(cwd);
    }
  });

  it('hashes the same bytes sha256sum does (hashPath)', async () => {
    const bytes = createHash('sha256').update('seed').digest();
    const path = dir.file('blob.bin', Buffer.concat(Array.from({ length: 3000 }, () => bytes)));
    expect(await hashPath(path)).to.deep.equal({ digest: sha256sum(path), bytes: 96000, files: 1 });
  });
});

describe('inspectDataset on directories', () => {
  const dir = new DatasetDir();
  after(() => dir.cleanup());

  it('hashes a directory as the documented shell recipe does and sums the rows of its parts', async () => {
    dir.file('parts/part-0000.csv', 'a,b\n1,2\n3,4\n');
    dir.file('parts/part-0001.csv', 'a,b\n5,"6\n7"\n');
    dir.file('parts/_SUCCESS', '');
    dir.file('parts/.part-0000.csv.crc', 'crc');
    dir.file('parts/nested/back\\slash.csv', 'a\n1\n');
    const found = await inspectDataset(dir.path('parts'));
    expect(found).to.deep.include({ kind: 'directory', files: 5, format: 'csv', rows: 4, header: true });
    expect(found.digest).to.equal(shellDirectoryDigest(dir.path('parts')));
    expect(await hashPath(dir.path('parts'))).to.deep.include({ digest: found.digest, files: 5 });
  });

  it('changes the digest when a file is renamed, even with the same contents', async () => {
    dir.file('a/x.csv', 'h\n1\n');
    dir.file('b/y.csv', 'h\n1\n');
    expect((await hashPath(dir.path('a'))).digest).to.not.equal((await hashPath(dir.path('b'))).digest);
  });

  it('calls a directory of several formats mixed, and leaves rows null if one part cannot be counted', async () => {
    dir.file('mixed/a.csv', 'h\n1\n');
    dir.file('mixed/b.json', '{}');
    const found = await inspectDataset(dir.path('mixed'));
    expect(found).to.deep.include({ format: 'mixed', rows: null });
    expect(found.warnings?.[0]).to.match(/^b\.json: rows not counted/);
  });

  it('records an empty directory with a warning', async () => {
    mkdirSync(dir.path('nothing'));
    const found = await inspectDataset(dir.path('nothing'));
    expect(found).to.deep.include({ files: 0, bytes: 0, rows: 0, format: 'unknown' });
    expect(found.warnings).to.deep.equal(['the directory holds no files']);
  });

  it('follows symbolic links but not into a cycle', async () => {
    dir.file('linked/data.csv', 'h\n1\n');
    symlinkSync(dir.path('linked'), dir.path('linked/loop'));
    const found = await inspectDataset(dir.path('linked'));
    expect(found).to.deep.include({ files: 1, rows: 1 });
    expect(found.warnings).to.deep.equal(['loop: a symbolic link to one of its own parent directories; not followed']);
  });
});

describe('inspectDataset failures, before any training', () => {
  const dir = new DatasetDir();
  after(() => dir.cleanup());

  it('rejects a missing file with DATASET_ACCESS / not-found', async () => {
    const error = await rejection(inspectDataset(dir.path('missing.csv')));
    expect(error).to.be.instanceOf(DatasetAccessError).and.to.include({ code: 'DATASET_ACCESS', reason: 'not-found' });
    expect((error as Error).message).to.contain(`Dataset '${dir.path('missing.csv')}' does not exist`);
  });

  it('rejects a FIFO instead of blocking on it', async function () {
    try {
      execFileSync('mkfifo', [dir.path('pipe.csv')]);
    } catch {
      this.skip();
    }
    expect(await rejection(inspectDataset(dir.path('pipe.csv')))).to.include({ reason: 'not-supported' });
  });

  it('rejects a file:// URI naming another host', async () => {
    expect(await rejection(inspectDataset('file://fileserver/share/data.csv'))).to.include({ reason: 'invalid-origin' });
  });

  it('names the file inside a directory that fails', async () => {
    dir.file('broken-dir/ok.csv', 'h\n');
    symlinkSync(dir.path('nowhere.csv'), dir.path('broken-dir/dangling.csv'));
    const error = (await rejection(inspectDataset(dir.path('broken-dir')))) as DatasetAccessError;
    expect(error).to.include({ reason: 'not-found', path: dir.path('broken-dir/dangling.csv') });
  });
});
