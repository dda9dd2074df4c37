import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BomValidationError, defaultStoreDirectory, FileBomStore, InvalidArgumentError, TrainingBOM, type BomSummary } from '../../../src';
import { foldsCase } from '../../../src/store/folds-case';
import { rejection } from '../../helpers/rejection';

function bom(id: string, start: string, type = 'RandomForestClassifier'): TrainingBOM {
  return new TrainingBOM({
    id, startTime: start, endTime: start,
    datasetInfo: { origin: 'iris', size: 150 },
    featureInfo: { originalFeatures: ['a', 'b'], selectedFeatures: ['a'] },
    modelInfo: { type, architecture: 'ensemble' },
    mlflowParams: { seed: 42 }, mlflowMetrics: { accuracy: 0.9 },
  });
}

const ids = (list: BomSummary[]): string[] => list.map((s) => s.id);

describe('FileBomStore', () => {
  let dir: string;
  let store: FileBomStore;

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'training-bom-store-')), 'boms');
    store = new FileBomStore(dir);
  });

  it('creates its directory on the first put and writes pretty JSON named by the id', async () => {
    const path = await store.put(bom('run-1', '2024-09-05T10:00:00.000Z'));
    expect(path).to.equal(join(dir, 'run-1.json'));
    expect(readFileSync(path, 'utf8')).to.equal(`${bom('run-1', '2024-09-05T10:00:00.000Z').toJSONString(2)}\n`);
  });

  it('gets back what it put', async () => {
    const original = bom('run-1', '2024-09-05T10:00:00.000Z');
    await store.put(original);
    expect((await store.get('run-1'))?.toJSON()).to.deep.equal(original.toJSON());
  });

  it('answers undefined for an id it does not hold, and when the directory does not exist', async () => {
    expect(await store.get('nope')).to.equal(undefined);
    expect(await store.list()).to.deep.equal([]);
  });

  it('replaces a BOM put again with the same id', async () => {
    await store.put(bom('run-1', '2024-09-05T10:00:00.000Z', 'A'));
    await store.put(bom('run-1', '2024-09-05T10:00:00.000Z', 'B'));
    expect((await store.get('run-1'))?.modelInfo.type).to.equal('B');
    expect(readdirSync(dir).filter((n) => n !== '.index')).to.deep.equal(['run-1.json']);
  });

  it('leaves no temporary file behind', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put(bom(`run-${i % 5}`, '2024-09-05T10:00:00.000Z'))));
    expect(readdirSync(dir).filter((n) => n !== '.index').sort()).to.deep.equal(['run-0.json', 'run-1.json', 'run-2.json', 'run-3.json', 'run-4.json']);
  });

  it('refuses to store an invalid BOM and writes nothing', async () => {
    const bad = bom('run-1', '2024-09-05T10:00:00.000Z');
    (bad.datasetInfo as { size: number }).size = -1;
    const error = await rejection(store.put(bad));
    expect(error).to.be.instanceOf(BomValidationError);
    expect(await store.list()).to.deep.equal([]);
  });

  it('refuses an id that would leave the directory', async () => {
    for (const id of ['../escape', '/tmp/abs', 'a/b', '..']) {
      expect(await rejection(store.put(bom(id, '2024-09-05T10:00:00.000Z')))).to.be.instanceOf(InvalidArgumentError);
      expect(await rejection(store.get(id))).to.be.instanceOf(InvalidArgumentError);
    }
    expect(readdirSync(dirname(dir))).to.deep.equal([]);
  });

  it('stores hostile but legal ids inside its directory and finds them again', async () => {
    for (const id of ['__proto__', 'constructor', 'CON', '.hidden', 'é 😀 "q"', '%2e%2e', 'x'.repeat(600)]) {
      const path = await store.put(bom(id, '2024-09-05T10:00:00.000Z'));
      expect(dirname(path)).to.equal(resolve(dir));
      expect((await store.get(id))?.id).to.equal(id);
    }
    expect(ids(await store.list())).to.have.members(['__proto__', 'constructor', 'CON', '.hidden', 'é 😀 "q"', '%2e%2e', 'x'.repeat(600)]);
  });

  it('lists by start time, then id, with BOMs whose start is not a date last', async () => {
    await store.put(bom('c', '2024-09-05T12:00:00Z'));
    await store.put(bom('b', '2024-09-05T10:00:00Z'));
    await store.put(bom('a', '2024-09-05T10:00:00Z'));
    await store.put(bom('epoch', '1725526800000'));
    await store.put(bom('naive', '2024-09-05T11:00:00'));
    await store.put(bom('z-unknown', 'yesterday'));
    expect(ids(await store.list())).to.deep.equal(['epoch', 'a', 'b', 'naive', 'c', 'z-unknown']);
  });

  it('filters by model type and by start time (since inclusive, until exclusive)', async () => {
    await store.put(bom('a', '2024-09-05T10:00:00Z', 'RF'));
    await store.put(bom('b', '2024-09-05T11:00:00Z', 'MLP'));
    await store.put(bom('c', '2024-09-05T12:00:00Z', 'RF'));
    await store.put(bom('d', 'not a time', 'RF'));
    expect(ids(await store.list({ modelType: 'RF' }))).to.deep.equal(['a', 'c', 'd']);
    expect(ids(await store.list({ since: new Date('2024-09-05T11:00:00Z') }))).to.deep.equal(['b', 'c']);
    expect(ids(await store.list({ until: Date.parse('2024-09-05T11:00:00Z') }))).to.deep.equal(['a']);
    expect(ids(await store.list({ modelType: 'RF', since: new Date('2024-09-05T10:30:00Z') }))).to.deep.equal(['c']);
  });

  it('rejects a time bound that is not a time', async () => {
    expect(await rejection(store.list({ since: new Date('nonsense') }))).to.be.instanceOf(InvalidArgumentError);
  });

  it('summarises each BOM with where it is stored', async () => {
    const path = await store.put(bom('a', '2024-09-05T10:00:00.000Z'));
    expect(await store.list()).to.deep.equal([{
      id: 'a', startTime: '2024-09-05T10:00:00.000Z', endTime: '2024-09-05T10:00:00.000Z', startTimeMs: Date.parse('2024-09-05T10:00:00Z'),
      modelType: 'RandomForestClassifier', modelArchitecture: 'ensemble', datasetOrigin: 'iris', location: path,
    }]);
  });

  it('skips files that are not BOMs when listing, telling onSkip, and ignores hidden and other files', async () => {
    await store.put(bom('a', '2024-09-05T10:00:00Z'));
    writeFileSync(join(dir, 'broken.json'), '{"id": ');
    writeFileSync(join(dir, '.a.json.123.abc.tmp'), '{');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    mkdirSync(join(dir, 'sub.json'));
    const skipped: string[] = [];
    expect(ids(await store.list({ onSkip: (location) => skipped.push(location) }))).to.deep.equal(['a']);
    expect(skipped.sort()).to.deep.equal([join(dir, 'broken.json'), join(dir, 'sub.json')]);
  });

  it('names the file when a stored BOM is corrupt', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.json'), '{"id": "a"}');
    const error = await rejection(store.get('a'));
    expect(error).to.be.instanceOf(BomValidationError);
    expect((error as Error).message).to.contain(join(dir, 'a.json'));
  });

  it('does not return a file that holds another id (what case-insensitive file systems would do)', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.json'), bom('A', '2024-09-05T10:00:00Z').toJSONString(2));
    expect(await store.get('a')).to.equal(undefined);
  });

  it('gives ids that differ only in case their own files where the file system keeps case apart', async function () {
    mkdirSync(dir, { recursive: true });
    if (await foldsCase(dir)) this.skip();
    await store.put(bom('a', '2024-09-05T10:00:00Z'));
    await store.put(bom('A', '2024-09-05T10:00:00Z'));
    expect(ids(await store.list()).sort()).to.deep.equal(['A', 'a']);
    expect(readdirSync(dir).filter((n) => n.startsWith('.') && n !== '.index')).to.deep.equal([]);
  });

  it('makes its directory again when it was removed after the first put', async () => {
    await store.put(bom('a', '2024-09-05T10:00:00Z'));
    rmSync(dir, { recursive: true });
    await store.put(bom('b', '2024-09-05T10:00:00Z'));
    expect(ids(await store.list())).to.deep.equal(['b']);
  });

  it('deletes by id', async () => {
    await store.put(bom('a', '2024-09-05T10:00:00Z'));
    expect(await store.delete('a')).to.equal(true);
    expect(await store.delete('a')).to.equal(false);
    expect(await store.get('a')).to.equal(undefined);
  });

  it('defaults to TRAINING_BOM_HOME, else ./boms', () => {
    expect(defaultStoreDirectory({ TRAINING_BOM_HOME: '/var/boms' })).to.equal('/var/boms');
    expect(defaultStoreDirectory({ TRAINING_BOM_HOME: 'rel' })).to.equal(resolve('rel'));
    expect(defaultStoreDirectory({})).to.equal(resolve('boms'));
    expect(defaultStoreDirectory({ TRAINING_BOM_HOME: '' })).to.equal(resolve('boms'));
  });
});
