/**
 * Distributed training into one MLflow run (docs/distributed.md): the conventions by which ranks meet in the
 * run — the tags each rank writes about itself, the prefix that keeps its keys apart — and the reading of
 * those tags back into `RankReport`s, which the owner polls for. MLflow (with its SQL database) is the only
 * shared place: no coordinator, no other server.
 */
import { InvalidArgumentError } from '../../errors';
import type { DistributedRunReport, RankEnvironment, RankReport } from '../../models/distributed-run';
import type { RunEvent } from '../../events/run-event';
import { rankEnvironment } from '../../reproducibility/environment/rank-environment';
import type { MlflowClient } from '../client/mlflow-client';
import type { MlflowRun } from '../client/types';
import type { MlflowRunData } from './event-mapping';

/** Options of a sink that is one rank of a distributed run ({@link MlflowRunSinkOptions.distributed}). */
export interface DistributedRunOptions {
  /** This process's rank, 0 ≤ rank < worldSize. The owner (rank 0 unless `ownerRank` says otherwise) creates the run and finalizes the BOM. */
  readonly rank: number;
  /** How many ranks contribute to the run. */
  readonly worldSize: number;
  /** The rank that owns the run (default 0). */
  readonly ownerRank?: number;
  /**
   * The prefix of this rank's metric and param keys in MLflow (default: none for the owner, `rank<k>/`
   * for the others), so that every rank can log `loss` and MLflow keeps them apart.
   */
  readonly keyPrefix?: string;
  /** How long a non-owner rank waits for the owner's run to appear in MLflow, in ms (default 120,000). */
  readonly joinTimeoutMs?: number;
}

/** The validated distributed options, defaults applied. */
export interface RankChoice {
  readonly rank: number;
  readonly worldSize: number;
  readonly ownerRank: number;
  readonly keyPrefix: string;
  readonly joinTimeoutMs: number;
  readonly owner: boolean;
}

/** Tag names of the distributed conventions. */
export const RANK_TAGS = Object.freeze({
  worldSize: 'training_bom.world_size',
  ownerRank: 'training_bom.owner_rank',
  status: (rank: number): string => `training_bom.rank.${rank}.status`,
  points: (rank: number): string => `training_bom.rank.${rank}.points`,
  environment: (rank: number): string => `training_bom.rank.${rank}.environment`,
  keyPrefix: (rank: number): string => `training_bom.rank.${rank}.key_prefix`,
});

const DEFAULT_JOIN_TIMEOUT_MS = 120_000;

function wholeNumber(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(path, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** Validates the options and applies the defaults. @throws InvalidArgumentError naming the option. */
export function rankChoice(options: DistributedRunOptions): RankChoice {
  const worldSize = wholeNumber('distributed.worldSize', options.worldSize, 1, 100_000);
  const rank = wholeNumber('distributed.rank', options.rank, 0, worldSize - 1);
  const ownerRank = wholeNumber('distributed.ownerRank', options.ownerRank ?? 0, 0, worldSize - 1);
  const owner = rank === ownerRank;
  const keyPrefix = options.keyPrefix ?? (owner ? '' : `rank${rank}/`);
  if (typeof keyPrefix !== 'string') throw new InvalidArgumentError('distributed.keyPrefix', 'must be a string');
  const joinTimeoutMs = wholeNumber('distributed.joinTimeoutMs', options.joinTimeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS, 0);
  return { rank, worldSize, ownerRank, keyPrefix, joinTimeoutMs, owner };
}

/** The choice as the journal keeps it, so that `recover` continues as the same rank. */
export function rankJournalState(choice: RankChoice): { rank: number; world_size: number; owner_rank: number; key_prefix: string } {
  return { rank: choice.rank, world_size: choice.worldSize, owner_rank: choice.ownerRank, key_prefix: choice.keyPrefix };
}

/** The options a journal's state recorded, or undefined when the run was not distributed. */
export function rankOptionsOfJournal(state: Readonly<Record<string, unknown>> | undefined): DistributedRunOptions | undefined {
  const d = state?.['distributed'];
  if (d === null || typeof d !== 'object') return undefined;
  const r = d as Record<string, unknown>;
  if (typeof r['rank'] !== 'number' || typeof r['world_size'] !== 'number') return undefined;
  return {
    rank: r['rank'], worldSize: r['world_size'],
    ...(typeof r['owner_rank'] === 'number' ? { ownerRank: r['owner_rank'] } : {}),
    ...(typeof r['key_prefix'] === 'string' ? { keyPrefix: r['key_prefix'] } : {}),
  };
}

function parseEnvironment(text: string | undefined): RankEnvironment | null {
  if (text === undefined) return null;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const str = (k: string): string => (typeof v[k] === 'string' ? v[k] : '');
    const num = (k: string): number => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? v[k] : 0);
    return {
      host: str('host'), node: str('node'), platform: str('platform'), cpus: num('cpus'),
      cpuModel: typeof v['cpuModel'] === 'string' ? v['cpuModel'] : null, memoryBytes: num('memoryBytes'),
      accelerators: Array.isArray(v['accelerators']) ? v['accelerators'].filter((a): a is string => typeof a === 'string') : [],
      pid: num('pid'),
    };
  } catch {
    return null;
  }
}

