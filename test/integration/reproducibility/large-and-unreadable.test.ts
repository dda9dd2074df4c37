import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatasetAccessError, inspectDataset, TrainingWorkflowTracker } from '../../../src';
import { DatasetDir, sha256sum } from '../../helpers/dataset-files';
import { rejection } from '../../helpers/rejection';

const ROOT = resolve(__dirname, '../../..');
const NOBODY = 65534;

/** A header and ~1 MiB of CSV records (some with quoted newlines) repeated `mib` times: the data rows and bytes written. */
function writeLargeCsv(path: string, mib: number): { rows: number; bytes: number } {
  const records: string[] = [];
  let size = 0;
  for (let i = 0; size < (1 << 20) - 64; i++) {
    const record = i % 10 === 0 ? `${i},"multi\nline, ""quoted""",${i * 0.5}\n` : `${i},plain text,${i * 0.5}\n`;
    records.push(record);
    size += record.length;
  }
  const block = Buffer.from(records.join(''));
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'id,text,value\n');
    for (let i = 0; i < mib; i++) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return { rows: records.length * mib, bytes: 'id,text,value\n'.length + block.length * mib };
}

describe('inspectDataset on a 200 MB CSV', () => {
  const dir = new DatasetDir();
  after(() => dir.cleanup());

  it('streams it: exact rows and sha256sum digest, without holding the file in memory', async function () {
    this.timeout(120000);
    const path = dir.path('large.csv');
    const { rows, bytes } = writeLargeCsv(path, 200);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const found = await inspectDataset(path);
    clearInterval(sampler);
    expect(found).to.deep.include({ rows, bytes, format: 'csv' });
    expect(found.digest).to.equal(sha256sum(path));
    expect(peak - before, 'RSS growth while inspecting').to.be.below(64 * 2 ** 20);
  });
});

describe('an unreadable dataset (chmod 000)', () => {
  const dir = new DatasetDir();
  let path = '';
  before(() => {
    chmodSync(dir.root, 0o755);
    path = dir.file('secret.csv', 'a\n1\n');
    chmodSync(path, 0o000);
  });
  after(() => dir.cleanup());

  it('fails inspection with not-readable, unless the process is root (root reads any file: permission bits do not stop it)', async () => {
    if (process.getuid?.() === 0) {
      expect((await inspectDataset(path)).rows).to.equal(1);
      return;
    }
    expect(await rejection(inspectDataset(path))).to.be.instanceOf(DatasetAccessError).and.to.include({ reason: 'not-readable' });
  });

  it('fails with not-readable for an ordinary user (run as nobody when the tests run as root)', function () {
    if (process.getuid?.() !== 0) this.skip();
    const code = `require(${JSON.stringify(resolve(ROOT, 'src/reproducibility/dataset/inspect-dataset'))}).inspectDataset(${JSON.stringify(path)})
      .then(() => console.log('{"read":true}'), (e) => console.log(JSON.stringify({ name: e.name, reason: e.reason, message: e.message })));`;
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', code], {
      cwd: ROOT, uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 30000, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.test.json' },
    });
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as { name: string; reason: string; message: string };
    expect(out).to.include({ name: 'DatasetAccessError', reason: 'not-readable' });
    expect(out.message).to.contain('is not readable (permission denied)');
  });

  it('makes registerDatasetVerified reject before training and leaves no dataset registered', async () => {
    const tracker = new TrainingWorkflowTracker({ captureEnvironment: false }).startTraining('run');
    const error = await rejection(tracker.registerDatasetVerified(dir.path('missing.csv')));
    expect(error).to.be.instanceOf(DatasetAccessError).and.to.include({ reason: 'not-found' });
    expect(() => tracker.registerFeatures(['a'], ['a']).registerModel('m', 'a').finalizeTraining()).to.throw(/dataset_info: is required/);
  });
});
