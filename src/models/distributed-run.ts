/**
 * What the owner of a distributed training run learns about the other ranks (docs/distributed.md), and
 * records in the BOM as `additional_values.distributed` ({@link distributedFacts}).
 */
import type { JsonDict } from '../core/json-types';
import { safeDict } from '../core/safe-dict';
import { BomValidationError, type ValidationIssue } from '../errors';

/** How a rank ended, as the owner saw it at finalize. */
export type RankStatus = 'done' | 'recovered' | 'lost';

/** What a rank told the run about itself (tag `training_bom.rank.<k>.environment`). */
export interface RankEnvironment {
  /** Host name. */
  readonly host: string;
  /** Node.js version. */
  readonly node: string;
  /** `process.platform`/`process.arch`. */
  readonly platform: string;
  /** Logical CPUs. */
  readonly cpus: number;
  /** CPU model, when the OS says. */
  readonly cpuModel: string | null;
  /** Total memory, bytes. */
  readonly memoryBytes: number;
  /** Accelerators the process can see (Linux: NVIDIA GPUs under /proc/driver/nvidia/gpus); empty when none are visible. */
  readonly accelerators: readonly string[];
  /** Process id. */
  readonly pid: number;
}

/** One rank's share of a distributed run, read from MLflow by the owner (`MlflowRunSink.awaitRanks`). */
export interface RankReport {
  /** The rank. */
  readonly rank: number;
  /** `done` (closed normally), `recovered` (its journal was recovered after a crash), `lost` (never reported done). */
  readonly status: RankStatus;
  /** The prefix of its keys. */
  readonly keyPrefix: string;
  /** Metric points it delivered (the count it reported with its last batch). */
  readonly points: number;
  /** Its environment, when it got as far as reporting it. */
  readonly environment: RankEnvironment | null;
  /** Its params, prefixed keys as in MLflow. */
  readonly params: Readonly<Record<string, string>>;
  /** The latest value of each of its metrics, prefixed keys as in MLflow. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Every other rank of a distributed run, as the owner saw them before finalizing. */
export interface DistributedRunReport {
  /** How many ranks contributed. */
  readonly worldSize: number;
  /** The rank that owns the run and finalizes the BOM. */
  readonly ownerRank: number;
  /** Every rank but the owner, by rank. */
  readonly ranks: readonly RankReport[];
}

/** A rank's line in `additional_values.distributed.ranks` (snake_case, as the wire format is). */
function rankFacts(r: { rank: number; status: string; keyPrefix: string; points: number; environment: RankEnvironment | null }): JsonDict {
  const e = r.environment;
  return {
    rank: r.rank, status: r.status, key_prefix: r.keyPrefix, points: r.points,
    host: e?.host ?? null, node: e?.node ?? null, platform: e?.platform ?? null, cpus: e?.cpus ?? null, cpu_model: e?.cpuModel ?? null,
    memory_bytes: e?.memoryBytes ?? null, accelerators: e === null ? null : [...e.accelerators], pid: e?.pid ?? null,
  };
}

/**
 * `additional_values.distributed`: the world size, the owner, and one line per rank (the owner's first,
 * with `status: "owner"`), each with its status, key prefix, points delivered and environment.
 */
export function distributedFacts(report: DistributedRunReport, owner: { points: number; environment: RankEnvironment }): JsonDict {
  const ranks = [
    rankFacts({ rank: report.ownerRank, status: 'owner', keyPrefix: '', points: owner.points, environment: owner.environment }),
    ...[...report.ranks].sort((a, b) => a.rank - b.rank).map(rankFacts),
  ];
  const lost = report.ranks.filter((r) => r.status === 'lost').map((r) => r.rank);
  const recovered = report.ranks.filter((r) => r.status === 'recovered').map((r) => r.rank);
  return { world_size: report.worldSize, owner_rank: report.ownerRank, lost_ranks: lost, recovered_ranks: recovered, ranks };
}

const STATUSES: ReadonlySet<string> = new Set(['done', 'recovered', 'lost']);

/**
 * A {@link DistributedRunReport} from untrusted JSON (a journal record, a caller's object), checked field by
 * field; `path` prefixes the field paths of the error.
 * @throws BomValidationError listing every field that is not as it must be.
 */
export function distributedReportOf(value: unknown, path = 'report'): DistributedRunReport {
  const issues: ValidationIssue[] = [];
  const at = (p: string, message: string): void => void issues.push({ path: p, message });
  const obj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const count = (v: unknown, p: string, min = 0): number => {
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= min) return v;
    at(p, `must be an integer ≥ ${min}`);
    return min;
  };
  /** An object whose every value is of `kind` (`string` or `number`), copied into a prototype-free dict. */
  const dictOf = <T extends string | number>(v: unknown, p: string, kind: 'string' | 'number'): Record<string, T> => {
    const out = safeDict() as Record<string, T>;
    if (!obj(v)) at(p, `must be an object of ${kind}s`);
    else {
      for (const k of Object.keys(v)) {
        const item = v[k];
        if (typeof item === kind) out[k] = item as T;
        else at(`${p}.${k}`, `must be a ${kind}`);
      }
    }
    return out;
  };
  const environment = (v: unknown, p: string): RankEnvironment | null => {
    if (v === null || v === undefined) return null;
    if (!obj(v)) {
      at(p, 'must be an object or null');
      return null;
    }
    const text = (k: string): string => (typeof v[k] === 'string' ? v[k] : (at(`${p}.${k}`, 'must be a string'), ''));
    const accelerators = Array.isArray(v['accelerators']) && v['accelerators'].every((a) => typeof a === 'string') ? [...(v['accelerators'])] : (at(`${p}.accelerators`, 'must be an array of strings'), []);
    return {
      host: text('host'), node: text('node'), platform: text('platform'), cpus: count(v['cpus'], `${p}.cpus`),
      cpuModel: v['cpuModel'] === null || typeof v['cpuModel'] === 'string' ? v['cpuModel'] : (at(`${p}.cpuModel`, 'must be a string or null'), null),
      memoryBytes: count(v['memoryBytes'], `${p}.memoryBytes`), accelerators, pid: count(v['pid'], `${p}.pid`),
    };
  };
  if (!obj(value)) throw new BomValidationError([{ path, message: 'must be an object' }], 'Invalid distributed run report');
  const worldSize = count(value['worldSize'], `${path}.worldSize`, 1);
  const ownerRank = count(value['ownerRank'], `${path}.ownerRank`);
  const ranks: RankReport[] = [];
  if (!Array.isArray(value['ranks'])) at(`${path}.ranks`, 'must be an array');
  else {
    value['ranks'].forEach((r: unknown, i) => {
      const p = `${path}.ranks[${i}]`;
      if (!obj(r)) return at(p, 'must be an object');
      const rank = count(r['rank'], `${p}.rank`);
      if (rank >= worldSize || rank === ownerRank) at(`${p}.rank`, `must be a rank below ${worldSize} other than the owner's (${ownerRank})`);
      const status = typeof r['status'] === 'string' && STATUSES.has(r['status']) ? (r['status'] as RankStatus) : (at(`${p}.status`, 'must be done, recovered or lost'), 'lost');
      const keyPrefix = typeof r['keyPrefix'] === 'string' ? r['keyPrefix'] : (at(`${p}.keyPrefix`, 'must be a string'), '');
      ranks.push({
        rank, status, keyPrefix, points: count(r['points'], `${p}.points`), environment: environment(r['environment'], `${p}.environment`),
        params: dictOf<string>(r['params'], `${p}.params`, 'string'), metrics: dictOf<number>(r['metrics'], `${p}.metrics`, 'number'),
      });
    });
  }
  if (ownerRank >= worldSize) at(`${path}.ownerRank`, `must be below worldSize (${worldSize})`);
  if (issues.length > 0) throw new BomValidationError(issues, 'Invalid distributed run report');
  return { worldSize, ownerRank, ranks };
}
