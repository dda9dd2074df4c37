/**
 * MlflowRunSink: mirrors a tracked run into an MLflow run, live. Modelled on OpenTelemetry's
 * BatchSpanProcessorBase: the hot path only enqueues; one export at a time runs in the background in
 * `runs/log-batch` requests within MLflow's limits, on an unref'd timer or as soon as a full batch is
 * waiting; errors go to a handler, never into the training loop. With the tracker's journal, the queue is a
 * bounded cache of the journal: points beyond it stay on disk and are read back in order, a failed batch
 * is read again from the journal, and each delivered batch is acknowledged there so that `recover` or
 * `resume` sends only the rest, to the same run. (Over 300 lines: it is one state machine.)
 */
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { MlflowConnectionError, MlflowError, TrackerStateError } from '../../errors';
import type { DatasetInfo } from '../../models/dataset-info';
import type { FeatureInfo } from '../../models/feature-info';
import type { JsonDict, JsonValue } from '../../core/json-types';
import type { ModelInfo } from '../../models/model-info';
import type { TrainingBOM } from '../../models/training-bom';
import type { RunEvent, RunStartEvent } from '../../events/run-event';
import type { SinkDeliveryReport, TrackerSink } from '../../events/tracker-sink';
import { acceptJournal, type SinkJournal } from '../../journal/sink-journal';
import { isRecovered } from '../../tracker/recovery';
import { BOM_ARTIFACT, BOM_PARAMS, BOM_TAGS, encodeFeatureList, invalidKeyReason, MLFLOW_LIMITS, paramText } from '../bom/conventions';
import { datasetInput } from '../bom/dataset-input';
import type { MlflowClient } from '../client/mlflow-client';
import { openMlflowClient, type MlflowClientChoice } from '../client/with-mlflow-client';
import { PointQueue, type QueuedPoint } from './point-queue';
import { RETRYABLE_STATUSES } from '../client/retry';
import type { MlflowDatasetInput, MlflowKeyValue, MlflowMetric } from '../client/types';

/** Options of {@link MlflowRunSink}: the client (`client` or `clientOptions`), where the run goes, and the batching knobs. */
export interface MlflowRunSinkOptions extends MlflowClientChoice {
  /** Experiment the run is created in (default: the client's `experimentName`, i.e. `MLFLOW_EXPERIMENT_NAME`, else `Default`). */
  readonly experimentName?: string;
  /** An existing run to log into instead of creating one (default: the client's `runId`, i.e. `MLFLOW_RUN_ID`). */
  readonly runId?: string;
  /** Run name (`mlflow.runName`); default: the BOM id. */
  readonly runName?: string;
  /** Extra tags for the run. */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Most metric points waiting in memory (default 1,000,000); beyond that they wait in the tracker's journal,
   * or, without a journal, are dropped and counted.
   */
  readonly maxQueueSize?: number;
  /** Longest a point waits before an export starts, in ms (default 1,000). */
  readonly scheduledDelayMillis?: number;
  /** Where background errors go (default: the tracker's `onError`, else a warning on stderr). */
  readonly onError?: (error: unknown) => void;
}

/** What the sink has done so far. */
export interface MlflowRunSinkStats {
  /** Metric points the server acknowledged. */
  readonly sentPoints: number;
  /** Points waiting in memory. */
  readonly queuedPoints: number;
  /** Points waiting in the journal only (the queue was full, or a batch failed and will be read again). */
  readonly spilledPoints: number;
  /** Points dropped: queue full without a journal, or refused by the server for good. */
  readonly droppedPoints: number;
  /** Export attempts that failed (after the client's own retries). */
  readonly failedExports: number;
}

type Point = QueuedPoint;

/** Transient by the client's own rule (connection errors and MLflow's retryable statuses): worth sending again later. */
function retryable(error: unknown): boolean {
  return error instanceof MlflowConnectionError || (error instanceof MlflowError && RETRYABLE_STATUSES.has(error.status));
}