/** Whether `rank` has reported its end (done or recovered) in the run's tags. */
export function rankEnded(run: MlflowRun, rank: number): boolean {
  const status = run.tags[RANK_TAGS.status(rank)];
  return status === 'done' || status === 'recovered';
}

/** Every non-owner rank's report as the run's tags, params and latest metrics say now. */
export function rankReports(run: MlflowRun, choice: RankChoice): DistributedRunReport {
  const reports: RankReport[] = [];
  for (let rank = 0; rank < choice.worldSize; rank++) {
    if (rank === choice.ownerRank) continue;
    const status = run.tags[RANK_TAGS.status(rank)];
    const keyPrefix = run.tags[RANK_TAGS.keyPrefix(rank)] ?? `rank${rank}/`;
    const params: Record<string, string> = {};
    const metrics: Record<string, number> = {};
    if (keyPrefix !== '') {
      for (const key of Object.keys(run.params)) if (key.startsWith(keyPrefix)) params[key] = run.params[key];
      for (const key of Object.keys(run.metrics)) if (key.startsWith(keyPrefix)) metrics[key] = run.metrics[key].value;
    }
    const points = Number(run.tags[RANK_TAGS.points(rank)] ?? 0);
    reports.push({
      rank, status: status === 'done' || status === 'recovered' ? status : 'lost', keyPrefix,
      points: Number.isSafeInteger(points) && points >= 0 ? points : 0,
      environment: parseEnvironment(run.tags[RANK_TAGS.environment(rank)]), params, metrics,
    });
  }
  return { worldSize: choice.worldSize, ownerRank: choice.ownerRank, ranks: reports };
}

/** A rank's share of an event's MLflow data: its params under its key prefix; at start, the tags that say who it is. */
export function rankData(rank: RankChoice, data: MlflowRunData, event: RunEvent): MlflowRunData {
  const params = rank.keyPrefix === '' ? data.params : data.params.map((p) => ({ key: `${rank.keyPrefix}${p.key}`, value: p.value }));
  const tags = [...data.tags];
  if (event.type === 'start') {
    tags.push({ key: RANK_TAGS.keyPrefix(rank.rank), value: rank.keyPrefix });
    tags.push({ key: RANK_TAGS.environment(rank.rank), value: JSON.stringify(rankEnvironment(undefined)) });
    if (rank.owner) tags.push({ key: RANK_TAGS.worldSize, value: String(rank.worldSize) }, { key: RANK_TAGS.ownerRank, value: String(rank.ownerRank) });
  } else if (event.type === 'environment') {
    tags.push({ key: RANK_TAGS.environment(rank.rank), value: JSON.stringify(rankEnvironment(event.environment)) });
  }
  return { ...data, params, tags };
}

/** The owner's wait: polls the run until every other rank reported its end or `timeoutMs` (default 300 s) passed. */
export async function awaitRankReports(client: MlflowClient, runId: string, rank: RankChoice, options: { readonly timeoutMs?: number; readonly pollMs?: number }): Promise<DistributedRunReport> {
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (;;) {
    const run = await client.getRun(runId);
    const waiting = Array.from({ length: rank.worldSize }, (_, k) => k).filter((k) => k !== rank.ownerRank && !rankEnded(run, k));
    if (waiting.length === 0 || Date.now() >= deadline) return rankReports(run, rank);
    await new Promise((r) => setTimeout(r, Math.min(options.pollMs ?? 500, Math.max(0, deadline - Date.now()))));
  }
}
