/**
 * MlflowRunSink: mirrors a tracked run into an MLflow run, live. Modelled on OpenTelemetry's
 * BatchSpanProcessorBase: the hot path only enqueues; one export at a time runs in the background in
 * `runs/log-batch` requests within MLflow's limits, on an unref'd timer or as soon as a full batch is
 * waiting; errors go to a handler, never into the training loop. (Over 150 lines: it is one state machine.)
 */
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { MlflowConnectionError, MlflowError, TrackerStateError } from '../errors';
import type { DatasetInfo } from '../models/dataset-info';
import type { FeatureInfo } from '../models/feature-info';
import type { JsonValue } from '../models/metadata';
import type { ModelInfo } from '../models/model-info';
import type { TrainingBOM } from '../models/training-bom';
import type { RunStart, TrackerSink } from '../tracker/tracker-sink';
import { BOM_ARTIFACT, BOM_PARAMS, BOM_TAGS, encodeFeatureList, invalidKeyReason, MLFLOW_LIMITS, paramText } from './conventions';
import { datasetInput } from './dataset-input';
import { MlflowClient } from './mlflow-client';
import type { MlflowClientOptions } from './mlflow-config';
import { PointQueue, type QueuedPoint } from './point-queue';
import { RETRYABLE_STATUSES } from './retry';
import type { MlflowDatasetInput, MlflowKeyValue, MlflowMetric } from './types';

/** Options of {@link MlflowRunSink}: where the run goes, and the batching knobs. */
export interface MlflowRunSinkOptions extends MlflowClientOptions {
  /** A client to use (default: one built from these options and MLflow's environment variables). */
  readonly client?: MlflowClient;
  /** Run name (`mlflow.runName`); default: the BOM id. */
  readonly runName?: string;
  /** Extra tags for the run. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Most metric points waiting in memory; more are dropped and counted (default 1,000,000). */
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
  /** Points dropped: queue full, or refused by the server for good. */
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
  private start: RunStart | undefined;
  private runIdValue: string | undefined;
  private creating: Promise<string> | undefined;
  private finalBom: TrainingBOM | undefined;
  private finished = false;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDelay = 0;
  private closing: Promise<void> | undefined;
  private boundReport: ((error: unknown) => void) | undefined;
  private sent = 0;
  private failed = 0;
  private failedLast = false;

  constructor(private readonly options: MlflowRunSinkOptions = {}) {
    this.client = options.client ?? new MlflowClient(options);
    this.ownsClient = options.client === undefined;
    this.points = new PointQueue(options.maxQueueSize ?? 1_000_000);
    this.delay = options.scheduledDelayMillis ?? 1000;
  }

  /** The MLflow run id, once the run exists (or at once when attaching to `runId` / `MLFLOW_RUN_ID`). */
  get runId(): string | undefined {
    return this.runIdValue ?? this.options.runId ?? this.client.runId;
  }

