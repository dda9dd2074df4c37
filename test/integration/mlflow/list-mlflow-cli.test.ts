/** `training-bom list --mlflow [experiment]` as a spawned process against the real MLflow server. */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { MlflowBomStore, MlflowClient } from '../../../src';
import type { BomSummary } from '../../../src/store/bom-summary';
import { CLI } from '../../helpers/cli';
import { mlflowServer } from '../../helpers/mlflow-server';
import { expectedIds, queryCorpus } from '../../helpers/query-corpus';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';

describe('training-bom list --mlflow (spawned, real MLflow server)', function () {
  this.timeout(120_000);
  let url: string;
  const experiment = `list-mlflow-${randomUUID()}`;
  const corpus = queryCorpus(12, 'cli');

  before(async () => {
    url = (await mlflowServer()).url;
    const client = new MlflowClient({ trackingUri: url, env: {} });
    const store = new MlflowBomStore({ client, experimentName: experiment });
    await Promise.all(corpus.map((b) => store.put(b)));
    await client.close();
  });

  const list = (args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): ReturnType<typeof runProcess> =>
    runProcess(process.execPath, [CLI, 'list', ...args], { cwd: process.cwd(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: url, ...extraEnv } });

  it('prints the experiment\'s BOMs that match, in the query\'s order, as JSON', async () => {
    const r = await list(['--mlflow', experiment, '--model-type', 'XGB', '--since', '2025-01-01T01:00:00Z', '--json']);
    expect(r.status, r.stderr).to.equal(0);
    const ids = (JSON.parse(r.stdout) as BomSummary[]).map((s) => s.id);
    expect(ids).to.deep.equal(expectedIds(corpus, { modelType: 'XGB', since: Date.UTC(2025, 0, 1, 1) }));
    expect(ids).to.not.deep.equal([]);
  });

  it('answers every query option: dataset, feature, architecture, param, metric condition, order and limit', async () => {
    const cases: Array<[readonly string[], Parameters<typeof expectedIds>[1]]> = [
      [['--dataset', `sha256:${'a'.repeat(64)}`], { dataset: `sha256:${'a'.repeat(64)}` }],
      [['--dataset', "file:///data/it's.csv"], { dataset: "file:///data/it's.csv" }],
      [['--feature', "it's", '--feature', '`tick`'], { features: ["it's", '`tick`'] }],
      [['--architecture', '`arch`', '--param', 'lr=0.1'], { modelArchitecture: '`arch`', params: { lr: '0.1' } }],
      [['--in-sweep', "par'ent`"], { sweep: "par'ent`" }],
      [['--metric', 'accuracy>=0.9', '--metric', 'loss<0.5', '--order-by', 'metric:accuracy', '--desc'], { metrics: [{ key: 'accuracy', op: '>=', value: 0.9 }, { key: 'loss', op: '<', value: 0.5 }], orderBy: 'metric:accuracy', descending: true }],
    ];
    for (const [args, query] of cases) {
      const r = await list(['--mlflow', experiment, ...args, '--json']);
      expect(r.status, r.stderr).to.equal(0);
      const ids = (JSON.parse(r.stdout) as BomSummary[]).map((s) => s.id);
      expect(ids, args.join(' ')).to.deep.equal(expectedIds(corpus, query));
      expect(ids, args.join(' ')).to.not.deep.equal([]);
    }
    const first = await list(['--mlflow', experiment, '--limit', '2', '--json']);
    const token = /^more: --page-token (\S+)$/m.exec(first.stderr)?.[1] as string;
    expect(token, first.stderr).to.be.a('string');
    const second = await list(['--mlflow', experiment, '--limit', '2', '--page-token', token, '--json']);
    const ids = [...(JSON.parse(first.stdout) as BomSummary[]), ...(JSON.parse(second.stdout) as BomSummary[])].map((s) => s.id);
    expect(ids).to.deep.equal(expectedIds(corpus, {}).slice(0, 4));
  });

  it('refuses a malformed metric condition or param as a usage error', async () => {
    for (const args of [['--metric', 'accuracy>>0.9'], ['--metric', '>=0.9'], ['--metric', 'accuracy>=x'], ['--metric', 'accuracy'], ['--param', 'novalue']]) {
      const r = await list(['--mlflow', experiment, ...args]);
      expect(r.status, args.join(' ')).to.not.equal(0);
      expect(r.stderr).to.match(/expected|takes a condition|must be a finite number/);
    }
  });

  it('takes the experiment from MLFLOW_EXPERIMENT_NAME when --mlflow names none, and prints a table', async () => {
    const r = await list(['--mlflow'], { MLFLOW_EXPERIMENT_NAME: experiment });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include(`${corpus.length} BOMs in MLflow experiment ${experiment}`);
  });

  it('exits 1 with the reason for a malformed query, and 2-4 when MLflow does not answer', async () => {
    const bad = await list(['--mlflow', experiment, '--model-type', '']);
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.match(/query\.modelType/);
    const down = await runProcess(process.execPath, [CLI, 'list', '--mlflow', experiment], { cwd: process.cwd(), env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: 'http://127.0.0.1:9', MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' } });
    expect(down.status).to.be.within(2, 4);
  });

  it('indexes runs stored before the query index with --reindex, and finds them then', async () => {
    const client = new MlflowClient({ trackingUri: url, env: {} });
    const name = `list-mlflow-old-${randomUUID()}`;
    const [bom] = queryCorpus(1, 'cli-old');
    const runId = /^runs:\/([0-9a-f]{32})\//.exec(await new MlflowBomStore({ client, experimentName: name }).put(bom))?.[1] as string;
    for (const key of Object.keys((await client.getRun(runId)).tags).filter((k) => k.startsWith('training_bom.q.'))) await client.setTag(runId, key, '');
    await client.close();
    const before = await list(['--mlflow', name, '--model-type', bom.modelInfo.type, '--json']);
    expect(JSON.parse(before.stdout)).to.deep.equal([]);
    const after = await list(['--mlflow', name, '--model-type', bom.modelInfo.type, '--reindex', '--json']);
    expect(after.status, after.stderr).to.equal(0);
    expect(after.stderr).to.include('indexed 1 run (0 already indexed, 0 skipped)');
    expect((JSON.parse(after.stdout) as BomSummary[]).map((s) => s.id)).to.deep.equal([bom.id]);
  });
});
