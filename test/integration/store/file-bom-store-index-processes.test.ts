/**
 * The file store's index under real processes: two writers at once lose no entry, and a writer killed between
 * its BOM file and the index update, or in the middle of an index transaction, is repaired by the next reader.
 * Uses the built package (`npm run build` first).
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import { FileBomStore } from '../../../src';
import { storeBom } from '../../helpers/store-contract';

const DIST = resolve(__dirname, '../../../dist');

const PRELUDE = `
const { FileBomStore, TrainingBOM } = require(${JSON.stringify(DIST)});
const store = new FileBomStore(process.argv[1]);
const bom = (id, type) => new TrainingBOM({ id, startTime: '2024-09-05T10:00:00Z', endTime: '2024-09-05T10:00:00Z',
  datasetInfo: { origin: 'iris', size: 1 }, featureInfo: { originalFeatures: ['a'], selectedFeatures: [] },
  modelInfo: { type, architecture: 't' }, mlflowParams: {}, mlflowMetrics: { accuracy: 0.9 } });
`;

function run(script: string, dir: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, ['-e', PRELUDE + script, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((r) => child.once('exit', (code, signal) => r({ code, signal, stderr })));
}

/** What the index file says, read without the store (so without any repair): rows, pending writes, whether it trusts the directory. */
function indexState(dir: string): { files: string[]; pending: number; trusted: boolean } {
  const path = join(dir, '.index', readdirSync(join(dir, '.index')).find((n) => n.endsWith('.sqlite'))!);
  const db = new Database(path, { readOnly: true });
  try {
    const s = statSync(dir, { bigint: true });
    const recorded = db.get("SELECT value FROM meta WHERE key = 'dir'")?.value;
    return {
      files: db.all('SELECT file FROM boms ORDER BY file').map((r) => r.file as string),
      pending: Number(db.get('SELECT count(*) AS n FROM pending')?.n),
      trusted: recorded === `${s.mtimeNs}/${s.ctimeNs}/${s.ino}`,
    };
  } finally {
    db.close();
  }
}

const filesOnDisk = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();

describe('FileBomStore index with several processes', function () {
  this.timeout(120_000);
  let dir: string;
  let store: FileBomStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'training-bom-index-proc-'));
    store = new FileBomStore(dir);
    await store.put(storeBom('seed'));
    expect(await store.list()).to.have.length(1);
  });

  it('loses no entry when two processes put at once, and stays trusted (no resync needed)', async () => {
    const writer = (tag: string): string => `(async () => { for (let i = 0; i < 60; i++) await store.put(bom('${tag}-' + i, '${tag}')); })().catch((e) => { console.error(e); process.exit(1); });`;
    const results = await Promise.all([run(writer('one'), dir), run(writer('two'), dir)]);
    for (const r of results) expect(r.code, r.stderr).to.equal(0);
    const state = indexState(dir);
    expect(state.files).to.deep.equal(filesOnDisk(dir));
    expect(state.files).to.have.length(121);
    expect(state).to.deep.include({ pending: 0, trusted: true });
    expect((await store.query({ modelType: 'one', limit: 10_000 })).items).to.have.length(60);
    expect((await store.query({ modelType: 'two', limit: 10_000 })).items).to.have.length(60);
  });

  it('repairs a write killed between the BOM file and the index update (SIGKILL)', async () => {
    const script = `
      require(${JSON.stringify(join(DIST, 'store/file-index/bom-index.js'))}).BomIndex.prototype.endWrite = () => process.kill(process.pid, 'SIGKILL');
      store.put(bom('seed', 'MLP')).then(() => store.put(bom('late', 'MLP')));`;
    const r = await run(script, dir);
    expect(r.signal, r.stderr).to.equal('SIGKILL');
    expect(indexState(dir).pending).to.equal(1);
    expect((JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8')) as { model_info: { type: string } }).model_info.type).to.equal('MLP');
    expect((await store.query({ modelType: 'MLP' })).items.map((s) => s.id)).to.deep.equal(['seed']);
    expect(indexState(dir).pending).to.equal(0);
  });

  it('repairs an index transaction killed half-way (SIGKILL with the SQLite lock and journal left behind)', async () => {
    const script = `
      const { IndexDb } = require(${JSON.stringify(join(DIST, 'store/file-index/index-db.js'))});
      const upsert = IndexDb.prototype.upsert;
      IndexDb.prototype.upsert = function (entry) { upsert.call(this, entry); this.db.run('DELETE FROM boms'); process.kill(process.pid, 'SIGKILL'); };
      store.put(bom('killed', 'MLP'));`;
    const r = await run(script, dir);
    expect(r.signal, r.stderr).to.equal('SIGKILL');
    const index = join(dir, '.index');
    expect(readdirSync(index).some((n) => n.endsWith('.sqlite.lock'))).to.equal(true);
    expect(readdirSync(index).some((n) => n.endsWith('-journal'))).to.equal(true);
    const began = Date.now();
    expect((await store.query()).items.map((s) => s.id).sort()).to.deep.equal(['killed', 'seed']);
    expect(Date.now() - began).to.be.below(60_000);
    expect(indexState(dir).files).to.deep.equal(['killed.json', 'seed.json']);
  });

  it('answers exactly what is on disk after writers killed at random moments', async () => {
    const writer = `(async () => { for (let i = 0; ; i++) await store.put(bom('r' + process.pid + '-' + i, i % 2 ? 'RF' : 'MLP')); })();`;
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['-e', PRELUDE + writer, dir], { stdio: 'ignore' });
      // Kill it once it has written a couple of BOMs (however loaded the machine), at a random moment after.
      const before = filesOnDisk(dir).length;
      for (const deadline = Date.now() + 30_000; filesOnDisk(dir).length < before + 2 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const onDisk = filesOnDisk(dir).map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as { id: string; model_info: { type: string } });
    expect(onDisk.length).to.be.greaterThan(5);
    for (const type of ['RF', 'MLP']) {
      const got = (await store.query({ modelType: type, limit: 10_000 })).items.map((s) => s.id).sort();
      expect(got).to.deep.equal(onDisk.filter((b) => b.model_info.type === type).map((b) => b.id).sort());
    }
  });
});