  /** Counters of what was sent, queued and dropped. */
  stats(): MlflowRunSinkStats {
    return { sentPoints: this.sent, queuedPoints: this.points.length, droppedPoints: this.points.dropped, failedExports: this.failed };
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

  onStart(run: RunStart): void {
    this.start = run;
    this.tags.set(BOM_TAGS.bomId, run.id);
    this.schedule(0);
  }

  onDataset(dataset: DatasetInfo): void {
    this.setParam(BOM_PARAMS.datasetPath, dataset.origin);
    this.setParam(BOM_PARAMS.datasetSize, String(dataset.size));
    const { input, fullDigest } = datasetInput(dataset);
    this.inputs.push(input);
    this.tags.set(BOM_TAGS.datasetDigest, fullDigest);
    this.schedule(0);
  }

  onFeatures(features: FeatureInfo): void {
    for (const [key, list] of [[BOM_PARAMS.originalFeatures, features.originalFeatures], [BOM_PARAMS.selectedFeatures, features.selectedFeatures]] as const) {
      const text = encodeFeatureList(list);
      if (text !== undefined) this.setParam(key, text);
      else this.report(new Error(`param ${key}: ${list.length} features do not fit MLflow's ${MLFLOW_LIMITS.paramValueLength}-character param; they are in ${BOM_ARTIFACT}`));
    }
  }

  onModel(model: ModelInfo): void {
    this.setParam(BOM_PARAMS.modelType, model.type);
    this.setParam(BOM_PARAMS.modelArchitecture, model.architecture);
  }

  onParams(params: Readonly<Record<string, JsonValue>>): void {
    for (const key of Object.keys(params)) this.setParam(key, paramText(params[key]));
    this.schedule(this.delay);
  }

  onMetric(key: string, value: number, step: number, timestampMs: number): void {
    if (this.rejectedKeys.size > 0 && this.rejectedKeys.has(key)) return;
    this.points.push(key, value, step, timestampMs);
    if (this.points.length >= MLFLOW_LIMITS.metricsPerBatch) this.schedule(0);
    else this.schedule(this.delay);
  }

  onFinalize(bom: TrainingBOM): void {
    this.finalBom = bom;
    this.schedule(0);
  }

  /** Resolves once everything received so far was sent (or failed and was reported). */
  async flush(): Promise<void> {
    if (this.start === undefined) return;
    do await this.drain();
    while (this.hasWork() && this.failedLast === false);
  }

  /** Sends what is left, marks the run FINISHED (finalized) or FAILED (closed before finalizing), and releases the client. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.timer !== undefined) clearTimeout(this.timer);
      await this.flush();
      if (this.start !== undefined && !this.finished) {
        try {
          const runId = await this.ensureRun();
          await this.client.updateRun(runId, { status: this.finalBom === undefined ? 'FAILED' : 'FINISHED', endTime: Date.now() });
          this.finished = true;
        } catch (error) {
          this.report(error);
        }
      }
      if (this.ownsClient) await this.client.close();
    })();
    return this.closing;
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
    return this.points.length > 0 || this.params.size > 0 || this.tags.size > 0 || this.inputs.length > 0 || (this.finalBom !== undefined && !this.finished);
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
    const attached = this.options.runId ?? this.client.runId;
    this.creating ??= (async () => {
      const start = this.start as RunStart;
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
    return this.creating.then((id) => (this.runIdValue = id));
  }

  private async exportAll(): Promise<void> {
    this.failedLast = false;
    let batch: { params: MlflowKeyValue[]; tags: MlflowKeyValue[]; metrics: Point[] } | undefined;
    try {
      const runId = await this.ensureRun();
      if (this.inputs.length > 0) {
        const inputs = this.inputs.splice(0);
        await this.client.logInputs(runId, inputs).catch((error: unknown) => {
          this.inputs.unshift(...inputs);
          throw error;
        });
      }
      while (this.points.length > 0 || this.params.size > 0 || this.tags.size > 0) {
        batch = this.nextBatch();
        await this.client.logBatch(runId, { params: batch.params, tags: batch.tags, metrics: batch.metrics as MlflowMetric[] });
        for (const p of batch.params) this.sentParams.set(p.key, p.value);
        this.sent += batch.metrics.length;
        batch = undefined;
      }
      if (this.finalBom !== undefined && !this.finished) {
        await this.client.uploadArtifact(runId, BOM_ARTIFACT, this.finalBom.toJSONString(2), { contentType: 'application/json' });
        await this.client.updateRun(runId, { status: 'FINISHED', endTime: Date.parse(this.finalBom.endTime) });
        this.finished = true;
      }
    } catch (error) {
      this.failed++;
      this.failedLast = true;
      if (batch !== undefined) this.requeue(batch, retryable(error));
      this.report(error);
      if (retryable(error)) this.schedule(this.delay);
    }
  }

  private nextBatch(): { params: MlflowKeyValue[]; tags: MlflowKeyValue[]; metrics: Point[] } {
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
    for (const p of this.points.take(room)) {
      if (this.rejectedKeys.has(p.key)) continue;
      const reason = invalidKeyReason(p.key);
      if (reason === undefined) metrics.push(p);
      else {
        this.rejectedKeys.add(p.key);
        this.report(new Error(`metric ${JSON.stringify(p.key)} ${reason}; its points stay in the BOM's history but not in MLflow`));
      }
    }
    return { params, tags, metrics };
  }

  private requeue(batch: { params: MlflowKeyValue[]; tags: MlflowKeyValue[]; metrics: Point[] }, keep: boolean): void {
    if (!keep) {
      this.points.dropped += batch.metrics.length;
      return;
    }
    for (const p of batch.params) if (!this.params.has(p.key)) this.params.set(p.key, p.value);
    for (const t of batch.tags) if (!this.tags.has(t.key)) this.tags.set(t.key, t.value);
    this.points.unshift(batch.metrics);
  }

  private report(error: unknown): void {
    const handler = this.options.onError ?? this.boundReport;
    if (handler !== undefined) handler(error);
    else console.warn(`training-bom: MLflow: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
