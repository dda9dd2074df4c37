import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Database } from 'node-sqlite3-wasm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore, InvalidArgumentError, type BomQuery, type TrainingBOM } from '../../../src';
import { allPages, corpus, corpusQueries, DIGESTS, expectedIds, NASTY, queryCorpus } from '../../helpers/query-corpus';
import { rejection } from '../../helpers/rejection';
import { storeBom } from '../../helpers/store-contract';

const QUERIES: BomQuery[] = [
  {},
  { dataset: DIGESTS[0] },
  { dataset: DIGESTS[1].slice('sha256:'.length).toUpperCase() },
  { dataset: "it's" }, { dataset: '100%' }, { dataset: 'a_b' }, { dataset: 'é' },
  ...NASTY.map((f) => ({ features: [f] })),
  { features: ['x', 'a_b'] },
  { modelType: 'RF' }, { modelType: 'r%f' }, { modelArchitecture: 'dense' },
  { params: { seed: 1 } }, { params: { lr: 0.1 } }, { params: { lr: '0.1' } }, { params: { lr: true } }, { params: { lr: '{"a":1}' } },
  { params: { 'x\u0000y': 'v' } }, { params: { seed: 2, lr: 'true' } },
  ...(['>=', '>', '<=', '<', '=', '!='] as const).map((op) => ({ metrics: [{ key: 'accuracy', op, value: 0.9 }] })),
  { metrics: [{ key: 'accuracy', op: '=', value: 0 }] },
  { metrics: [{ key: '😀', op: '>', value: 3 }, { key: 'accuracy', op: '>', value: 0.5 }] },
  { since: Date.parse('2024-09-02T10:00:00Z') }, { until: new Date('2024-09-03T00:00:00Z') },
  { since: 0, until: Date.parse('2024-09-05T00:00:00Z'), modelType: 'MLP' },
  { sweep: 'p1' }, { sweep: "p'2" }, { sweep: 'p%3' },
  { dataset: DIGESTS[2], modelType: 'RF', metrics: [{ key: 'accuracy', op: '>=', value: 0.9 }] },
  { orderBy: 'metric:accuracy' }, { orderBy: 'metric:accuracy', descending: true }, { descending: true },
  { orderBy: 'metric:x', descending: true, features: ['é'] }, { orderBy: 'metric:absent' },
];

describe('FileBomStore.query', function () {
  this.timeout(60_000);
  const boms = corpus(150);
  let dir: string;
  let store: FileBomStore;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'training-bom-query-'));
    store = new FileBomStore(dir);
    for (const bom of boms) await store.put(bom, { deferDirectorySync: true });
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives exactly the reference answer (bomMatchesQuery, nulls last, ties by id) for every condition kind, through every page', async () => {
    for (const query of QUERIES) {
      for (const limit of [1, 7, 1000]) {
        const got = await allPages((q) => store.query(q), { ...query, limit });
        expect(got, JSON.stringify(query)).to.deep.equal(expectedIds(boms, query));
      }
    }
  });

  it('gives the MlflowBomStore\'s answers to the corpus of the MLflow store tests (ids whose code-point and code-unit orders differ), through every page', async () => {
    const common = queryCorpus(48, 'common');
    const commonDir = mkdtempSync(join(tmpdir(), 'training-bom-query-common-'));
    try {
      const commonStore = new FileBomStore(commonDir);
      for (const bom of common) await commonStore.put(bom, { deferDirectorySync: true });
      expect(common.some((b) => b.id.includes('\uFF21')) && common.some((b) => b.id.includes('😀')), 'the corpus holds ids the two orders disagree on').to.equal(true);
      for (const query of corpusQueries()) {
        for (const limit of [1, 5, 1000]) {
          expect(await allPages((q) => commonStore.query(q), { ...query, limit }), JSON.stringify(query)).to.deep.equal(expectedIds(common, query));
        }
      }
      expect((await commonStore.list()).map((s) => s.id), 'list, from the index').to.deep.equal(expectedIds(common, {}));
    } finally {
      rmSync(commonDir, { recursive: true, force: true });
    }
  });

  it('matches something for most queries (the corpus is not vacuous)', () => {
    expect(QUERIES.filter((q) => expectedIds(boms, q).length > 0).length).to.be.greaterThan(QUERIES.length * 0.8);
  });

  it('refuses hostile page tokens with an InvalidArgumentError naming query.pageToken', async () => {
    const first = await store.query({ limit: 3 });
    const other = await store.query({ limit: 3, modelType: 'RF' });
    const forge = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const digest = (JSON.parse(Buffer.from(first.nextPageToken!, 'base64url').toString()) as unknown[])[1];
    const tokens = ['garbage!', 'x'.repeat(5000), forge({}), forge([1, 'x', 1, 'a']), forge([2, 'x', null, 'a']), other.nextPageToken!,
      forge([1, digest, 'not a number', 'a']),
      forge([1, digest, 1, '\ud800']), forge([1, digest, 1, 'a']).slice(0, -2)];
    for (const pageToken of tokens) {
      const error = await rejection(store.query({ limit: 3, pageToken }));
      expect(error, pageToken.slice(0, 40)).to.be.instanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).to.equal('query.pageToken');
    }
  });

  it('refuses a malformed query naming the field', async () => {
    const error = await rejection(store.query({ metrics: [{ key: 'a', op: '~' as '=', value: 1 }] }));
    expect((error as InvalidArgumentError).argument).to.equal('query.metrics.0.op');
  });

  it('answers an empty page for a store that does not exist, creating nothing', async () => {
    const missing = join(dir, 'nope');
    expect(await new FileBomStore(missing).query({ modelType: 'RF' })).to.deep.equal({ items: [] });
    expect(await new FileBomStore(missing).list()).to.deep.equal([]);
    expect(readdirSync(dir)).to.not.include('nope');
  });
});