/** Mirrors a {@link TrainingWorkflowTracker}'s run into MLflow: attach it as one of the tracker's sinks. */
export class MlflowRunSink implements TrackerSink {
  private readonly client: MlflowClient;
  private readonly ownsClient: boolean;
  private readonly points: PointQueue;
  private readonly delay: number;
  private readonly params = new Map<string, string>();
  private readonly sentParams = new Map<string, string>();
  private readonly tags = new Map<string, string>();
  private readonly inputs: MlflowDatasetInput[] = [];
  private readonly rejectedKeys = new Set<string>();
  private start: RunStartEvent | undefined;
  private runIdValue: string | undefined;
  private creating: Promise<string> | undefined;
  private finalBom: TrainingBOM | undefined;
  private finished = false;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDelay = 0;
  private closing: Promise<SinkDeliveryReport> | undefined;
  private boundReport: ((error: unknown) => void) | undefined;
  private sent = 0;
  private failed = 0;
  private failedLast = false;
  private lastError: unknown;
  private journal: SinkJournal | undefined;
  /** With a journal: the sequence number of the next point, of the queue's first point, and of the first point only in the journal. */
  private seq = 0;
  private head = 0;
  private spillFrom: number | undefined;
  private resumeRunId: string | undefined;
  private savedRunId: string | undefined;

  /** @throws InvalidArgumentError when both `client` and `clientOptions` are given, or a client option is invalid. */
  constructor(private readonly options: MlflowRunSinkOptions = {}) {
    ({ client: this.client, owned: this.ownsClient } = openMlflowClient(options));
    this.points = new PointQueue(options.maxQueueSize ?? 1_000_000);
    this.delay = options.scheduledDelayMillis ?? 1000;
    acceptJournal(this, (journal) => this.bindJournal(journal));
  }

  /** The MLflow run id, once the run exists (or at once when attaching to `runId` / `MLFLOW_RUN_ID`). */
  get runId(): string | undefined {
    return this.runIdValue ?? this.options.runId ?? this.resumeRunId ?? this.client.runId;
  }

  /** Counters of what was sent, queued and dropped. */
  stats(): MlflowRunSinkStats {
    const spilled = this.spillFrom === undefined ? 0 : this.seq - this.spillFrom;
    return { sentPoints: this.sent, queuedPoints: this.points.length, spilledPoints: spilled, droppedPoints: this.points.dropped, failedExports: this.failed };
  }

  /**
   * Resolves with the run id once the run exists in MLflow.
   * @throws {@link TrackerStateError} before the tracker started; the client's errors when MLflow refuses.
   */
  async ready(): Promise<string> {
    if (this.start === undefined) throw new TrackerStateError('MlflowRunSink.ready', 'idle', 'start the tracker first');
    return this.ensureRun();
  }

  bindErrorHandler(report: (error: unknown) => void): void {
    this.boundReport = report;
  }

