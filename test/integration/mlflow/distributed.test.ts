/**
 * Distributed training into one MLflow run and one BOM (docs/distributed.md), with real processes that
 * share no memory: every rank a child process (test/helpers/rank-worker.ts) with its own MlflowRunSink and
 * journal, meeting only in the MLflow server. Checked against MLflow's own metric history and the owner's
 * BOM: every rank's points under its prefix, its params, its environment; a rank SIGKILLed halfway
 * recovered with `training-bom recover` into the same run and rank; a rank that never came, lost.
 * `npm run test:postgresql` runs this file again on PostgreSQL with four server workers; the 8 × 50,000
 * points case is distributed-scale.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { MlflowClient, TrainingBOM } from '../../../src';
import { CLI } from '../../helpers/cli';
import { mlflowServer, type MlflowTestServer } from '../../helpers/mlflow-server';
import { rankPoint } from '../../helpers/rank-worker';
import { spawnRank, type DistributedRunSetup } from '../../helpers/distributed-run';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from '../../helpers/run-process';

/** Per key, how many points and how many of them NaN, that `rank` logs in its first `points` points. */
function expectedCounts(rank: number, points: number, keys: number, prefix: string): Map<string, { n: number; nan: number }> {
  const out = new Map<string, { n: number; nan: number }>();
  for (let i = 0; i < points; i++) {
    const p = rankPoint(rank, i, keys);
    const c = out.get(`${prefix}${p.key}`) ?? { n: 0, nan: 0 };
    c.n++;
    if (Number.isNaN(p.value)) c.nan++;
    out.set(`${prefix}${p.key}`, c);
  }
  return out;
}

/** Every point the ranks logged into the run in MLflow, per key: count and NaN count (the query index's metrics aside). */
async function storedCounts(client: MlflowClient, runId: string): Promise<Map<string, { n: number; nan: number }>> {
  const run = await client.getRun(runId);
  const out = new Map<string, { n: number; nan: number }>();
  for (const key of Object.keys(run.metrics).filter((k) => !k.startsWith('training_bom.q.'))) {
    const c = { n: 0, nan: 0 };
    for await (const m of client.getMetricHistory(runId, key, { maxResults: 25_000 })) {
      c.n++;
      if (Number.isNaN(m.value)) c.nan++;
    }
    out.set(key, c);
  }
  return out;
}

/** The journal files left in a rank's journal directory (none when the directory went too). */
function journalsLeft(directory: string): string[] {
  return existsSync(directory) ? readdirSync(directory) : [];
}

function succeeded(outcome: ProcessOutcome, what: string): Record<string, unknown> {
  expect(outcome.status, `${what} failed:\n${outcome.stderr}\n${outcome.stdout}`).to.equal(0);
  return JSON.parse(outcome.stdout.trim().split('\n').pop() as string) as Record<string, unknown>;
}