describe('FileBomStore index', function () {
  this.timeout(60_000);
  let dir: string;
  let store: FileBomStore;
  const bom = (id: string, type = 'RF'): TrainingBOM => storeBom(id, undefined, type);
  const ids = async (q: BomQuery = {}): Promise<string[]> => (await store.query(q)).items.map((s) => s.id);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'training-bom-index-'));
    store = new FileBomStore(dir);
    await store.put(bom('a'));
    await store.put(bom('b', 'MLP'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sees BOM files copied in, replaced and removed by something other than the store', async () => {
    expect(await ids({ modelType: 'RF' })).to.deep.equal(['a']);
    writeFileSync(join(dir, 'c.json'), bom('c').toJSONString(2));
    expect(await ids({ modelType: 'RF' })).to.have.members(['a', 'c']);
    writeFileSync(join(dir, '.tmp'), bom('b', 'RF').toJSONString(2));
    renameSync(join(dir, '.tmp'), join(dir, 'b.json'));
    expect(await ids({ modelType: 'RF' })).to.have.members(['a', 'b', 'c']);
    rmSync(join(dir, 'a.json'));
    expect(await ids({ modelType: 'RF' })).to.have.members(['b', 'c']);
  });

  it('is rebuilt when missing, corrupt or left locked by a crashed process', async () => {
    rmSync(join(dir, '.index'), { recursive: true });
    expect(await ids()).to.have.members(['a', 'b']);
    const db = readdirSync(join(dir, '.index')).find((n) => n.endsWith('.sqlite'))!;
    writeFileSync(join(dir, '.index', db), 'not a database at all, just text'.repeat(200));
    expect(await ids()).to.have.members(['a', 'b']);
    mkdirSync(join(dir, '.index', `${db}.lock`));
    expect(await ids()).to.have.members(['a', 'b']);
  });

  it('is rebuilt when it is of another format version', async () => {
    const path = join(dir, '.index', readdirSync(join(dir, '.index')).find((n) => n.endsWith('.sqlite'))!);
    const db = new Database(path);
    db.run("UPDATE meta SET value = '0' WHERE key = 'format'");
    db.run('DELETE FROM boms');
    db.close();
    expect(await ids()).to.have.members(['a', 'b']);
  });

  it('removes the index files of an older format when it builds the current one', async () => {
    const index = join(dir, '.index');
    const current = readdirSync(index).find((n) => /^boms-v\d+\.sqlite$/.test(n))!;
    rmSync(join(index, current));
    writeFileSync(join(index, 'boms-v1.sqlite'), 'an index of format 1');
    writeFileSync(join(index, 'boms-v1.sqlite-journal'), '');
    expect(await ids()).to.have.members(['a', 'b']);
    expect(readdirSync(index).filter((n) => n.startsWith('boms-v'))).to.deep.equal([current]);
  });

  it('keeps reporting files that are not BOMs to list.onSkip once indexed, and leaves them out of queries', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"id": 1}');
    for (let i = 0; i < 2; i++) {
      const skipped: string[] = [];
      const listed = await store.list({ onSkip: (path) => skipped.push(path) });
      expect(listed.map((s) => s.id)).to.have.members(['a', 'b']);
      expect(skipped).to.deep.equal([join(dir, 'broken.json')]);
    }
    expect(await ids()).to.have.members(['a', 'b']);
  });

  it('follows put and delete without a resync', async () => {
    await store.put(bom('c'));
    expect(await store.delete('a')).to.equal(true);
    expect(await ids({ modelType: 'RF' })).to.deep.equal(['c']);
  });

  it('builds again from the files on reindex (after an edit in place, which the directory does not show)', async () => {
    writeFileSync(join(dir, 'a.json'), bom('a', 'MLP').toJSONString(2));
    await store.reindex();
    expect(await ids({ modelType: 'MLP' })).to.have.members(['a', 'b']);
  });
});
