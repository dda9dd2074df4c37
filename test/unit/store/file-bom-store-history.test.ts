import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBomStore, HistoryFormatError, InvalidArgumentError, TrainingWorkflowTracker, type Logger } from '../../../src';
import { expectSameHistories, historyOf, lossCurve } from '../../helpers/metric-histories';
import { rejection } from '../../helpers/rejection';
import { storeBom } from '../../helpers/store-contract';

const quiet: Logger = { info: () => undefined, warn: () => undefined };

describe('FileBomStore: metric history', () => {
  let dir: string;
  let store: FileBomStore;
  const history = [historyOf('loss', [0.5, 0.25, -0]), historyOf('accuracy', [0.1, 0.2, NaN])];

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'training-bom-history-')), 'boms');
    store = new FileBomStore(dir);
  });

  it('writes the history beside the BOM and leaves the BOM file exactly as without it', async () => {
    const path = await store.put(storeBom('run 1'), { history });
    expect(readdirSync(dir).filter((n) => n !== '.index').sort()).to.deep.equal(['run%201.history', 'run%201.json']);
    expect(store.historyPathOf('run 1')).to.equal(join(dir, 'run%201.history'));
    expect(readFileSync(path, 'utf8')).to.equal(`${storeBom('run 1').toJSONString(2)}\n`);
    expect(readFileSync(store.historyPathOf('run 1')).subarray(0, 5)).to.deep.equal(Buffer.from('TBMH\x01'));
  });

  it('reads back every point bit for bit, -0 included', async () => {
    await store.put(storeBom('run-1'), { history });
    expectSameHistories(await store.history('run-1'), history);
  });

  it('keeps what a tracker recorded, finalized', async () => {
    let now = 1_733_300_000_000;
    const tracker = new TrainingWorkflowTracker({ clock: { now: () => (now += 3) }, logger: quiet });
    tracker.startTraining();
    tracker.registerDataset({ origin: 'iris', size: 150 }).registerFeatures(['a', 'b'], ['a']).registerModel('RF', 'trees');
    for (let step = 0; step < 1000; step++) tracker.logMetrics({ loss: 1 / (step + 1), lr: 0.01 }, step);
    const bom = tracker.finalizeTraining();
    await store.put(bom, { history: tracker.metricHistories() });
    expectSameHistories(await store.history(bom.id), tracker.metricHistories());
    await tracker.close();
  });

  it('removes an older history when the BOM is put again without one', async () => {
    await store.put(storeBom('run-1'), { history });
    await store.put(storeBom('run-1'));
    expect(await store.history('run-1')).to.equal(undefined);
    expect(readdirSync(dir).filter((n) => n !== '.index')).to.deep.equal(['run-1.json']);
  });

  it('ignores a history that belongs to another version of the BOM (digest mismatch)', async () => {
    await store.put(storeBom('run-1'), { history });
    writeFileSync(store.pathOf('run-1'), `${storeBom('run-1', '2024-09-06T10:00:00.000Z').toJSONString(2)}\n`);
    expect(await store.history('run-1')).to.equal(undefined);
  });

  it('ignores a history file copied under another id', async () => {
    await store.put(storeBom('run-1'), { history });
    await store.put(storeBom('run-2'));
    writeFileSync(store.historyPathOf('run-2'), readFileSync(store.historyPathOf('run-1')));
    expect(await store.history('run-2')).to.equal(undefined);
  });

  it('has no history without the BOM', async () => {
    await store.put(storeBom('run-1'), { history });
    expect(await store.delete('run-1')).to.equal(true);
    expect(readdirSync(dir).filter((n) => n !== '.index')).to.deep.equal([]);
    expect(await store.history('run-1')).to.equal(undefined);
  });

  it('throws a HistoryFormatError for a corrupt history file', async () => {
    await store.put(storeBom('run-1'), { history });
    const bytes = readFileSync(store.historyPathOf('run-1'));
    writeFileSync(store.historyPathOf('run-1'), bytes.subarray(0, bytes.length - 3));
    expect(await rejection(store.history('run-1'))).to.be.instanceOf(HistoryFormatError);
  });

  it('refuses a malformed history before writing anything', async () => {
    const error = await rejection(store.put(storeBom('run-1'), { history: [historyOf('a', [1]), historyOf('a', [2])] }));
    expect(error).to.be.instanceOf(InvalidArgumentError);
    expect(await store.get('run-1')).to.equal(undefined);
  });

  it('lists the BOM once, not its history', async () => {
    await store.put(storeBom('run-1'), { history });
    expect((await store.list()).map((s) => s.id)).to.deep.equal(['run-1']);
  });

  it('keeps a million-point loss curve in at most 8 bytes a point', async () => {
    await store.put(storeBom('big'), { history: [lossCurve('loss', 1_000_000)] });
    expect(readFileSync(store.historyPathOf('big')).length / 1_000_000).to.be.at.most(8);
    expect((await store.history('big'))?.[0].length).to.equal(1_000_000);
  });
});
