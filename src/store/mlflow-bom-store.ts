import { InvalidArgumentError } from '../errors';
import { TrainingBOM } from '../models/training-bom';
import { readBomArtifact } from '../mlflow/bom/bom-artifact';
import { BOM_ARTIFACT, BOM_TAGS, MLFLOW_LIMITS } from '../mlflow/bom/conventions';
import { QUERY_INDEX_VERSION, QUERY_KEYS, queryIndexOf, runMetricKeys, writeQueryIndex } from '../mlflow/bom/query-index';
import type { MlflowClient } from '../mlflow/client/mlflow-client';
import type { MlflowRun } from '../mlflow/client/types';
import { openMlflowClient, type MlflowClientChoice } from '../mlflow/client/with-mlflow-client';
import { runsWithBomId } from '../mlflow/bom/runs-with-bom-id';
import type { MetricHistory } from '../tracker/metric-series';
import type { BomStore, BomStorePutOptions } from './bom-store';
import { encodeMetricHistories } from './history/encode-history';
import { logMissingHistory, readRunHistory } from './mlflow-history';
import type { BomSummary } from './bom-summary';
import { bomTimeMs } from './bom-time-ms';
import { normalizeBomQuery, type BomQuery, type BomQueryPage } from './bom-query';
import { mlflowSearchOfQuery } from './mlflow-query';
import { selectSummaries, type BomListOptions } from './select-summaries';
import { summaryFromRun } from './summary-from-run';

/** Options of {@link MlflowBomStore}. */
export interface MlflowBomStoreOptions extends MlflowClientChoice {
  /** The experiment `put` creates runs in and `get` / `list` search (default: `MLFLOW_EXPERIMENT_NAME`, else `Default`). */
  readonly experimentName?: string;
}

/** Options of {@link MlflowBomStore.reindex}. */
export interface ReindexOptions {
  /** Re-index every run, not only those without the current index (default false). */
  readonly all?: boolean;
  /** Told about each run skipped because its artifact is missing or not a valid BOM. */
  readonly onSkip?: (location: string, error: unknown) => void;
}

/** What {@link MlflowBomStore.reindex} did. */
export interface ReindexReport {
  /** Runs indexed now. */
  readonly indexed: number;
  /** Runs skipped: no artifact, or not a valid BOM. */
  readonly skipped: number;
  /** Runs whose index was current and left as it was. */
  readonly current: number;
}

/**
 * A {@link BomStore} in MLflow: each BOM is the `training_bom.json` artifact of a FINISHED run tagged
 * `training_bom.id` (what MlflowRunSink leaves). `put` replaces the artifact of the experiment's newest
 * FINISHED run with that tag, or creates a FINISHED run for it, and writes the run's query index; `list`
 * summarises from one paged search and `query` answers from the index (no downloads). Runs still RUNNING, FAILED or KILLED are not part of the store. Call `close()` when done.
 */
export class MlflowBomStore implements BomStore {
  private readonly client: MlflowClient;
  private readonly ownsClient: boolean;
  private readonly experimentName: string;
  private experimentId: Promise<string> | undefined;

  /** @throws InvalidArgumentError when both `client` and `clientOptions` are given. */
  constructor(options: MlflowBomStoreOptions = {}) {
    ({ client: this.client, owned: this.ownsClient } = openMlflowClient(options));
    this.experimentName = options.experimentName ?? this.client.experimentName ?? 'Default';
  }

  /**
   * Stores the BOM as the artifact of the newest FINISHED run tagged with its id (or of a new run); with
   * `options.history`, logs the points of every metric the run does not have yet (a run mirrored live by
   * MlflowRunSink has them all already, and they are left as they are).
   */
  async put(bom: TrainingBOM, options: BomStorePutOptions = {}): Promise<string> {
    if (!(bom instanceof TrainingBOM)) throw new InvalidArgumentError('bom', 'must be a TrainingBOM');
    const text = `${bom.toJSONString(2)}\n`;
    TrainingBOM.parse(text);
    if (bom.id === '' || bom.id.length > MLFLOW_LIMITS.tagValueLength) throw new InvalidArgumentError('id', `must be 1 to ${MLFLOW_LIMITS.tagValueLength} characters to be an MLflow tag`);
    if (options.history !== undefined) encodeMetricHistories(options.history);   // the same checks as a file store's, before any request
    const existing = (await this.runsWithId(bom.id))[0];
    const runId = existing?.info.runId ?? (await this.createRun(bom));
    if (options.history !== undefined) await logMissingHistory(this.client, runId, new Set(existing === undefined ? [] : runMetricKeys(existing)), options.history);
    await writeQueryIndex(this.client, runId, existing ?? { tags: {}, metrics: {} }, queryIndexOf(bom), Date.now());
    await this.client.uploadArtifact(runId, BOM_ARTIFACT, text, { contentType: 'application/json' });
    if (existing === undefined) await this.client.updateRun(runId, { status: 'FINISHED', endTime: bomTimeMs(bom.endTime) ?? Date.now() });
    return `runs:/${runId}/${BOM_ARTIFACT}`;
  }

