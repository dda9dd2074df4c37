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
import { ATTESTATION_ARTIFACT, BOM_ARTIFACT, MLFLOW_LIMITS } from '../bom/conventions';
import type { DsseEnvelope } from '../../models/dsse-envelope';
import type { MlflowClient } from '../client/mlflow-client';
import { openMlflowClient } from '../client/with-mlflow-client';
import { RETRYABLE_STATUSES } from '../client/retry';
import { BatchExporter } from './batch-exporter';
import { metricKeyProblem, mlflowDataOf } from './event-mapping';
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
  private attestation: DsseEnvelope | undefined;
  private sent = 0;
  private closing: Promise<SinkDeliveryReport> | undefined;
  private closeError: unknown;
  private boundReport: ((error: unknown) => void) | undefined;

  /** @throws InvalidArgumentError when both `client` and `clientOptions` are given, or a client option is invalid. */
  constructor(private readonly options: MlflowRunSinkOptions = {}) {
    ({ client: this.client, owned: this.ownsClient } = openMlflowClient(options));
    const capacity = options.maxQueueSize ?? 1_000_000;
    this.queue = new MemoryMetricQueue(capacity);
    this.run = new MlflowRunHandle(this.client, options, options.clock ?? systemClock);
    this.exporter = new BatchExporter(
      { hasWork: () => this.hasWork(), exportNext: () => this.exportNext() },
      { delayMillis: options.scheduledDelayMillis ?? 1000, isTransient: retryable, onError: (e) => this.report(e) },
    );
    acceptJournal(this, (journal) => {
      this.queue = new JournalMetricQueue(journal, capacity);
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

  /** Takes each run event to its MLflow form (event-mapping.ts) and schedules its export. */
  onEvent(event: RunEvent): void {
    if (event.type === 'start') this.start = event;
    else if (event.type === 'finalize') {
      this.finalBom = event.bom;
      this.attestation = event.attestation;
    }
    const data = mlflowDataOf(event);
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

  private deliveryReport(): SinkDeliveryReport {
    const undeliveredPoints = this.queue.undelivered + this.queue.dropped;
    const undelivered = this.data.undelivered();
    if (this.finalBom !== undefined && !this.run.terminated) undelivered.push(BOM_ARTIFACT);
    if (this.start !== undefined && !this.run.terminated) undelivered.push('run status');
    const error = this.closeError ?? this.exporter.lastError;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error shows as String() shows it, as in every catch of the SDK
    const lastError = error === undefined ? {} : { lastError: error instanceof Error ? error.message : String(error) };
    const sink = `MLflow run ${this.runId ?? '(not created)'}`;
    return { sink, complete: undeliveredPoints === 0 && undelivered.length === 0, undeliveredPoints, undelivered, ...lastError };
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
      if (this.attestation !== undefined) {
        await this.client.uploadArtifact(runId, ATTESTATION_ARTIFACT, `${JSON.stringify(this.attestation, null, 2)}\n`, { contentType: 'application/json' });
      }
      await this.run.terminate(start, this.finalBom);
    }
  }

  private async sendBatch(runId: string): Promise<void> {
    const params = this.data.takeParams(MLFLOW_LIMITS.paramsPerBatch);
    const tags = this.data.takeTags(MLFLOW_LIMITS.tagsPerBatch);
    const taken = this.queue.take(Math.min(MLFLOW_LIMITS.metricsPerBatch, MLFLOW_LIMITS.entitiesPerBatch - params.length - tags.length));
    const metrics = this.accepted(taken);
    try {
      if (params.length + tags.length + metrics.length > 0) await this.client.logBatch(runId, { params, tags, metrics });
    } catch (error) {
      if (retryable(error)) {
        this.data.restore(params, tags);
        this.queue.retry(metrics);
      } else this.queue.refused(taken.length, metrics.length);
      throw error;
    }
    this.data.sent(params);
    this.sent += metrics.length;
    this.queue.delivered(taken.length);
  }

  /** The points of keys MLflow takes; each refused key is reported once. */
  private accepted(points: readonly QueuedPoint[]): QueuedPoint[] {
    const out: QueuedPoint[] = [];
    for (const p of points) {
      let problem = this.keyProblems.get(p.key);
      if (problem === undefined && !this.keyProblems.has(p.key)) {
        problem = metricKeyProblem(p.key);
        this.keyProblems.set(p.key, problem);
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