  /** Takes each run event to its MLflow form. */
  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'start':
        return this.onStart(event);
      case 'dataset':
        return this.onDataset(event.dataset);
      case 'features':
        return this.onFeatures(event.features);
      case 'model':
        return this.onModel(event.model);
      case 'params':
        return this.onParams(event.params);
      case 'finalize':
        return this.onFinalize(event.bom);
      default:
        return undefined;
    }
  }

  /** Uses the tracker's journal as overflow and records deliveries there; on resume, continues the journaled MLflow run. */
  private bindJournal(journal: SinkJournal): void {
    this.journal = journal;
    this.seq = journal.points;
    this.head = Math.min(journal.previous?.acknowledged ?? 0, journal.points);
    this.spillFrom = this.head < this.seq ? this.head : undefined;
    const saved = journal.previous?.state['run_id'];
    if (typeof saved === 'string') this.resumeRunId = this.savedRunId = saved;
    else journal.saveState(this.journalState(undefined));
  }

  /** What the journal keeps about this sink: where the run goes (never credentials), and the run once it exists. */
  private journalState(runId: string | undefined): JsonDict {
    const experiment = this.options.experimentName ?? this.client.experimentName;
    return { tracking_uri: this.client.trackingUri, ...(experiment === undefined ? {} : { experiment_name: experiment }), ...(runId === undefined ? {} : { run_id: runId }) };
  }

  private onStart(run: RunStartEvent): void {
    this.start = run;
    this.tags.set(BOM_TAGS.bomId, run.id);
    this.schedule(0);
  }

  private onDataset(dataset: DatasetInfo): void {
    this.setParam(BOM_PARAMS.datasetPath, dataset.origin);
    this.setParam(BOM_PARAMS.datasetSize, String(dataset.size));
    const { input, fullDigest } = datasetInput(dataset);
    this.inputs.push(input);
    this.tags.set(BOM_TAGS.datasetDigest, fullDigest);
    this.schedule(0);
  }

  private onFeatures(features: FeatureInfo): void {
    for (const [key, list] of [[BOM_PARAMS.originalFeatures, features.originalFeatures], [BOM_PARAMS.selectedFeatures, features.selectedFeatures]] as const) {
      const text = encodeFeatureList(list);
      if (text !== undefined) this.setParam(key, text);
      else this.report(new Error(`param ${key}: ${list.length} features do not fit MLflow's ${MLFLOW_LIMITS.paramValueLength}-character param; they are in ${BOM_ARTIFACT}`));
    }
  }

  private onModel(model: ModelInfo): void {
    this.setParam(BOM_PARAMS.modelType, model.type);
    this.setParam(BOM_PARAMS.modelArchitecture, model.architecture);
  }

  private onParams(params: Readonly<Record<string, JsonValue>>): void {
    for (const key of Object.keys(params)) this.setParam(key, paramText(params[key]));
    this.schedule(this.delay);
  }

  onMetric(key: string, value: number, step: number, timestampMs: number): void {
    if (this.journal !== undefined) {
      const seq = this.seq++;
      if (this.spillFrom !== undefined) return this.schedule(this.delay);
      if (this.points.length >= this.points.capacity) {
        this.spillFrom = seq;
        return this.schedule(0);
      }
    } else if (this.rejectedKeys.size > 0 && this.rejectedKeys.has(key)) return;
    this.points.push(key, value, step, timestampMs);
    if (this.points.length >= MLFLOW_LIMITS.metricsPerBatch) this.schedule(0);
    else this.schedule(this.delay);
  }

  private onFinalize(bom: TrainingBOM): void {
    this.finalBom = bom;
    this.schedule(0);
  }

  /** Resolves once everything received so far was sent (or failed and was reported). */
  async flush(): Promise<void> {
    if (this.start === undefined) return;
    do await this.drain();
    while (this.hasWork() && this.failedLast === false);
  }

  /**
   * Sends what is left, marks the run FINISHED (finalized) or FAILED (closed before finalizing, or a
   * recovered BOM), releases the client, and reports what could not be delivered (then the tracker
   * keeps its journal for `recover`).
   */
  close(): Promise<SinkDeliveryReport> {
    this.closing ??= (async () => {
      if (this.timer !== undefined) clearTimeout(this.timer);
      await this.flush();
      if (this.start !== undefined && !this.finished && !this.failedLast) {
        try {
          const runId = await this.ensureRun();
          await this.client.updateRun(runId, { status: this.finalBom === undefined ? 'FAILED' : runStatus(this.finalBom), endTime: Date.now() });
          this.finished = true;
        } catch (error) {
          this.lastError = error;
          this.report(error);
        }
      }
      if (this.ownsClient) await this.client.close();
      return this.deliveryReport();
    })();
    return this.closing;
  }

  private deliveryReport(): SinkDeliveryReport {
    const pending = this.journal === undefined ? this.points.length : this.seq - this.head;
    const undeliveredPoints = pending + this.points.dropped;
    const undelivered: string[] = [];
    if (this.params.size > 0) undelivered.push(`${this.params.size} params`);
    if (this.tags.size > 0) undelivered.push(`${this.tags.size} tags`);
    if (this.inputs.length > 0) undelivered.push('dataset input');
    if (this.finalBom !== undefined && !this.finished) undelivered.push(BOM_ARTIFACT);
    if (this.start !== undefined && !this.finished) undelivered.push('run status');
    const lastError = this.lastError === undefined ? {} : { lastError: this.lastError instanceof Error ? this.lastError.message : String(this.lastError) };
    const sink = `MLflow run ${this.runId ?? '(not created)'}`;
    return { sink, complete: undeliveredPoints === 0 && undelivered.length === 0, undeliveredPoints, undelivered, ...lastError };
  }

  private setParam(key: string, value: string): void {
    const reason = invalidKeyReason(key);
    const sent = this.sentParams.get(key);
    if (reason !== undefined) this.report(new Error(`param ${JSON.stringify(key)} ${reason}; it stays in the BOM but not in MLflow`));
    else if (value.length > MLFLOW_LIMITS.paramValueLength) this.report(new Error(`param ${key}: value longer than ${MLFLOW_LIMITS.paramValueLength} characters; it stays in the BOM but not in MLflow`));
    else if (sent !== undefined && sent !== value) this.report(new Error(`param ${key} changed from ${JSON.stringify(sent)} to ${JSON.stringify(value)} after MLflow had it: MLflow params are immutable, so MLflow keeps the first value and the BOM the last`));
    else if (sent === undefined) this.params.set(key, value); // not sent yet: the last value wins
  }

  private hasWork(): boolean {
    return this.points.length > 0 || this.spillFrom !== undefined || this.params.size > 0 || this.tags.size > 0 || this.inputs.length > 0 || (this.finalBom !== undefined && !this.finished);
  }

  private schedule(ms: number): void {
    if (this.start === undefined || this.closing !== undefined) return;
    if (this.timer !== undefined) {
      if (ms > 0 || this.timerDelay === 0) return; // already due as soon as the loop yields
      clearTimeout(this.timer);
    }
    this.timerDelay = ms;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, ms);
    this.timer.unref();
  }

  private drain(): Promise<void> {
    this.inFlight ??= this.exportAll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private ensureRun(): Promise<string> {
    const attached = this.options.runId ?? this.resumeRunId ?? this.client.runId;
    this.creating ??= (async () => {
      const start = this.start as RunStartEvent;
      if (attached !== undefined) {
        await this.client.getRun(attached);
        await this.client.updateRun(attached, { status: 'RUNNING' });
        this.tags.set('mlflow.runName', this.options.runName ?? start.id);
        return attached;
      }
      const experiment = await this.client.getOrCreateExperiment(this.options.experimentName ?? this.client.experimentName ?? 'Default');
      const run = await this.client.createRun({
        experimentId: experiment.experimentId,
        runName: this.options.runName ?? start.id,
        startTime: start.startTimeMs,
        tags: {
          'mlflow.source.name': basename(process.argv[1] ?? 'node'),
          'mlflow.source.type': 'LOCAL',
          'mlflow.user': safeUser(),
          ...this.options.tags,
        },
      });
      return run.info.runId;
    })().catch((error: unknown) => {
      this.creating = undefined;
      throw error;
    });
    return this.creating.then((id) => {
      this.runIdValue = id;
      if (this.journal !== undefined && this.savedRunId !== id) {
        this.savedRunId = id;
        this.journal.saveState(this.journalState(id));
      }
      return id;
    });
  }

  private async exportAll(): Promise<void> {
    this.failedLast = false;
    let batch: Batch | undefined;
    try {
      const runId = await this.ensureRun();
      if (this.inputs.length > 0) {
        const inputs = this.inputs.splice(0);
        await this.client.logInputs(runId, inputs).catch((error: unknown) => {
          this.inputs.unshift(...inputs);
          throw error;
        });
      }
      this.refill();
      while (this.points.length > 0 || this.params.size > 0 || this.tags.size > 0) {
        batch = this.nextBatch();
        await this.client.logBatch(runId, { params: batch.params, tags: batch.tags, metrics: batch.metrics as MlflowMetric[] });
        for (const p of batch.params) this.sentParams.set(p.key, p.value);
        this.sent += batch.metrics.length;
        this.settle(batch);
        batch = undefined;
        this.refill();
      }
      if (this.finalBom !== undefined && !this.finished) {
        await this.client.uploadArtifact(runId, BOM_ARTIFACT, this.finalBom.toJSONString(2), { contentType: 'application/json' });
        await this.client.updateRun(runId, { status: runStatus(this.finalBom), endTime: Date.parse(this.finalBom.endTime) });
        this.finished = true;
      }
    } catch (error) {
      this.failed++;
      this.failedLast = true;
      this.lastError = error;
      if (batch !== undefined) this.requeue(batch, retryable(error));
      this.report(error);
      if (retryable(error)) this.schedule(this.delay);
    }
  }

  /** With a journal and an empty queue: reads the next points that wait only in the journal into the queue. */
  private refill(): void {
    if (this.spillFrom === undefined || this.points.length > 0 || this.journal === undefined) return;
    const room = Math.min(this.points.capacity, REFILL_POINTS, this.seq - this.spillFrom);
    const read = this.journal.readPoints(this.spillFrom, room);
    for (const p of read) this.points.push(p.key, p.value, p.step, p.timestamp);
    this.spillFrom += read.length;
    if (read.length === 0) {
      this.points.dropped += this.seq - this.spillFrom;   // the journal failed: these points are gone
      this.head = this.seq;
    }
    if (read.length === 0 || this.spillFrom >= this.seq) this.spillFrom = undefined;
  }

  /** A batch was delivered (or refused for good): with a journal, acknowledges the points it took. */
  private settle(batch: Batch): void {
    if (this.journal === undefined) return;
    this.head += batch.taken;
    this.journal.acknowledge(this.head);
  }

  private nextBatch(): Batch {
    const take = (map: Map<string, string>, max: number): MlflowKeyValue[] => {
      const out: MlflowKeyValue[] = [];
      for (const [key, value] of map) {
        if (out.length >= max) break;
        out.push({ key, value: value.slice(0, MLFLOW_LIMITS.tagValueLength) });
        map.delete(key);
      }
      return out;
    };
    const params = take(this.params, MLFLOW_LIMITS.paramsPerBatch);
    const tags = take(this.tags, MLFLOW_LIMITS.tagsPerBatch);
    const room = Math.min(MLFLOW_LIMITS.metricsPerBatch, MLFLOW_LIMITS.entitiesPerBatch - params.length - tags.length);
    const metrics: Point[] = [];
    const taken = this.points.take(room);
    for (const p of taken) {
      if (this.rejectedKeys.has(p.key)) continue;
      const reason = invalidKeyReason(p.key);
      if (reason === undefined) metrics.push(p);
      else {
        this.rejectedKeys.add(p.key);
        this.report(new Error(`metric ${JSON.stringify(p.key)} ${reason}; its points stay in the BOM's history but not in MLflow`));
      }
    }
    return { params, tags, metrics, taken: taken.length };
  }

  private requeue(batch: Batch, keep: boolean): void {
    if (!keep) {
      this.points.dropped += batch.metrics.length;
      this.settle(batch);
      return;
    }
    for (const p of batch.params) if (!this.params.has(p.key)) this.params.set(p.key, p.value);
    for (const t of batch.tags) if (!this.tags.has(t.key)) this.tags.set(t.key, t.value);
    if (this.journal === undefined) return this.points.unshift(batch.metrics);
    // The journal has every point: forget the queue and read it all again from the batch's first point.
    this.points.clear();
    this.spillFrom = this.head;
  }

  private report(error: unknown): void {
    const handler = this.options.onError ?? this.boundReport;
    if (handler !== undefined) handler(error);
    else console.warn(`training-bom: MLflow: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface Batch {
  readonly params: MlflowKeyValue[];
  readonly tags: MlflowKeyValue[];
  readonly metrics: Point[];
  /** Points taken from the queue, those of rejected keys included. */
  readonly taken: number;
}

/** Points read back from the journal at a time. */
const REFILL_POINTS = 10 * MLFLOW_LIMITS.metricsPerBatch;

/** A recovered BOM's run did not end normally: FAILED; else FINISHED. */
function runStatus(bom: TrainingBOM): 'FINISHED' | 'FAILED' {
  return isRecovered(bom) ? 'FAILED' : 'FINISHED';
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
