/**
 * MlflowBomStore.query on the real MLflow server (SQLite here, PostgreSQL with four workers in
 * `npm run test:postgresql`): a corpus put through the store and runs mirrored by MlflowRunSink, every
 * condition kind and hostile names, each answer paged through and equal to `bomMatchesQuery` in order.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlflowBomStore, MlflowClient, MlflowRunSink, TrainingBOM, TrainingWorkflowTracker } from '../../../src';
import type { BomQuery } from '../../../src/store/bom-query';
import { mlflowServer } from '../../helpers/mlflow-server';
import { corpusQueries, expectedIds, HOSTILE_NAMES, queryCorpus } from '../../helpers/query-corpus';

const quiet = { info: (): void => undefined, warn: (): void => undefined };

async function allIds(store: MlflowBomStore, query: BomQuery): Promise<string[]> {
  const ids: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = await store.query({ ...query, pageToken });
    expect(page.items.length).to.be.at.most(query.limit ?? 1000);
    ids.push(...page.items.map((s) => s.id));
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  return ids;
}

describe('MlflowBomStore.query on a real MLflow server', function () {
  this.timeout(300_000);
  let client: MlflowClient;
  let store: MlflowBomStore;
  let experimentName: string;
  const corpus: TrainingBOM[] = [];

  async function mirror(id: string, i: number, parentRunId?: string): Promise<TrainingBOM> {
    const dir = mkdtempSync(join(tmpdir(), 'bom-query-'));
    const file = join(dir, `data-${i}.csv`);
    writeFileSync(file, `x,y\n${i},1\n`);
    const sink = new MlflowRunSink({ client, experimentName, scheduledDelayMillis: 10, ...(parentRunId === undefined ? {} : { parentRunId }) });
    const tracker = new TrainingWorkflowTracker({ sinks: [sink], logger: quiet });
    tracker.startTraining(id);
    await tracker.registerDatasetVerified(file);
    tracker.registerFeatures([HOSTILE_NAMES[0], 'zip_code'], ['zip_code']).registerModel('SinkModel', "it's").logParameters({ lr: 0.1, [HOSTILE_NAMES[3]]: 'x' });
    if (parentRunId !== undefined) tracker.registerSweep(parentRunId);
    for (let step = 0; step < 3; step++) tracker.logMetric('accuracy', 0.5 + step * 0.2 + i / 100, step);
    const bom = tracker.finalizeTraining();
    await tracker.close();
    return bom;
  }

  before(async () => {
    client = new MlflowClient({ trackingUri: (await mlflowServer()).url, env: {} });
    experimentName = `query-${randomUUID()}`;
    store = new MlflowBomStore({ client, experimentName });
    const put = queryCorpus(36);
    for (let i = 0; i < put.length; i += 6) await Promise.all(put.slice(i, i + 6).map((b) => store.put(b)));
    corpus.push(...put);
    corpus.push(await mirror("sink-'a'", 1), await mirror('sink-b', 2, 'f'.repeat(32)));
  });

  after(async () => {
    await store.close();
    await client.close();
  });

  for (const [n, query] of corpusQueries().entries()) {
    it(`answers query ${n} ${JSON.stringify(query).slice(0, 120)} as bomMatchesQuery does, page after page`, async () => {
      expect(await allIds(store, { ...query, limit: 4 })).to.deep.equal(expectedIds(corpus, query));
    });
  }

  it('finds the runs the sink mirrored by the dataset digest, features, model, params, metric and sweep', async () => {
    const [sink] = corpus.filter((b) => b.id === 'sink-b');
    const digest = (sink.additionalValues?.['dataset'] as { digest: string }).digest;
    const query: BomQuery = {
      dataset: digest, features: ['zip_code', HOSTILE_NAMES[0]], modelType: 'SinkModel', modelArchitecture: "it's",
      params: { lr: 0.1, [HOSTILE_NAMES[3]]: 'x' }, metrics: [{ key: 'accuracy', op: '>=', value: 0.9 }], sweep: 'f'.repeat(32),
    };
    expect(await allIds(store, query)).to.deep.equal(['sink-b']);
    expect((await store.query(query)).items[0]).to.deep.include({ id: 'sink-b', modelType: 'SinkModel', startTime: sink.startTime });
  });

  it('answers from a BOM put again with other values, not from the run\'s earlier index', async () => {
    const [old] = queryCorpus(1, 'replaced');
    await store.put(old);
    const json = old.toJSON() as Record<string, unknown>;
    const replaced = TrainingBOM.parse({ ...json, mlflow_metrics: { other: 1 }, mlflow_params: {}, feature_info: { original_features: [], selected_features: [] }, start_time: 'unknown', end_time: 'unknown' });
    await store.put(replaced);
    expect(await allIds(store, { dataset: 'pkg:npm/iris@1', features: [HOSTILE_NAMES[0]] })).to.not.include(old.id);
    expect(await allIds(store, { metrics: [{ key: 'accuracy', op: '<=', value: 1 }] })).to.not.include(old.id);
    expect(await allIds(store, { params: { lr: 0.1 } })).to.not.include(old.id);
    expect(await allIds(store, { since: 0 })).to.not.include(old.id);
    expect(await allIds(store, { metrics: [{ key: 'other', op: '=', value: 1 }] })).to.deep.equal([old.id]);
  });

  it('finds runs stored before the query index once reindex has indexed them', async () => {
    const name = `query-old-${randomUUID()}`;
    const oldStore = new MlflowBomStore({ client, experimentName: name });
    const [bom] = queryCorpus(1, 'old');
    const runId = /^runs:\/([0-9a-f]{32})\//.exec(await oldStore.put(bom))?.[1] as string;
    // What an earlier version left: the artifact and the summary tags, no index.
    const run = await client.getRun(runId);
    const indexTags = Object.keys(run.tags).filter((k) => k.startsWith('training_bom.q.'));
    for (const key of indexTags) await client.setTag(runId, key, '');
    const query: BomQuery = { modelType: bom.modelInfo.type };
    expect((await oldStore.query(query)).items).to.deep.equal([]);
    expect(await oldStore.reindex()).to.deep.equal({ indexed: 1, skipped: 0, current: 0 });
    expect((await oldStore.query(query)).items.map((s) => s.id)).to.deep.equal([bom.id]);
    expect(await oldStore.reindex()).to.deep.equal({ indexed: 0, skipped: 0, current: 1 });
    await oldStore.close();
  });
});
