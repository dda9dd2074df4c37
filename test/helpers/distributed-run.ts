/** Spawning the ranks of a distributed run as processes of their own (rank-worker.ts), for the distributed tests. */
import { join, resolve } from 'node:path';
import type { MlflowTestServer } from './mlflow-server';
import { envWithoutMlflow, runProcess, type ProcessOutcome } from './run-process';

const ROOT = resolve(__dirname, '../..');
const WORKER = join(ROOT, 'test/helpers/rank-worker.ts');

export interface DistributedRunSetup {
  readonly server: MlflowTestServer;
  readonly experiment: string;
  readonly trainingId: string;
  readonly dir: string;
  readonly worldSize: number;
  readonly points: number;
  readonly keys: number;
}

/** Spawns one rank; resolves when it exits. */
export function spawnRank(setup: DistributedRunSetup, rank: number, extra: Record<string, string> = {}): Promise<ProcessOutcome> {
  const env = {
    ...envWithoutMlflow(), MLFLOW_TRACKING_URI: setup.server.url, MLFLOW_EXPERIMENT_NAME: setup.experiment, RANK: String(rank),
    WORLD_SIZE: String(setup.worldSize), TRAINING_ID: setup.trainingId, POINTS: String(setup.points), KEYS: String(setup.keys),
    JOURNAL_DIR: join(setup.dir, `journals-${rank}`), OUT: join(setup.dir, 'bom.json'), ...extra,
  };
  return runProcess(process.execPath, ['-r', 'ts-node/register/transpile-only', WORKER], { cwd: ROOT, env, timeoutMs: 600_000 });
}

