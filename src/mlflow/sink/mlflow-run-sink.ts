/**
 * MlflowRunSink: mirrors a tracked run into an MLflow run, live. Assembled from parts with one job each
 * (docs/mlflow.md, "How the sink is built"): event-mapping.ts says what MLflow gets for each event,
 * pending-run-data.ts holds the params, tags and inputs waiting, a {@link MetricQueue} holds the points
 * (in memory, or as a bounded cache of the tracker's journal), batch-exporter.ts sends in the background
 * and mlflow-run-handle.ts creates, resumes and ends the run; delivery-rules.ts says which failures keep
 * a batch or earn another try, and how long `close()` waits; distributed.ts what a rank adds. This file
 * wires them, says what one export sends, and warns once per outage. (Over 300 lines: the wiring, the export
 * steps and the close protocol read best together; every rule they apply lives in the files named above.)
 */
import { systemClock } from '../../core/clock';
import { MlflowUnavailableError, TrackerStateError } from '../../errors';
import type { TrainingBOM } from '../../models/training-bom';
import type { RunEvent, RunStartEvent } from '../../events/run-event';
import type { SinkDeliveryReport, SinkWaitOptions, TrackerSink } from '../../events/tracker-sink';
import { acceptJournal } from '../../journal/sink-journal';
import { BOM_ARTIFACT, MLFLOW_LIMITS } from '../bom/conventions';
import { uploadAttestationArtifact } from '../bom/attestation-artifact';
import type { DsseEnvelope } from '../../models/dsse-envelope';
import { queryIndexOf, sweepParentOf, writeQueryIndex } from '../bom/query-index';
import type { MlflowClient } from '../client/mlflow-client';
import { openMlflowClient } from '../client/with-mlflow-client';
import { seconds } from '../client/error-mapping';
import { CLOSE_TIMEOUT_MS, isClosed, keepBatch, ProgressWait, retryable, withRetryNotice } from './delivery-rules';
import { BatchExporter } from './batch-exporter';
import { awaitRankReports, rankChoice, rankData, rankOptionsOfJournal, RANK_TAGS, type RankChoice } from './distributed';
import type { DistributedRunReport } from '../../models/distributed-run';
import { metricKeyProblem, mlflowDataOf } from './event-mapping';
import { JournalMetricQueue } from './journal-metric-queue';
import { MemoryMetricQueue } from './memory-metric-queue';
import type { MetricQueue } from './metric-queue';
import { MlflowRunHandle } from './mlflow-run-handle';
import type { MlflowRunSinkOptions, MlflowRunSinkStats } from './mlflow-run-sink-options';
import { PendingRunData } from './pending-run-data';
import type { QueuedPoint } from './point-queue';

