/**
 * Exactly once under concurrency, on MLflow's production topology (`npm run test:postgresql`: PostgreSQL,
 * four server workers): 8 ranks × 50,000 points (NaN and ±Infinity among them) logged concurrently into
 * one run, every point stored exactly once, counted in the database itself; then the same with one rank
 * SIGKILLed halfway and recovered from its journal. On SQLite (one worker, writes serialised) there are no
 * concurrent writers to speak of, so the file runs only in the PostgreSQL pass.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { TrainingBOM } from '../../../src';
import { CLI } from '../../helpers/cli';
import { mlflowServer, mlflowTestBackend, type MlflowTestServer } from '../../helpers/mlflow-server';
import { postgresServer } from '../../helpers/postgres-server';
import { rankPoint } from '../../helpers/rank-worker';
import { envWithoutMlflow, runProcess } from '../../helpers/run-process';
import { spawnRank, type DistributedRunSetup } from '../../helpers/distributed-run';

const RANKS = 8;
const POINTS = 50_000;
const KEYS = 10;

/** Per key (with its rank's prefix): points and NaN points expected from ranks 0..RANKS-1, `short` rank stopping at `shortAt`. */
function expected(short?: { rank: number; at: number }): Map<string, string> {
  const out = new Map<string, { n: number; nan: number }>();
  for (let rank = 0; rank < RANKS; rank++) {
    const points = short?.rank === rank ? short.at : POINTS;
    for (let i = 0; i < points; i++) {
      const p = rankPoint(rank, i, KEYS);
      const key = `${rank === 0 ? '' : `rank${rank}/`}${p.key}`;
      const c = out.get(key) ?? { n: 0, nan: 0 };
      c.n++;
      if (Number.isNaN(p.value)) c.nan++;
      out.set(key, c);
    }
  }
  return new Map([...out].map(([k, c]) => [k, `${c.n}|${c.nan}`]));
}

describe('exactly once: 8 ranks × 50,000 points into one run on PostgreSQL-backed MLflow', function () {
  this.timeout(900_000);
  let server: MlflowTestServer;
  let dir: string;

  before(async function () {
    if (mlflowTestBackend() !== 'postgresql') this.skip(); // runs in `npm run test:postgresql`
    this.timeout(120_000);
    server = await mlflowServer();
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'training-bom-distributed-scale-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Per key: "points|NaN points" as the metrics table holds them for the run. */
  async function storedInDatabase(runId: string): Promise<Map<string, string>> {
    const pg = await postgresServer();
    const database = /^postgresql\+psycopg2:\/\/[^/]*\/([^?]+)/.exec(server.backendStoreUri)?.[1] ?? '';
    const rows = pg.query(database, `SELECT key, count(*), sum(CASE WHEN is_nan THEN 1 ELSE 0 END) FROM metrics WHERE run_uuid = '${runId.replace(/[^0-9a-f]/g, '')}' GROUP BY key`);
    return new Map(rows.trim().split('\n').filter((l) => l !== '').map((line) => {
      const [key, n, nan] = line.split('|');
      return [key, `${n}|${nan}`];
    }));
  }

  /**
   * The run's metrics as stored, without the query index (`training_bom.q.*`: the start and one metric per BOM
   * metric, written once by the owner with the BOM: docs/store.md), which is checked to be there, one point each.
   */
  async function trainingMetrics(runId: string): Promise<Record<string, string>> {
    const stored = [...(await storedInDatabase(runId))];
    const index = stored.filter(([key]) => key.startsWith('training_bom.q.'));
    expect(index.map(([, counts]) => counts), 'the query index: the start and each BOM metric, once').to.deep.equal(Array.from({ length: 1 + RANKS * KEYS }, () => '1|0'));
    expect(index.map(([key]) => key)).to.include('training_bom.q.start_ms');
    return Object.fromEntries(stored.filter(([key]) => !key.startsWith('training_bom.q.')));
  }

  const setup = (): DistributedRunSetup => ({ server, experiment: `scale-${randomUUID()}`, trainingId: `job-${randomUUID()}`, dir, worldSize: RANKS, points: POINTS, keys: KEYS });

  it('stores every point exactly once, and the BOM names every rank done', async () => {
    const s = setup();
    const began = Date.now();
    const outcomes = await Promise.all(Array.from({ length: RANKS }, (_, rank) => spawnRank(s, rank)));
    const seconds = (Date.now() - began) / 1000;
    outcomes.forEach((o, rank) => expect(o.status, `rank ${rank}: ${o.stderr}`).to.equal(0));
    const runId = (JSON.parse(outcomes[0].stdout.trim().split('\n').pop() as string) as { runId: string }).runId;
    expect(await trainingMetrics(runId)).to.deep.equal(Object.fromEntries(expected()));
    const bom = TrainingBOM.parse(readFileSync(join(dir, 'bom.json'), 'utf8'));
    const distributed = bom.additionalValues?.['distributed'] as { ranks: { status: string; points: number }[]; lost_ranks: number[] };
    expect(distributed.lost_ranks).to.deep.equal([]);
    expect(distributed.ranks.map((r) => [r.status, r.points])).to.deep.equal([['owner', POINTS], ...Array.from({ length: RANKS - 1 }, () => ['done', POINTS])]);
    expect(Object.keys(bom.mlflowMetrics)).to.have.length(RANKS * KEYS);
    process.stderr.write(`      [${RANKS} ranks × ${POINTS} points durable in MLflow after ${seconds.toFixed(1)} s, processes' start-up included]\n`);
  });

  it('delivers a rank SIGKILLed halfway from its journal into the same run and rank, exactly once', async () => {
    const s = setup();
    const others = Array.from({ length: RANKS }, (_, rank) => rank).filter((rank) => rank !== 5).map((rank) => spawnRank(s, rank));
    const killed = await spawnRank(s, 5, { KILL_AT: String(POINTS / 2) });
    expect(killed.status, 'killed by SIGKILL').to.equal(null);
    const { journal } = JSON.parse(killed.stdout.trim().split('\n')[0]) as { journal: string };
    const recovered = await runProcess(process.execPath, [CLI, 'recover', journal, '--store', join(dir, 'store')], {
      cwd: dir, env: { ...envWithoutMlflow(), MLFLOW_TRACKING_URI: server.url }, timeoutMs: 300_000,
    });
    expect(recovered.status, recovered.stderr + recovered.stdout).to.equal(0);
    const outcomes = await Promise.all(others);
    outcomes.forEach((o) => expect(o.status, o.stderr).to.equal(0));
    const runId = (JSON.parse(outcomes[0].stdout.trim().split('\n').pop() as string) as { runId: string }).runId;
    expect(await trainingMetrics(runId)).to.deep.equal(Object.fromEntries(expected({ rank: 5, at: POINTS / 2 })));
    const bom = TrainingBOM.parse(readFileSync(join(dir, 'bom.json'), 'utf8'));
    const distributed = bom.additionalValues?.['distributed'] as { ranks: { rank: number; status: string; points: number }[]; recovered_ranks: number[] };
    expect(distributed.recovered_ranks).to.deep.equal([5]);
    expect(distributed.ranks[5]).to.include({ rank: 5, status: 'recovered', points: POINTS / 2 });
  });
});