  async get(id: string): Promise<TrainingBOM | undefined> {
    if (typeof id !== 'string' || id === '') throw new InvalidArgumentError('id', 'must be a non-empty string');
    for (const run of await this.runsWithId(id)) {
      const bom = await readBomArtifact(this.client, run);
      if (bom !== undefined && bom.id === id) return bom;
    }
    return undefined;
  }

  /**
   * The metric history of the run that holds the BOM of this id (every metric of the run, sorted by key), or
   * undefined when there is no such BOM or the run logged no metric.
   */
  async history(id: string): Promise<MetricHistory[] | undefined> {
    if (typeof id !== 'string' || id === '') throw new InvalidArgumentError('id', 'must be a non-empty string');
    for (const run of await this.runsWithId(id)) {
      const bom = await readBomArtifact(this.client, run);
      if (bom === undefined || bom.id !== id) continue;
      const keys = runMetricKeys(run);
      return keys.length === 0 ? undefined : readRunHistory(this.client, run.info.runId, keys);
    }
    return undefined;
  }

  /**
   * The BOMs that match `query`, one page, from one MLflow search on the query index the store and the sink
   * write (docs/store.md, "Queries in MLflow"); no artifact is downloaded. Runs stored before the index
   * existed match only the empty query until `reindex` indexes them.
   * @throws InvalidArgumentError for a malformed query (see {@link BomQuery} for what each field accepts); the client's errors.
   */
  async query(query: BomQuery = {}): Promise<BomQueryPage> {
    const normalized = normalizeBomQuery(query);
    const { filter, orderBy } = mlflowSearchOfQuery(normalized);
    const request = { experimentIds: [await this.experiment()], filter, orderBy, maxResults: normalized.limit };
    const page = await this.client.searchRunsPage(request, normalized.pageToken);
    return { items: page.items.map(summaryFromRun), ...(page.nextPageToken === undefined ? {} : { nextPageToken: page.nextPageToken }) };
  }

  async list(options: BomListOptions = {}): Promise<BomSummary[]> {
    const summaries: BomSummary[] = [];
    const filter = `attributes.status = 'FINISHED' and tags.\`${BOM_TAGS.bomId}\` LIKE '%'`;
    for await (const run of this.client.searchRuns({ experimentIds: [await this.experiment()], filter })) summaries.push(summaryFromRun(run));
    return selectSummaries(summaries, options);
  }

  /**
   * Writes the query index (docs/store.md, "Queries in MLflow") on the store's runs that lack it: runs stored
   * or mirrored before it existed. Reads each such run's BOM artifact once; with `all`, re-indexes every run.
   * Runs whose artifact is missing or not a valid BOM are skipped and told to `onSkip`.
   */
  async reindex(options: ReindexOptions = {}): Promise<ReindexReport> {
    const filter = `attributes.status = 'FINISHED' and tags.\`${BOM_TAGS.bomId}\` LIKE '%'`;
    let indexed = 0;
    let skipped = 0;
    let current = 0;
    for await (const run of this.client.searchRuns({ experimentIds: [await this.experiment()], filter })) {
      if (options.all !== true && run.tags[QUERY_KEYS.version] === QUERY_INDEX_VERSION) {
        current++;
        continue;
      }
      let bom: TrainingBOM | undefined;
      try {
        bom = await readBomArtifact(this.client, run);
      } catch (error) {
        options.onSkip?.(`runs:/${run.info.runId}/${BOM_ARTIFACT}`, error);
      }
      if (bom === undefined) {
        skipped++;
        continue;
      }
      await writeQueryIndex(this.client, run.info.runId, run, queryIndexOf(bom), Date.now());
      indexed++;
    }
    return { indexed, skipped, current };
  }

  /** Closes the client the store made (not one it was given); idempotent. */
  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private experiment(): Promise<string> {
    this.experimentId ??= this.client.getOrCreateExperiment(this.experimentName).then((e) => e.experimentId).catch((error: unknown) => {
      this.experimentId = undefined;
      throw error;
    });
    return this.experimentId;
  }

  /** The experiment's FINISHED runs tagged with exactly this BOM id, newest first. */
  private async runsWithId(id: string): Promise<MlflowRun[]> {
    return runsWithBomId(this.client, await this.experiment(), id);
  }

  private async createRun(bom: TrainingBOM): Promise<string> {
    const run = await this.client.createRun({
      experimentId: await this.experiment(),
      runName: bom.id.slice(0, 250),
      startTime: bomTimeMs(bom.startTime) ?? Date.now(),
      tags: { [BOM_TAGS.bomId]: bom.id },
    });
    return run.info.runId;
  }
}