export type { MlflowRunSinkOptions, MlflowRunSinkStats } from './mlflow-run-sink-options';

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
  private attestation: DsseEnvelope | undefined;
  private sent = 0;
  private closing: Promise<SinkDeliveryReport> | undefined;
  private closeError: unknown;
  private boundReport: ((error: unknown) => void) | undefined;
  /** This process's rank when the run is distributed (from the options, or from the journal on recovery). */
  private rank: RankChoice | undefined;
  /** Whether MLflow is failing and the sink said so (once, until an export succeeds again). */
  private outage = false;
  /** When MLflow last acknowledged an export: `close()` and `flush()` time out from there. */
  private readonly progress = new ProgressWait();
  /** Why `close()` stopped waiting, when it did. */
  private gaveUp: string | undefined;
  private journalPath: string | undefined;
  /** What the latest failed attempt or export met (a retry notice has no error object). */
  private trouble: unknown;

  /** @throws InvalidArgumentError when both `client` and `clientOptions` are given, or a client or `distributed` option is invalid. */
  constructor(private readonly options: MlflowRunSinkOptions = {}) {
    this.rank = options.distributed === undefined ? undefined : rankChoice(options.distributed);
    ({ client: this.client, owned: this.ownsClient } = openMlflowClient(withRetryNotice(options, (n) => {
      this.trouble = n.failure;
      this.progress.failed();
      this.unavailable(n.failure, undefined);
    })));
    const capacity = options.maxQueueSize ?? 1_000_000;
    this.queue = new MemoryMetricQueue(capacity);
    this.run = new MlflowRunHandle(this.client, options, options.clock ?? systemClock);
    this.run.rank = this.rank;
    this.exporter = new BatchExporter(
      { hasWork: () => this.hasWork(), exportNext: () => this.exportNext().then(() => this.progressed()) },
      { delayMillis: options.scheduledDelayMillis ?? 1000, isTransient: retryable, onError: (e) => this.exportFailed(e) },
    );
    acceptJournal(this, (journal) => {
      this.queue = new JournalMetricQueue(journal, capacity);
      // A recovered rank goes on as the rank its journal says (`training-bom recover` builds its sink from the journal alone).
      const journaled = rankOptionsOfJournal(journal.previous?.state);
      if (this.rank === undefined && journaled !== undefined) this.run.rank = this.rank = rankChoice(journaled);
      this.run.useJournal(journal);
      this.journalPath = journal.path;
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
    return awaitRankReports(this.client, await this.ready(), rank, options);
  }

  /** Takes each run event to its MLflow form (event-mapping.ts) and schedules its export. */
  onEvent(event: RunEvent): void {
    if (event.type === 'start') this.start = event;
    else if (event.type === 'finalize') ({ bom: this.finalBom, attestation: this.attestation } = event);
    const parent = this.options.parentRunId;
    if (parent !== undefined) {
      // The BOM records a sweep only through registerSweep; the option only nests the run in MLflow: say when they disagree.
      const recorded = event.type === 'sweep' ? event.parentRunId : event.type === 'finalize' ? sweepParentOf(event.bom) ?? null : undefined;
      if (recorded === null) this.report(new Error(`the run is nested under sweep ${parent} (parentRunId) but its BOM records no sweep: call tracker.registerSweep(parentRunId) so that queries by sweep find it`));
      else if (recorded !== undefined && recorded !== parent) this.report(new Error(`registerSweep(${JSON.stringify(recorded)}) differs from the sink's parentRunId ${JSON.stringify(parent)}: MLflow's mlflow.parentRunId follows the BOM`));
    }
    const data = this.rank === undefined ? mlflowDataOf(event) : rankData(this.rank, mlflowDataOf(event), event);
    for (const problem of [...data.problems, ...this.data.add(data)]) this.report(new Error(problem));
    if (event.type === 'start') this.exporter.start();
    else this.exporter.schedule(URGENT.has(event.type));
  }

  onMetric(key: string, value: number, step: number, timestampMs: number): void {
    this.exporter.schedule(this.queue.push(key, value, step, timestampMs));
  }

  /**
   * Resolves once everything received so far was sent (or failed and was reported), or MLflow acknowledged
   * nothing for `options.timeoutMs` (default `closeTimeoutMillis`); the export goes on in the background.
   */
  async flush(options: SinkWaitOptions = {}): Promise<void> {
    await this.progress.wait(this.exporter.flush(), options.timeoutMs ?? this.options.closeTimeoutMillis ?? CLOSE_TIMEOUT_MS);
  }

  /**
   * Sends what is left, marks the run FINISHED (finalized) or FAILED (closed before finalizing, or a
   * recovered BOM), releases the client, and reports what could not be delivered (then the tracker
   * keeps its journal for `recover`). Stops waiting once MLflow has acknowledged nothing for
   * `options.timeoutMs` (default `closeTimeoutMillis`, 10 s), abandoning the calls in flight of a client
   * it built (a client you passed is yours: its calls run to their own deadline).
   */
  close(options: SinkWaitOptions = {}): Promise<SinkDeliveryReport> {
    this.closing ??= (async () => {
      const timeoutMs = options.timeoutMs ?? this.options.closeTimeoutMillis ?? CLOSE_TIMEOUT_MS;
      const finishing = this.finish();
      if (!(await this.progress.wait(finishing, timeoutMs))) {
        this.gaveUp = `close() stopped waiting: MLflow acknowledged nothing for ${seconds(timeoutMs)}`;
        if (this.ownsClient) {
          await this.client.close();   // ends the calls in flight and the retry sleeps at once
          await finishing;
        }
      } else if (this.ownsClient) await this.client.close();
      return this.deliveryReport();
    })();
    return this.closing;
  }

  private async finish(): Promise<void> {
    await this.exporter.shutdown();
    if (this.start !== undefined && !this.run.terminated && !this.exporter.lastExportFailed) {
      await this.run.terminate(this.start, this.finalBom).catch((error: unknown) => {
        if (isClosed(error)) return;
        this.closeError = error;
        this.report(error);
      });
    }
  }

  private progressed(): void {
    this.progress.progressed();
    this.outage = false;
  }

  private exportFailed(error: unknown): void {
    if (isClosed(error)) return;
    this.trouble = error;
    this.progress.failed();
    if (retryable(error)) this.unavailable(error instanceof Error ? error.message : String(error), error);
    else this.report(error);
  }

  /** Says once per outage that MLflow does not answer, where the points wait, and how they get there. */
  private unavailable(what: string, cause: unknown): void {
    if (this.outage || this.gaveUp !== undefined) return;
    this.outage = true;
    const path = this.journalPath;
    const where = path === undefined
      ? 'kept in memory and will be sent when it is back; they are lost if this process ends first (the tracker\'s journal would keep them)'
      : `kept in the journal ${path} and will be sent when it is back; if this process ends first, \`training-bom recover ${path}\` sends them`;
    const url = this.client.trackingUri;
    this.report(new MlflowUnavailableError(url, path, `MLflow at ${url} does not answer (${what}): the run's points are ${where}`, { cause }));
  }

  private deliveryReport(): SinkDeliveryReport {
    const undeliveredPoints = this.queue.undelivered + this.queue.dropped;
    const undelivered = this.data.undelivered();
    if (this.finalBom !== undefined && !this.run.terminated) undelivered.push(BOM_ARTIFACT);
    if (this.start !== undefined && !this.run.terminated) undelivered.push('run status');
    const error = this.closeError ?? this.trouble;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error shows as String() shows it, as in every catch of the SDK
    const message = error === undefined ? undefined : error instanceof Error ? error.message : String(error);
    const why = this.gaveUp === undefined ? message : message === undefined ? this.gaveUp : `${this.gaveUp}; last failure: ${message}`;
    const lastError = why === undefined ? {} : { lastError: why };
    const sink = `MLflow run ${this.runId ?? '(not created)'}`;
    const complete = undeliveredPoints === 0 && undelivered.length === 0;
    const ended = complete && this.rank !== undefined && !this.rank.owner && this.run.terminated ? { contributionEnded: true } : {};
    return { sink, complete, undeliveredPoints, undelivered, ...lastError, ...ended };
  }

  private hasWork(): boolean {
    return !this.run.exists || this.data.hasInputs || this.data.hasEntities || this.queue.queued + this.queue.spilled > 0
      || (this.finalBom !== undefined && !this.run.terminated);
  }

  /** One export: the run, then dataset inputs, then a `log-batch` of params, tags and points, then the BOM, its query index and the run's end. */
  private async exportNext(): Promise<void> {
    const start = this.start as RunStartEvent;
    const runId = await this.run.ensure(start);
    if (this.data.hasInputs) {
      const inputs = this.data.takeInputs();
      try {
        await this.client.logInputs(runId, inputs);
      } catch (error) {
        if (retryable(error) || isClosed(error)) {
          this.data.restoreInputs(inputs);
          throw error;
        }
        // Refused for good: reported and counted, and the export goes on, so that the rest of the run (params,
        // points, the BOM, the run's end) does not wait behind inputs that will never go.
        this.data.refuseInputs(inputs.length);
        this.report(error);
      }
    } else if (this.queue.queued + this.queue.spilled > 0 || this.data.hasEntities) {
      await this.sendBatch(runId);
    } else if (this.finalBom !== undefined && !this.run.terminated) {
      await this.client.uploadArtifact(runId, BOM_ARTIFACT, this.finalBom.toJSONString(2), { contentType: 'application/json' });
      if (this.attestation !== undefined) {
        await uploadAttestationArtifact(this.client, runId, this.attestation);
      }
      // The owner indexes the run for MlflowBomStore.query from the final BOM, as a store's put does (query-index.ts).
      if (this.rank === undefined || this.rank.owner) await writeQueryIndex(this.client, runId, await this.client.getRun(runId), queryIndexOf(this.finalBom), Date.now());
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
      if (keepBatch(error)) {
        this.data.restore(params, tags);
        this.queue.retry(accepted);
        throw error;
      }
      // Refused for good: its points dropped and its params and tags counted, reported, and the export goes on,
      // so that the rest of the run (later batches, the BOM, the run's end) does not wait behind a batch that will never go.
      this.queue.refused(taken.length, accepted.length);
      this.data.refuseEntities(params.length, tags.length);
      this.report(error);
      return;
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
