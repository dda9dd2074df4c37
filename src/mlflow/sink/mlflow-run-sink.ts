/**
 * MlflowRunSink: mirrors a tracked run into an MLflow run, live. Assembled from parts with one job each
 * (docs/mlflow.md, "How the sink is built"): event-mapping.ts says what MLflow gets for each event,
 * pending-run-data.ts holds the params, tags and inputs waiting, a {@link MetricQueue} holds the points
 * (in memory, or as a bounded cache of the tracker's journal), batch-exporter.ts sends in the background
 * and mlflow-run-handle.ts creates, resumes and ends the run. This file wires them and says what one
 * export sends.
 */
import { systemClock } from '../../core/clock';
import { MlflowConnectionError, MlflowError, TrackerStateError } from '../../errors';
import type { TrainingBOM } from '../../models/training-bom';
import type { RunEvent, RunStartEvent } from '../../events/run-event';
import type { SinkDeliveryReport, TrackerSink } from '../../events/tracker-sink';
import { acceptJournal } from '../../journal/sink-journal';
import { BOM_ARTIFACT, MLFLOW_LIMITS } from '../bom/conventions';
import type { MlflowClient } from '../client/mlflow-client';
import { openMlflowClient } from '../client/with-mlflow-client';
import { RETRYABLE_STATUSES } from '../client/retry';
import { BatchExporter } from './batch-exporter';
import { rankEnvironment } from '../../reproducibility/environment/rank-environment';
import { rankChoice, rankEnded, rankOptionsOfJournal, rankReports, RANK_TAGS, type RankChoice } from './distributed';
import type { DistributedRunReport } from '../../models/distributed-run';
import { metricKeyProblem, mlflowDataOf, type MlflowRunData } from './event-mapping';
import { JournalMetricQueue } from './journal-metric-queue';
import { MemoryMetricQueue } from './memory-metric-queue';
import type { MetricQueue } from './metric-queue';
import { MlflowRunHandle } from './mlflow-run-handle';
import type { MlflowRunSinkOptions, MlflowRunSinkStats } from './mlflow-run-sink-options';
import { PendingRunData } from './pending-run-data';
import type { QueuedPoint } from './point-queue';

export type { MlflowRunSinkOptions, MlflowRunSinkStats } from './mlflow-run-sink-options';

/** Transient by the client's own rule (connection errors and MLflow's retryable statuses): worth sending again later. */
function retryable(error: unknown): boolean {
  return error instanceof MlflowConnectionError || (error instanceof MlflowError && RETRYABLE_STATUSES.has(error.status));
}

/** Events whose data should reach MLflow at once rather than within the delay. */
const URGENT: ReadonlySet<RunEvent['type']> = new Set(['dataset', 'finalize']);

/** Mirrors a {@link TrainingWorkflowTracker}'s run into MLflow: attach it as one of the tracker's sinks. */
export class MlflowRunSink implements TrackerSink {
  private readonly client: MlflowClient;
  private readonly ownsClient: boolean;
  private readonly run: MlflowRunHandle;
  private readonly data = new PendingRunData();
  private readonly exporter: BatchExporter;
  private queue: MetricQueue;
  /** Each metric key seen in a batch, with why MLflow would refuse it (undefined: it takes it). */
  private readonly keyProblems = new Map<string, string | undefined>();
  private start: RunStartEvent | undefined;
  private finalBom: TrainingBOM | undefined;
  private sent = 0;
  private closing: Promise<SinkDeliveryReport> | undefined;
  private closeError: unknown;
  private boundReport: ((error: unknown) => void) | undefined;
  /** This process's rank when the run is distributed (from the options, or from the journal on recovery). */
  private rank: RankChoice | undefined;

  /** @throws InvalidArgumentError when both `client` and `clientOptions` are given, or a client or `distributed` option is invalid. */
  constructor(private readonly options: MlflowRunSinkOptions = {}) {
    this.rank = options.distributed === undefined ? undefined : rankChoice(options.distributed);
    ({ client: this.client, owned: this.ownsClient } = openMlflowClient(options));
    const capacity = options.maxQueueSize ?? 1_000_000;
    this.queue = new MemoryMetricQueue(capacity);
    this.run = new MlflowRunHandle(this.client, options, options.clock ?? systemClock);
    this.run.rank = this.rank;
    this.exporter = new BatchExporter(
      { hasWork: () => this.hasWork(), exportNext: () => this.exportNext() },
      { delayMillis: options.scheduledDelayMillis ?? 1000, isTransient: retryable, onError: (e) => this.report(e) },
    );
    acceptJournal(this, (journal) => {
      this.queue = new JournalMetricQueue(journal, capacity);
      // A recovered rank goes on as the rank its journal says (`training-bom recover` builds its sink from the journal alone).
      const journaled = rankOptionsOfJournal(journal.previous?.state);
      if (this.rank === undefined && journaled !== undefined) this.run.rank = this.rank = rankChoice(journaled);
      this.run.useJournal(journal);
    });
  }

