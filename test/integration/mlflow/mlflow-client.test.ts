/**
 * MlflowClient against a real MLflow server (test/helpers/mlflow-server.ts): every endpoint round trip,
 * pagination, non-finite metrics, artifacts through mlflow-artifacts, registry tags, typed errors.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { MlflowClient, MlflowError, type MlflowMetric } from '../../../src';
import { FaultProxy } from '../../helpers/fault-proxy';
import { mlflowServer } from '../../helpers/mlflow-server';
import { rejection } from '../../helpers/rejection';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}


describe('MlflowClient on a real MLflow server', function () {
  let client: MlflowClient;
  let experimentId: string;

  before(async function () {
    this.timeout(120_000);
    const server = await mlflowServer();
    client = new MlflowClient({ trackingUri: server.url, env: {} });
    experimentId = (await client.getOrCreateExperiment(`client-${randomUUID()}`)).experimentId;
  });

  after(async () => client?.close());

  const newRun = async (runName = 'r'): Promise<string> => (await client.createRun({ experimentId, runName })).info.runId;

  describe('experiments', () => {
    it('returns undefined for an experiment that does not exist', async () => {
      expect(await client.getExperimentByName(`missing-${randomUUID()}`)).to.equal(undefined);
    });

    it('getOrCreateExperiment creates once and then finds the same experiment', async () => {
      const name = `exp-${randomUUID()}`;
      const first = await client.getOrCreateExperiment(name);
      const second = await client.getOrCreateExperiment(name);
      expect(second.experimentId).to.equal(first.experimentId);
      expect(first.name).to.equal(name);
      expect(first.artifactLocation).to.equal(`mlflow-artifacts:/${first.experimentId}`);
    });

    it('createExperiment on a taken name fails with RESOURCE_ALREADY_EXISTS', async () => {
      const name = `dup-${randomUUID()}`;
      await client.createExperiment(name, { tags: { team: 'fraud' } });
      const error = await rejection(client.createExperiment(name));
      expect(error).to.be.instanceOf(MlflowError).with.property('errorCode', 'RESOURCE_ALREADY_EXISTS');
      expect((await client.getExperimentByName(name))?.tags.team).to.equal('fraud');
    });
  });

  describe('runs', () => {
    it('createRun and getRun round-trip name, start time, tags and the artifact URI', async () => {
      const created = await client.createRun({ experimentId, runName: 'baseline', startTime: 1_700_000_000_000, tags: { 'source.kind': 'test' } });
      const run = await client.getRun(created.info.runId);
      expect(run.info).to.include({ runName: 'baseline', startTime: 1_700_000_000_000, status: 'RUNNING', experimentId });
      expect(run.info.artifactUri).to.equal(`mlflow-artifacts:/${experimentId}/${run.info.runId}/artifacts`);
      expect(run.tags['source.kind']).to.equal('test');
      expect(run.tags['mlflow.runName']).to.equal('baseline');
    });

    it('updateRun sets status, end time and name', async () => {
      const runId = await newRun();
      const info = await client.updateRun(runId, { status: 'FINISHED', endTime: 1_700_000_009_000, runName: 'renamed' });
      expect(info).to.include({ status: 'FINISHED', endTime: 1_700_000_009_000, runName: 'renamed' });
      expect((await client.getRun(runId)).info.status).to.equal('FINISHED');
    });

    it('setTag adds a tag', async () => {
      const runId = await newRun();
      await client.setTag(runId, 'training_bom.id', 'run-1');
      expect((await client.getRun(runId)).tags['training_bom.id']).to.equal('run-1');
    });

    it('searchRuns pages through every run with a small page size', async () => {
      const exp = (await client.getOrCreateExperiment(`search-${randomUUID()}`)).experimentId;
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add((await client.createRun({ experimentId: exp, runName: `r${i}` })).info.runId);
      const first = await client.searchRunsPage({ experimentIds: [exp], maxResults: 2 });
      expect(first.items).to.have.length(2);
      expect(first.nextPageToken).to.be.a('string');
      const all = await collect(client.searchRuns({ experimentIds: [exp], maxResults: 2 }));
      expect(new Set(all.map((r) => r.info.runId))).to.deep.equal(ids);
    });

    it('searchRuns applies a filter', async () => {
      const runId = await newRun('findme');
      await client.setTag(runId, 'marker', runId);
      const found = await collect(client.searchRuns({ experimentIds: [experimentId], filter: `tags.marker = '${runId}'` }));
      expect(found.map((r) => r.info.runId)).to.deep.equal([runId]);
    });

    it('getRun of an unknown run id fails with 404 RESOURCE_DOES_NOT_EXIST, without retrying', async () => {
      const error = await rejection(client.getRun('0123456789abcdef0123456789abcdef'));
      expect(error).to.be.instanceOf(MlflowError);
      const e = error as MlflowError;
      expect(e).to.include({ code: 'MLFLOW_HTTP', status: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST' });
      expect(e.message).to.contain('0123456789abcdef0123456789abcdef');
      expect(e.call.attempts).to.equal(1);
    });
  });

  describe('logging', () => {
    it('logBatch stores params, tags and metrics, unicode and hostile keys included', async () => {
      const runId = await newRun();
      await client.logBatch(runId, {
        params: [{ key: 'learning_rate', value: '0.01' }, { key: 'größe', value: 'groß' }, { key: '__proto__', value: 'p' }],
        tags: [{ key: 'constructor', value: 'c' }],
        metrics: [{ key: 'acc', value: 0.5, step: 0, timestamp: 1000 }, { key: 'acc', value: 0.75, step: 1, timestamp: 2000 }],
      });
      const run = await client.getRun(runId);
      expect({ ...run.params }).to.deep.equal({ learning_rate: '0.01', größe: 'groß', ['__proto__']: 'p' });
      expect(run.tags.constructor).to.equal('c');
      expect(run.metrics.acc).to.deep.equal({ key: 'acc', value: 0.75, step: 1, timestamp: 2000 });
    });

    it('logBatch sends NaN and ±Infinity in a form the server accepts', async () => {
      const runId = await newRun();
      const points: MlflowMetric[] = [NaN, Infinity, -Infinity, 1.5].map((value, step) => ({ key: 'loss', value, step, timestamp: 1000 + step }));
      await client.logBatch(runId, { metrics: points });
      const history = await collect(client.getMetricHistory(runId, 'loss'));
      const values = history.sort((a, b) => a.step - b.step).map((m) => m.value);
      expect(values[0]).to.be.NaN;
      // MLflow's SQL store clamps infinities to ±max double; NaN survives as NaN.
      expect(values.slice(1)).to.deep.equal([Number.MAX_VALUE, -Number.MAX_VALUE, 1.5]);
    });

    it('getMetricHistory pages through a long history in order', async () => {
      const runId = await newRun();
      const points = Array.from({ length: 25 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: 1000 + step }));
      await client.logBatch(runId, { metrics: points });
      const page = await client.getMetricHistoryPage(runId, 'loss', { maxResults: 10 });
      expect(page.items).to.have.length(10);
      expect(page.nextPageToken).to.be.a('string');
      const all = await collect(client.getMetricHistory(runId, 'loss', { maxResults: 10 }));
      expect(all.map((m) => m.step)).to.deep.equal(points.map((p) => p.step));
      expect(all.map((m) => m.value)).to.deep.equal(points.map((p) => p.value));
    });

    it('logInputs records a dataset with its tags', async () => {
      const runId = await newRun();
      const dataset = { name: 'transactions', digest: 'd41d8cd98f00b204', sourceType: 'local', source: '{"uri": "/data/train.csv"}', profile: '{"num_rows": 1000}' };
      await client.logInputs(runId, [{ dataset, tags: { 'mlflow.data.context': 'training' } }]);
      const [input] = (await client.getRun(runId)).datasetInputs;
      expect(input?.dataset).to.include(dataset);
      expect(input?.tags['mlflow.data.context']).to.equal('training');
    });
  });

  describe('artifacts (through mlflow-artifacts)', () => {
    let runId: string;
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);

    before(async () => {
      runId = await newRun();
      await client.uploadArtifact(runId, 'training_bom.json', '{"id": "mlflow-x"}');
      await client.uploadArtifact(runId, 'dir/sub/a b ü.bin', bytes);
    });

    it('lists the root with directories and files', async () => {
      const files = await client.listArtifacts(runId);
      expect(files).to.deep.equal([
        { path: 'dir', isDir: true, fileSize: undefined },
        { path: 'training_bom.json', isDir: false, fileSize: 18 },
      ]);
    });

    it('lists a subdirectory with run-relative paths', async () => {
      expect(await client.listArtifacts(runId, 'dir/sub')).to.deep.equal([{ path: 'dir/sub/a b ü.bin', isDir: false, fileSize: 5 }]);
    });

    it('downloads what was uploaded, byte for byte', async () => {
      expect(Buffer.from(await client.downloadArtifact(runId, 'dir/sub/a b ü.bin'))).to.deep.equal(Buffer.from(bytes));
      expect(Buffer.from(await client.downloadArtifact(runId, 'training_bom.json')).toString('utf8')).to.equal('{"id": "mlflow-x"}');
    });

    it('with maxBytes reads at most one byte past the limit, and all of an artifact within it', async () => {
      expect(Buffer.from(await client.downloadArtifact(runId, 'training_bom.json', { maxBytes: 5 })).toString('utf8')).to.equal('{"id":');
      expect(Buffer.from(await client.downloadArtifact(runId, 'training_bom.json', { maxBytes: 100 })).toString('utf8')).to.equal('{"id": "mlflow-x"}');
    });

    it('with maxBytes stops reading a chunked body that never ends (a hostile server), one byte past the limit', async function () {
      this.timeout(30_000);
      const proxy = await FaultProxy.start(client.trackingUri, { pathIncludes: '/mlflow-artifacts/artifacts/' });
      const viaProxy = new MlflowClient({ trackingUri: proxy.url, env: {}, maxRetries: 0 });
      try {
        await proxy.setMode({ kind: 'endless', chunk: 'x'.repeat(16_384) });
        const got = await viaProxy.downloadArtifact(runId, 'training_bom.json', { maxBytes: 100_000 });
        expect(got.byteLength).to.equal(100_001);
        expect(proxy.requests.filter((r) => r.path.includes('/mlflow-artifacts/artifacts/')).map((r) => r.outcome)).to.deep.equal([200]);
      } finally {
        await viaProxy.close();
        await proxy.close();
      }
    });

    it('fails with RESOURCE_DOES_NOT_EXIST for a missing artifact', async () => {
      const error = await rejection(client.downloadArtifact(runId, 'nope.json'));
      expect(error).to.be.instanceOf(MlflowError).with.property('errorCode', 'RESOURCE_DOES_NOT_EXIST');
    });

    it('uploads for a run this client has not seen (resolves its artifact root)', async () => {
      const other = new MlflowClient({ trackingUri: client.trackingUri, env: {} });
      try {
        await other.uploadArtifact(runId, 'late.txt', 'late');
      } finally {
        await other.close();
      }
      expect((await client.listArtifacts(runId)).map((f) => f.path)).to.include('late.txt');
    });
  });

  describe('model registry', () => {
    it('creates a registered model and a version, and tags the version', async () => {
      const name = `model-${randomUUID()}`;
      const runId = await newRun();
      const model = await client.createRegisteredModel(name, { description: 'fraud model', tags: { owner: 'ml' } });
      expect(model).to.include({ name, description: 'fraud model' });
      expect((await client.getRegisteredModel(name)).tags.owner).to.equal('ml');
      const version = await client.createModelVersion({ name, source: `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`, runId });
      expect(version).to.include({ name, version: '1', runId });
      await client.setModelVersionTag(name, version.version, 'training_bom.id', `mlflow-${runId}`);
      expect((await client.getModelVersion(name, '1')).tags['training_bom.id']).to.equal(`mlflow-${runId}`);
    });
  });
});