describe('distributed training into one MLflow run', function () {
  this.timeout(600_000);
  let server: MlflowTestServer;
  let client: MlflowClient;
  let dir: string;

  before(async function () {
    this.timeout(120_000);
    server = await mlflowServer();
    client = new MlflowClient({ trackingUri: server.url, env: {} });
  });
  after(async () => client?.close());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'training-bom-distributed-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const setupFor = (worldSize: number, points: number): DistributedRunSetup =>
    ({ server, experiment: `distributed-${randomUUID()}`, trainingId: `job-${randomUUID()}`, dir, worldSize, points, keys: 3 });

  it('gathers three ranks into one run and one BOM, each rank under its own prefix', async () => {
    const setup = setupFor(3, 3000);
    const outcomes = await Promise.all([0, 1, 2].map((rank) => spawnRank(setup, rank)));
    const reports = outcomes.map((o, rank) => succeeded(o, `rank ${rank}`));
    const runId = reports[0].runId as string;
    expect(reports.map((r) => r.runId)).to.deep.equal([runId, runId, runId]);
    expect(reports.map((r) => r.complete)).to.deep.equal([true, true, true]);
    // Every journal went: each rank's share was delivered.
    for (const rank of [0, 1, 2]) expect(journalsLeft(join(dir, `journals-${rank}`)), `rank ${rank} journal`).to.deep.equal([]);

    const stored = await storedCounts(client, runId);
    const expected = new Map([...expectedCounts(0, 3000, 3, ''), ...expectedCounts(1, 3000, 3, 'rank1/'), ...expectedCounts(2, 3000, 3, 'rank2/')]);
    expect(Object.fromEntries(stored)).to.deep.equal(Object.fromEntries(expected));

    const bom = TrainingBOM.parse(readFileSync(join(dir, 'bom.json'), 'utf8'));
    expect(bom.id).to.equal(setup.trainingId);
    expect(Object.keys(bom.mlflowMetrics).sort()).to.deep.equal(['m0', 'm1', 'm2', 'rank1/m0', 'rank1/m1', 'rank1/m2', 'rank2/m0', 'rank2/m1', 'rank2/m2']);
    const last = rankPoint(1, 2999, 3);
    expect(bom.mlflowMetrics[`rank1/${last.key}`]).to.equal(last.value);
    expect(bom.mlflowParams).to.include({ shard: 0, 'rank1/shard': '1', 'rank2/shard': '2' });
    const distributed = bom.additionalValues?.['distributed'] as Record<string, unknown>;
    expect(distributed).to.include({ world_size: 3, owner_rank: 0 });
    expect(distributed['lost_ranks']).to.deep.equal([]);
    const ranks = distributed['ranks'] as Record<string, unknown>[];
    expect(ranks.map((r) => [r['rank'], r['status'], r['key_prefix'], r['points']])).to.deep.equal([[0, 'owner', '', 3000], [1, 'done', 'rank1/', 3000], [2, 'done', 'rank2/', 3000]]);
    for (const r of ranks) expect(r['node']).to.equal(process.version);
    expect(new Set(ranks.map((r) => r['pid'])).size).to.equal(3);
    const run = await client.getRun(runId);
    expect(run.info.status).to.equal('FINISHED');
  });

  it('delivers a SIGKILLed rank through `training-bom recover` into the same run and rank; the BOM marks it recovered', async () => {
    const setup = setupFor(3, 3000);
    const owner = spawnRank(setup, 0);
    const done = spawnRank(setup, 1);
    const killed = await spawnRank(setup, 2, { KILL_AT: '1500' });
    expect(killed.status, 'killed by SIGKILL').to.equal(null);
    const { journal } = JSON.parse(killed.stdout.trim().split('\n')[0]) as { journal: string };
    const recovered = await runProcess(process.execPath, [CLI, 'recover', journal, '--store', join(dir, 'store')], {
      cwd: dir, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: server.url }, timeoutMs: 120_000,
    });
    expect(recovered.status, recovered.stderr + recovered.stdout).to.equal(0);
    expect(recovered.stdout).to.match(/recovered rank of distributed run/);
    expect(journalsLeft(join(dir, 'journals-2'))).to.deep.equal([]);
    const reports = [succeeded(await owner, 'owner'), succeeded(await done, 'rank 1')];
    const runId = reports[0].runId as string;

    const stored = await storedCounts(client, runId);
    const expected = new Map([...expectedCounts(0, 3000, 3, ''), ...expectedCounts(1, 3000, 3, 'rank1/'), ...expectedCounts(2, 1500, 3, 'rank2/')]);
    expect(Object.fromEntries(stored)).to.deep.equal(Object.fromEntries(expected));
    const bom = TrainingBOM.parse(readFileSync(join(dir, 'bom.json'), 'utf8'));
    const distributed = bom.additionalValues?.['distributed'] as Record<string, unknown>;
    expect(distributed['recovered_ranks']).to.deep.equal([2]);
    const rank2 = (distributed['ranks'] as Record<string, unknown>[])[2];
    expect(rank2).to.include({ rank: 2, status: 'recovered', points: 1500 });
  });

  it('records a rank that never reported done as lost, with what it delivered, after the timeout', async () => {
    const setup = setupFor(3, 1000);
    const outcomes = await Promise.all([spawnRank(setup, 0, { AWAIT_TIMEOUT_MS: '15000' }), spawnRank(setup, 1)]);
    outcomes.forEach((o, rank) => succeeded(o, `rank ${rank}`));
    const bom = TrainingBOM.parse(readFileSync(join(dir, 'bom.json'), 'utf8'));
    const distributed = bom.additionalValues?.['distributed'] as Record<string, unknown>;
    expect(distributed['lost_ranks']).to.deep.equal([2]);
    expect((distributed['ranks'] as Record<string, unknown>[])[2]).to.include({ rank: 2, status: 'lost', points: 0, host: null });
  });

  it('runs examples/distributed/train.ts as docs/distributed.md shows: N worker processes, one BOM', async () => {
    const home = join(dir, 'home');
    const run = await runProcess(process.execPath, ['-r', 'ts-node/register/transpile-only', 'examples/distributed/train.ts', '--ranks', '3', '--epochs', '30'], {
      cwd: resolve(__dirname, '../../..'), timeoutMs: 300_000,
      env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_NAME: `example-${randomUUID()}`, TRAINING_BOM_HOME: home, TS_NODE_PROJECT: 'tsconfig.test.json' },
    });
    expect(run.status, run.stderr + run.stdout).to.equal(0);
    expect(run.stdout).to.match(/Launching 3 ranks/).and.match(/written to .*: 3 ranks, MLflow run [0-9a-f]{32}/);
    const [file] = readdirSync(home).filter((f) => f.endsWith('.json'));
    const bom = TrainingBOM.parse(readFileSync(join(home, file), 'utf8'), { strict: true });
    expect(Object.keys(bom.mlflowMetrics).sort()).to.deep.equal(['accuracy', 'loss', 'rank1/accuracy', 'rank1/loss', 'rank2/accuracy', 'rank2/loss']);
    const ranks = (bom.additionalValues?.['distributed'] as { ranks: { status: string; points: number }[] }).ranks;
    expect(ranks.map((r) => [r.status, r.points])).to.deep.equal([['owner', 60], ['done', 60], ['done', 60]]);
  });
});