  /** The MLflow run id, once the run exists (or at once when attaching to `runId` / `MLFLOW_RUN_ID`). */
  get runId(): string | undefined {
    return this.run.id;
  }

  /** Counters of what was sent, queued and dropped. */
  stats(): MlflowRunSinkStats {
    const q = this.queue;
    return { sentPoints: this.sent, queuedPoints: q.queued, spilledPoints: q.spilled, droppedPoints: q.dropped, failedExports: this.exporter.failedExports };
  }

  /**
   * Resolves with the run id once the run exists in MLflow.
   * @throws {@link TrackerStateError} before the tracker started; the client's errors when MLflow refuses.
   */
  async ready(): Promise<string> {
    if (this.start === undefined) throw new TrackerStateError('MlflowRunSink.ready', 'idle', 'start the tracker first');
    return this.run.ensure(this.start);
  }

  bindErrorHandler(report: (error: unknown) => void): void {
    this.boundReport = report;
  }

  /**
   * The owner of a distributed run: waits until every other rank has reported its end (done, or recovered
   * from its journal) or `timeoutMs` (default 300,000) passes, and returns what each rank delivered, ranks
   * that never reported as `lost`. Give the reports to `tracker.recordRanks` before finalizing.
   * @throws {@link TrackerStateError} unless this sink is the owner of a distributed run and the tracker started; the client's errors.
   */
  async awaitRanks(options: { readonly timeoutMs?: number; readonly pollMs?: number } = {}): Promise<DistributedRunReport> {
    const rank = this.rank;
    if (rank === undefined || !rank.owner) throw new TrackerStateError('MlflowRunSink.awaitRanks', 'idle', 'only the owner of a distributed run (the distributed option, rank 0 by default) waits for the ranks');
    const runId = await this.ready();
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    for (;;) {
      const run = await this.client.getRun(runId);
      const waiting = Array.from({ length: rank.worldSize }, (_, k) => k).filter((k) => k !== rank.ownerRank && !rankEnded(run, k));
      if (waiting.length === 0 || Date.now() >= deadline) return rankReports(run, rank);
      await new Promise((r) => setTimeout(r, Math.min(options.pollMs ?? 500, Math.max(0, deadline - Date.now()))));
    }
  }

  /** Takes each run event to its MLflow form (event-mapping.ts) and schedules its export. */
  onEvent(event: RunEvent): void {
    if (event.type === 'start') this.start = event;
    else if (event.type === 'finalize') this.finalBom = event.bom;
    const data = this.ofThisRank(mlflowDataOf(event), event);
    for (const problem of [...data.problems, ...this.data.add(data)]) this.report(new Error(problem));
    if (event.type === 'start') this.exporter.start();
    else this.exporter.schedule(URGENT.has(event.type));
  }

  onMetric(key: string, value: number, step: number, timestampMs: number): void {
    this.exporter.schedule(this.queue.push(key, value, step, timestampMs));
  }

  /** Resolves once everything received so far was sent (or failed and was reported). */
  flush(): Promise<void> {
    return this.exporter.flush();
  }

  /**
   * Sends what is left, marks the run FINISHED (finalized) or FAILED (closed before finalizing, or a
   * recovered BOM), releases the client, and reports what could not be delivered (then the tracker
   * keeps its journal for `recover`).
   */
  close(): Promise<SinkDeliveryReport> {
    this.closing ??= (async () => {
      await this.exporter.shutdown();
      if (this.start !== undefined && !this.run.terminated && !this.exporter.lastExportFailed) {
        await this.run.terminate(this.start, this.finalBom).catch((error: unknown) => {
          this.closeError = error;
          this.report(error);
        });
      }
      if (this.ownsClient) await this.client.close();
      return this.deliveryReport();
    })();
    return this.closing;
  }

