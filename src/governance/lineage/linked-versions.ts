/**
 * The registered model versions linked to a set of runs, found by MLflow's model-version search: by the
 * version's `run_id` (batched `IN` lists), by its `training_bom.run_id` tag and by its `training_bom.id` tag
 * (one search per run or BOM: MLflow's tag filters take neither `IN` nor `OR`), a few searches at a time.
 */
import { forEachBounded } from '../../core/bounded-pool';
import { BOM_TAGS } from '../../mlflow/bom/conventions';
import type { MlflowClient } from '../../mlflow/client/mlflow-client';
import { equalsFilter, inListFilters, isPlainFilterValue } from '../../mlflow/client/search-filter';
import type { MlflowModelVersion } from '../../mlflow/client/types';
import type { LinkedModelVersion, ModelVersionLinkKind } from './lineage-types';

/** A run to find model versions for: its BOM id and, when known, its MLflow run id. */
export interface RunKey {
  readonly bomId: string;
  readonly mlflowRunId: string | undefined;
}

/** How the searches are made. */
export interface LinkedVersionSettings {
  /** `max_results` of each search page (default: the server's). */
  readonly pageSize?: number;
  /** Searches in flight at once. */
  readonly concurrency: number;
  /** Run ids per `run_id IN (…)` filter. */
  readonly batch: number;
}

/** Which fields of `mv` tie it to `run`. */
export function linkKinds(mv: MlflowModelVersion, run: RunKey): ModelVersionLinkKind[] {
  const kinds: ModelVersionLinkKind[] = [];
  if (run.mlflowRunId !== undefined && mv.runId === run.mlflowRunId) kinds.push('run_id');
  if (run.mlflowRunId !== undefined && mv.tags[BOM_TAGS.runId] === run.mlflowRunId) kinds.push('training_bom.run_id');
  if (mv.tags[BOM_TAGS.bomId] === run.bomId) kinds.push('training_bom.id');
  return kinds;
}

/** The lineage view of a model version, tied to a run by `via`. */
export function linkedVersion(mv: MlflowModelVersion, via: readonly ModelVersionLinkKind[]): LinkedModelVersion {
  return { name: mv.name, version: mv.version, status: mv.status, runId: mv.runId, linkedRunId: mv.tags[BOM_TAGS.runId], linkedBomId: mv.tags[BOM_TAGS.bomId], via };
}

const byNameThenVersion = (a: LinkedModelVersion, b: LinkedModelVersion): number =>
  (a.name < b.name ? -1 : a.name > b.name ? 1 : Number(a.version) - Number(b.version));

/**
 * For each BOM id of `runs`, the model versions linked to it, sorted by name then version.
 * @throws MlflowError when a search fails.
 */
export async function findLinkedVersions(client: MlflowClient, runs: readonly RunKey[], settings: LinkedVersionSettings): Promise<Map<string, LinkedModelVersion[]>> {
  const found = new Map<string, MlflowModelVersion>();
  const search = (filter: string, keep: (mv: MlflowModelVersion) => boolean) => async (): Promise<void> => {
    for await (const mv of client.searchModelVersions({ filter, maxResults: settings.pageSize })) {
      if (keep(mv)) found.set(`${mv.name}\u0000${mv.version}`, mv);
    }
  };
  const runIds = [...new Set(runs.map((r) => r.mlflowRunId).filter((id): id is string => id !== undefined))];
  const tasks: Array<() => Promise<void>> = [];
  const plain = new Set(runIds.filter(isPlainFilterValue));
  for (const filter of inListFilters('run_id', [...plain], settings.batch)) tasks.push(search(filter, (mv) => mv.runId !== undefined && plain.has(mv.runId)));
  const exactly = (identifier: string, value: string, read: (mv: MlflowModelVersion) => string | undefined): (() => Promise<void>) =>
    search(equalsFilter(identifier, value).filter, (mv) => read(mv) === value);
  for (const id of runIds) {
    if (!plain.has(id)) tasks.push(exactly('run_id', id, (mv) => mv.runId));
    tasks.push(exactly(`tags.\`${BOM_TAGS.runId}\``, id, (mv) => mv.tags[BOM_TAGS.runId]));
  }
  for (const bomId of new Set(runs.map((r) => r.bomId))) tasks.push(exactly(`tags.\`${BOM_TAGS.bomId}\``, bomId, (mv) => mv.tags[BOM_TAGS.bomId]));
  await forEachBounded(tasks, settings.concurrency, (task) => task());
  // Each version under every value that can tie it to a run, so that each run looks at its own few.
  const byKey = new Map<string, Set<MlflowModelVersion>>();
  const index = (key: string | undefined, mv: MlflowModelVersion): void => {
    if (key === undefined) return;
    const set = byKey.get(key) ?? new Set<MlflowModelVersion>();
    byKey.set(key, set.add(mv));
  };
  for (const mv of found.values()) {
    index(mv.runId === undefined ? undefined : `run:${mv.runId}`, mv);
    index(mv.tags[BOM_TAGS.runId] === undefined ? undefined : `run:${mv.tags[BOM_TAGS.runId]}`, mv);
    index(mv.tags[BOM_TAGS.bomId] === undefined ? undefined : `bom:${mv.tags[BOM_TAGS.bomId]}`, mv);
  }
  const out = new Map<string, LinkedModelVersion[]>();
  for (const run of runs) {
    const candidates = new Set([...(run.mlflowRunId === undefined ? [] : byKey.get(`run:${run.mlflowRunId}`) ?? []), ...(byKey.get(`bom:${run.bomId}`) ?? [])]);
    const versions = [...candidates].map((mv) => linkedVersion(mv, linkKinds(mv, run)));
    out.set(run.bomId, versions.sort(byNameThenVersion));
  }
  return out;
}