  /** A distributed rank's share: its params under its key prefix; at start, the tags that say who it is. */
  private ofThisRank(data: MlflowRunData, event: RunEvent): MlflowRunData {
    const rank = this.rank;
    if (rank === undefined) return data;
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

  private deliveryReport(): SinkDeliveryReport {
    const undeliveredPoints = this.queue.undelivered + this.queue.dropped;
    const undelivered = this.data.undelivered();
    if (this.finalBom !== undefined && !this.run.terminated) undelivered.push(BOM_ARTIFACT);
    if (this.start !== undefined && !this.run.terminated) undelivered.push('run status');
    const error = this.closeError ?? this.exporter.lastError;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error shows as String() shows it, as in every catch of the SDK
    const lastError = error === undefined ? {} : { lastError: error instanceof Error ? error.message : String(error) };
    const sink = `MLflow run ${this.runId ?? '(not created)'}`;
    const complete = undeliveredPoints === 0 && undelivered.length === 0;
    const ended = complete && this.rank !== undefined && !this.rank.owner && this.run.terminated ? { contributionEnded: true } : {};
    return { sink, complete, undeliveredPoints, undelivered, ...lastError, ...ended };
  }

  private hasWork(): boolean {
    return !this.run.exists || this.data.hasInputs || this.data.hasEntities || this.queue.queued + this.queue.spilled > 0
      || (this.finalBom !== undefined && !this.run.terminated);
  }

  /** One export: the run, then dataset inputs, then a `log-batch` of params, tags and points, then the BOM and the run's end. */
  private async exportNext(): Promise<void> {
    const start = this.start as RunStartEvent;
    const runId = await this.run.ensure(start);
    if (this.data.hasInputs) {
      const inputs = this.data.takeInputs();
      await this.client.logInputs(runId, inputs).catch((error: unknown) => {
        this.data.restoreInputs(inputs);
        throw error;
      });
    } else if (this.queue.queued + this.queue.spilled > 0 || this.data.hasEntities) {
      await this.sendBatch(runId);
    } else if (this.finalBom !== undefined && !this.run.terminated) {
      await this.client.uploadArtifact(runId, BOM_ARTIFACT, this.finalBom.toJSONString(2), { contentType: 'application/json' });
      await this.run.terminate(start, this.finalBom);
    }
  }

  private async sendBatch(runId: string): Promise<void> {
    const params = this.data.takeParams(MLFLOW_LIMITS.paramsPerBatch);
    const tags = this.data.takeTags(MLFLOW_LIMITS.tagsPerBatch - 1);
    const countTag = this.rank === undefined ? 0 : 1;
    const taken = this.queue.take(Math.min(MLFLOW_LIMITS.metricsPerBatch, MLFLOW_LIMITS.entitiesPerBatch - params.length - tags.length - countTag));
    const accepted = this.accepted(taken);
    const prefix = this.rank?.keyPrefix ?? '';
    const metrics = prefix === '' ? accepted.slice() : accepted.map((p) => ({ ...p, key: `${prefix}${p.key}` }));
    // Keys in one order in every batch of every writer: concurrent batches into one run then take the server's
    // row locks (latest_metrics) in the same order, and cannot deadlock each other (MLflow #4353). Stable:
    // a key's points keep their order.
    metrics.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // A rank says how many points it has delivered with each batch, so the owner can say how much a lost rank delivered.
    const sentTags = this.rank === undefined || metrics.length === 0 ? tags : [...tags, { key: RANK_TAGS.points(this.rank.rank), value: String(this.sent + metrics.length) }];
    try {
      if (params.length + sentTags.length + metrics.length > 0) await this.client.logBatch(runId, { params, tags: sentTags, metrics });
    } catch (error) {
      if (retryable(error)) {
        this.data.restore(params, tags);
        this.queue.retry(accepted);
      } else this.queue.refused(taken.length, accepted.length);
      throw error;
    }
    this.data.sent(params);
    this.sent += metrics.length;
    this.queue.delivered(taken.length);
  }

  /** The points of keys MLflow takes (under this rank's key prefix); each refused key is reported once. */
  private accepted(points: readonly QueuedPoint[]): QueuedPoint[] {
    const out: QueuedPoint[] = [];
    const prefix = this.rank?.keyPrefix ?? '';
    for (const p of points) {
      const key = prefix === '' ? p.key : `${prefix}${p.key}`;
      let problem = this.keyProblems.get(key);
      if (problem === undefined && !this.keyProblems.has(key)) {
        problem = metricKeyProblem(key);
        this.keyProblems.set(key, problem);
        if (problem !== undefined) this.report(new Error(problem));
      }
      if (problem === undefined) out.push(p);
    }
    return out;
  }

  private report(error: unknown): void {
    const handler = this.options.onError ?? this.boundReport;
    if (handler !== undefined) handler(error);
    else console.warn(`training-bom: MLflow: ${error instanceof Error ? error.message : String(error)}`);
  }
}
