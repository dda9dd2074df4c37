// Over 300 lines: the tracker is the public surface of one lifecycle; its helpers (params, secrets, facts, sinks, journal, resume) live in their own files.
import { BomValidationError, InvalidArgumentError, TrackerStateError, type ValidationIssue } from '../errors';
import { DatasetInfo, type DatasetInfoInit } from '../models/dataset-info';
import { FeatureInfo } from '../models/feature-info';
import type { JsonDict, JsonValue } from '../core/json-types';
import { ModelInfo } from '../models/model-info';
import { TrainingBOM } from '../models/training-bom';
import { datasetRegistration } from '../reproducibility/dataset/dataset-init';
import type { DatasetInspection } from '../reproducibility/dataset/dataset-inspection';
import { inspectDataset } from '../reproducibility/dataset/inspect-dataset';
import type { InspectDatasetOptions } from '../reproducibility/dataset/inspect-dataset-options';
import type { MetricAnomaly } from '../reproducibility/plugins/metric-anomaly';
import { RunFacts } from '../reproducibility/plugins/run-facts';
import { safeDict } from '../core/safe-dict';
import { acceptParams } from './accept-params';
import { redactSecretParams } from '../core/redact-json';
import { redactionTest } from '../core/secret-names';
import { redactText } from '../core/redaction';
import { systemClock, toIsoUtc, type Clock } from '../core/clock';
import { generateRunId } from './generate-run-id';
import { inSection } from './in-section';
import { defaultLogger, redactingLogger, type Logger } from '../core/logger';
import { MetricSeries, type MetricHistory } from './metric-series';
import { SinkHub } from './sink-hub';
import { journalChoice, TrackerJournal } from './tracker-journal';
import type { JournalOptions } from '../journal/journal-options';
import type { JournalWriter } from '../journal/journal-writer';
import { readJournal } from '../journal/read-journal';
import { lockJournal, unlockJournal } from '../journal/journal-lock';
import { isRecovered, restoredRun, recoveryFacts, type RecoveryResult } from './restore-run';
import type { TrainingWorkflowTrackerOptions } from './tracker-options';
import type { CloseReport, SinkErrorHandler, TrackerSink } from '../events/tracker-sink';

export type { TrainingWorkflowTrackerOptions } from './tracker-options';

/** The tracker's lifecycle: `idle -> running -> finalized`. */
export type TrackerState = 'idle' | 'running' | 'finalized';

const HINTS: Record<TrackerState, string> = {
  idle: 'call startTraining() first',
  running: 'the run has already started',
  finalized: 'the run is finalized; use a new tracker for a new run',
};

/**
 * Stateful builder of a {@link TrainingBOM} for one training run: timestamps the start and the end,
 * collects dataset, features, model, parameters and the full history of every metric, tells its sinks
 * as it goes, and validates the result. Nothing tracked is lost when a call throws.
 */
export class TrainingWorkflowTracker {
  private currentState: TrackerState = 'idle';
  private runId: string | undefined;
  private startMs = 0;
  private dataset: DatasetInfo | undefined;
  private features: FeatureInfo | undefined;
  private model: ModelInfo | undefined;
  private readonly params: JsonDict = safeDict() as JsonDict;
  private readonly series = new Map<string, MetricSeries>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly hub: SinkHub;
  private readonly facts: RunFacts;
  private closing: Promise<CloseReport> | undefined;
  private readonly isSecret: ((key: string) => boolean) | undefined;
  private readonly journalOptions: JournalOptions | undefined;
  private journal: TrackerJournal | undefined;
  private journalPoints: JournalWriter | undefined;

  constructor(options: TrainingWorkflowTrackerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.logger = redactingLogger(options.logger ?? defaultLogger);
    const onError: SinkErrorHandler =
      options.onError ?? ((error) => this.logger.warn(`sink error: ${error instanceof Error ? error.message : String(error)}`));
    this.facts = new RunFacts(options, this.logger);
    const monitor: TrackerSink[] = this.facts.monitor === undefined ? [] : [this.facts.monitor];
    this.hub = new SinkHub([...monitor, ...(options.sinks ?? [])], onError);
    this.isSecret = redactionTest(options.redactSecrets);
    this.journalOptions = journalChoice(options.journal, (options.sinks?.length ?? 0) > 0);
  }

  /** The lifecycle state. */
  get state(): TrackerState {
    return this.currentState;
  }

  /** The run's BOM id once started. */
  get id(): string | undefined {
    return this.runId;
  }

  /**
   * Starts the run, timestamping it; generates a unique id when none is given.
   * @throws {@link TrackerStateError} unless idle; {@link InvalidArgumentError} for an empty or non-string id.
   */
  startTraining(trainingId?: string): this {
    this.expect('startTraining', 'idle');
    if (trainingId !== undefined && (typeof trainingId !== 'string' || trainingId === '')) {
      throw new InvalidArgumentError('trainingId', 'must be a non-empty string');
    }
    const now = this.clock.now();
    this.runId = trainingId ?? generateRunId(now);
    this.startMs = now;
    this.currentState = 'running';
    this.facts.start();
    if (this.journalOptions !== undefined) this.openJournal(this.runId, now);
    this.logger.info(`Started training session: ${this.runId}`);
    this.hub.notify('onStart', { id: this.runId, startTime: toIsoUtc(now), startTimeMs: now });
    return this;
  }

  /**
   * Records the dataset (`origin` and row count), replacing any earlier one. Given an
   * {@link inspectDataset} result, also records its facts in `additional_values.dataset` and takes its
   * row count as the size unless `size` is given.
   * @throws {@link BomValidationError} with `dataset_info.*` paths when invalid.
   */
  registerDataset(origin: string, size?: number): this;
  registerDataset(info: DatasetInfoInit): this;
  registerDataset(inspection: DatasetInspection, size?: number): this;
  registerDataset(what: string | DatasetInfoInit | DatasetInspection, size?: number): this {
    this.expect('registerDataset', 'running');
    const { init, inspection } = datasetRegistration(what, size, this.isSecret !== undefined);
    this.dataset = inSection('dataset_info', () => new DatasetInfo(init));
    this.facts.setDataset(inspection, size !== undefined);
    this.journal?.record({ type: 'dataset', dataset: { origin: this.dataset.origin, size: this.dataset.size }, inspection: (inspection ?? null) as JsonValue, size_given: size !== undefined });
    this.logger.info(`Registered dataset from: ${this.dataset.origin}`);
    this.hub.notify('onDataset', this.dataset);
    return this;
  }

  /**
   * Inspects the dataset ({@link inspectDataset}: readable, SHA-256 digest, rows, bytes, format), then
   * registers it with the row count as the size unless `size` is given. Await it before training: a
   * missing or unreadable dataset rejects here, before any training time is spent.
   * @throws {@link DatasetAccessError} when the dataset cannot be read; {@link TrackerStateError} unless running.
   */
  async registerDatasetVerified(origin: string, size?: number, options?: InspectDatasetOptions): Promise<DatasetInspection> {
    this.expect('registerDatasetVerified', 'running');
    const inspection = await inspectDataset(origin, options);
    this.registerDataset(inspection, size);
    return inspection;
  }

  /**
   * Records a random seed the training uses (`additional_values.seeds`); a later value replaces it.
   * @throws {@link InvalidArgumentError} for an empty name or a value that is not a finite number or a string.
   */
  registerSeed(name: string, value: number | string): this {
    this.expect('registerSeed', 'running');
    const clean = this.isSecret === undefined || typeof value !== 'string' ? value : redactText(value);
    this.facts.seed(name, clean);
    this.journal?.record({ type: 'seed', name, value: clean });
    return this;
  }

  /**
   * Records a data-quality metric (`additional_values.data_quality`): missing ratio, class balance…
   * Secrets are removed as from parameters (see `redactSecrets`).
   * @throws {@link InvalidArgumentError} for an empty key or a value that is not JSON.
   */
  logDataQuality(key: string, value: JsonValue): this {
    this.expect('logDataQuality', 'running');
    const clean = this.isSecret === undefined || typeof key !== 'string' ? value : (redactSecretParams({ [key]: value }, this.isSecret)[key] as JsonValue);
    this.facts.quality(key, clean);
    this.journal?.record({ type: 'quality', key, value: clean });
    return this;
  }

  /** Anomalies found in the metrics so far, oldest first. */
  anomalies(): MetricAnomaly[] {
    return this.facts.anomalies();
  }

  /**
   * Records the original and the selected features, replacing any earlier ones.
   * @throws {@link BomValidationError} with `feature_info.*` paths when invalid.
   */
  registerFeatures(originalFeatures: readonly string[], selectedFeatures: readonly string[]): this {
    this.expect('registerFeatures', 'running');
    const copy = (list: readonly string[]): string[] => (Array.isArray(list) ? list.slice() : (list as string[]));
    this.features = inSection('feature_info', () => new FeatureInfo({ originalFeatures: copy(originalFeatures), selectedFeatures: copy(selectedFeatures) }));
    this.journal?.record({ type: 'features', original: this.features.originalFeatures, selected: this.features.selectedFeatures });
    this.logger.info(`Registered ${this.features.selectedFeatures.length} selected features from ${this.features.originalFeatures.length} original`);
    this.hub.notify('onFeatures', this.features);
    return this;
  }

  /**
   * Records the model type and architecture, replacing any earlier ones.
   * @throws {@link BomValidationError} with `model_info.*` paths when invalid.
   */
  registerModel(modelType: string, architecture: string): this {
    this.expect('registerModel', 'running');
    this.model = inSection('model_info', () => new ModelInfo({ type: modelType, architecture }));
    this.journal?.record({ type: 'model', model_type: this.model.type, architecture: this.model.architecture });
    this.logger.info(`Registered model: ${this.model.type}`);
    this.hub.notify('onModel', this.model);
    return this;
  }

  /**
   * Records one training parameter (any JSON value); a later value for the same key replaces it.
   * @throws {@link InvalidArgumentError} naming `mlflow_params.<key>` when the key or value is not acceptable.
   */
  logParameter(key: string, value: JsonValue): this {
    return this.logParameters({ [key]: value } as Record<string, JsonValue>);
  }

  /**
   * Records several parameters at once; all or nothing.
   * @throws {@link InvalidArgumentError} naming the first bad `mlflow_params.<key>`.
   */
  logParameters(params: Readonly<Record<string, JsonValue>>): this {
    this.expect('logParameters', 'running');
    const checked = acceptParams(params);
    const accepted = this.isSecret === undefined ? checked : (redactSecretParams(checked, this.isSecret) as JsonDict);
    Object.assign(this.params, accepted);
    this.journal?.record({ type: 'params', params: accepted });
    this.hub.notify('onParams', accepted);
    return this;
  }

  /**
   * Records one metric point (value, step, timestamp) and keeps the full history; O(1), no I/O.
   * NaN and ±Infinity are kept, counted and warned about once per key.
   * @throws {@link InvalidArgumentError} when the key is empty, the value not a number or the step not an integer.
   */
  logMetric(key: string, value: number, step = 0): this {
    if (this.currentState !== 'running') this.expect('logMetric', 'running');
    if (typeof value !== 'number') throw new InvalidArgumentError(`mlflow_metrics.${String(key)}`, `must be a number, got ${typeof value}`);
    if (!Number.isInteger(step)) throw new InvalidArgumentError('step', `must be an integer, got ${String(step)}`);
    let series = this.series.get(key);
    if (series === undefined) {
      if (typeof key !== 'string' || key === '') throw new InvalidArgumentError('mlflow_metrics', 'metric names must be non-empty strings');
      series = new MetricSeries(key, this.series.size);
      this.series.set(key, series);
      this.journal?.record({ type: 'key', index: series.index, key });
    }
    const now = this.clock.now();
    series.push(value, step, now);
    if (this.journalPoints !== undefined) this.journalPoints.point(series.index, value, step, now);
    if (value - value !== 0 && series.nonFiniteCount === 1) {
      this.logger.warn(`metric "${key}" received ${value} at step ${step}; kept in its history and in the BOM`);
    }
    if (this.hub.hasMetricSinks) this.hub.metric(key, value, step, now);
    return this;
  }

  /**
   * Records several metrics at the same step.
   * @throws {@link InvalidArgumentError} before recording anything when one value is not a number.
   */
  logMetrics(metrics: Readonly<Record<string, number>>, step = 0): this {
    this.expect('logMetrics', 'running');
    for (const key of Object.keys(metrics)) {
      if (typeof metrics[key] !== 'number') throw new InvalidArgumentError(`mlflow_metrics.${key}`, `must be a number, got ${typeof metrics[key]}`);
    }
    for (const key of Object.keys(metrics)) this.logMetric(key, metrics[key] as number, step);
    return this;
  }

  /** The full history of one metric (a copy), or `undefined` if it was never logged. */
  metricHistory(key: string): MetricHistory | undefined {
    return this.series.get(key)?.snapshot();
  }

  /** Names of every metric logged, in the order first seen. */
  metricKeys(): string[] {
    return [...this.series.keys()];
  }

  /** The parameters logged so far (a copy). */
  parameters(): JsonDict {
    return Object.assign(safeDict(), this.params) as JsonDict;
  }

  /**
   * Ends the run: timestamps it and returns the validated BOM; the tracker is then finalized.
   * When something is missing or invalid it throws and stays running with everything it holds.
   * @throws {@link BomValidationError} listing every missing section or invalid field;
   *   {@link TrackerStateError} unless running.
   */
  finalizeTraining(): TrainingBOM {
    return this.finalize(Math.max(this.clock.now(), this.startMs), undefined);
  }

  private finalize(endMs: number, recovery: JsonDict | undefined): TrainingBOM {
    this.expect('finalizeTraining', 'running');
    const missing: ValidationIssue[] = [];
    if (this.dataset === undefined) missing.push({ path: 'dataset_info', message: 'is required: call registerDataset() before finalizeTraining()' });
    if (this.features === undefined) missing.push({ path: 'feature_info', message: 'is required: call registerFeatures() before finalizeTraining()' });
    if (this.model === undefined) missing.push({ path: 'model_info', message: 'is required: call registerModel() before finalizeTraining()' });
    if (missing.length > 0) throw new BomValidationError(missing, 'Cannot finalize training');
    const metrics = safeDict() as JsonDict;
    for (const [key, series] of this.series) metrics[key] = series.latest();
    const facts = this.facts.toAdditionalValues();
    const additionalValues = recovery === undefined ? facts : Object.assign(facts ?? (safeDict() as JsonDict), { recovery });
    const bom = new TrainingBOM({
      id: this.runId as string,
      startTime: toIsoUtc(this.startMs),
      endTime: toIsoUtc(endMs),
      datasetInfo: this.dataset as DatasetInfo,
      featureInfo: this.features as FeatureInfo,
      modelInfo: this.model as ModelInfo,
      mlflowParams: this.parameters(),
      mlflowMetrics: metrics,
      ...(additionalValues === undefined ? {} : { additionalValues }),
    });
    this.currentState = 'finalized';
    this.journal?.record({ type: 'finalize', bom: bom.toJSON() as JsonDict });
    this.journal?.writer.sync();
    this.logger.info(`Training completed: ${bom.id}`);
    this.hub.notify('onFinalize', bom);
    return bom;
  }

  /** Resolves when every sink has delivered what it has received so far; sink errors go to `onError`. */
  async flush(): Promise<void> {
    await this.hub.settle('flush');
  }

  /**
   * Flushes and closes every sink and the journal; idempotent (later calls return the first call's
   * promise). Reports what a sink could not deliver; the journal is then kept for `recover`, and deleted
   * when the run was finalized and delivered everywhere (unless its `keep` option is set).
   */
  close(): Promise<CloseReport> {
    this.closing ??= (async (): Promise<CloseReport> => {
      const sinks = await this.hub.settle('close');
      const delivered = sinks.every((r) => r.complete) && this.journal?.writer.failed !== true;
      const journalPath = this.journal?.close(this.currentState === 'finalized', delivered);
      return { complete: delivered, sinks, journalPath };
    })();
    return this.closing;
  }

  /** The journal file while the run keeps one, else undefined. */
  get journalPath(): string | undefined {
    return this.journal?.path;
  }

  /**
   * Continues a run from its journal in a new process (after a crash): the tracker comes back running,
   * with the run's id, start time, dataset, features, model, parameters, seeds, data quality, environment
   * and full metric history; it appends to the same journal, and each sink that reads the journal
   * (`MlflowRunSink`) goes on with the same MLflow run and sends what it had not delivered. A torn last
   * record is skipped with a warning through the logger.
   * @throws {@link JournalError} when the file is not a journal, holds no started run, or the run was finalized (use {@link TrainingWorkflowTracker.recover}).
   */
  static resume(journalPath: string, options: TrainingWorkflowTrackerOptions = {}): TrainingWorkflowTracker {
    const tracker = new TrainingWorkflowTracker(options);
    tracker.restore(journalPath, true);
    return tracker;
  }

  /**
   * After a crash: rebuilds the run from its journal, finalizes a BOM marked as recovered
   * (`additional_values.recovery`; the end time is the last thing the journal saw), lets the given sinks
   * deliver what they had not (an `MlflowRunSink` continues the same MLflow run and marks it FAILED:
   * the training did not end normally), and closes. A run finalized before the crash gives its own BOM
   * and is delivered as FINISHED. When a section was never registered there is no BOM: `bom` is
   * undefined and `issues` says what is missing; the sinks still get everything. The journal is kept
   * (with the BOM appended, so recovering again gives the same BOM): delete it once the BOM is stored.
   * @throws {@link JournalError} when the file is not a journal or holds no started run.
   */
  static async recover(journalPath: string, options: TrainingWorkflowTrackerOptions = {}): Promise<RecoveryResult> {
    const tracker = new TrainingWorkflowTracker(options);
    const state = tracker.restore(journalPath, false);
    let bom: TrainingBOM | undefined;
    let issues: readonly ValidationIssue[] = [];
    if (state.finalBom !== undefined) bom = tracker.adoptFinalized(state.finalBom);
    else {
      try {
        bom = tracker.finalize(Math.max(state.lastActivityMs, tracker.startMs), recoveryFacts(state, tracker.clock.now()));
      } catch (error) {
        if (!(error instanceof BomValidationError)) throw error;
        issues = error.issues;
      }
    }
    const delivery = await tracker.close();
    return { bom, recovered: bom === undefined ? true : isRecovered(bom), issues, warnings: state.warnings, points: state.points, delivery };
  }

  private restore(journalPath: string, resuming: boolean): ReturnType<typeof readJournal> {
    const lockPath = lockJournal(journalPath);
    try {
      return this.restoreLocked(journalPath, resuming, lockPath);
    } catch (error) {
      unlockJournal(lockPath);
      throw error;
    }
  }

  private restoreLocked(journalPath: string, resuming: boolean, lockPath: string): ReturnType<typeof readJournal> {
    const state = readJournal(journalPath, (key, value, step, timestampMs) => {
      let series = this.series.get(key);
      if (series === undefined) this.series.set(key, (series = new MetricSeries(key, this.series.size)));
      series.push(value, step, timestampMs);
      this.facts.monitor?.replay(key, value, step, timestampMs);
    });
    const run = restoredRun(state, resuming);
    for (const warning of state.warnings) this.logger.warn(`journal ${journalPath}: ${warning}`);
    this.runId = run.id;
    this.startMs = run.startMs;
    this.currentState = 'running';
    if (run.environment !== undefined) this.facts.restoreEnvironment(run.environment);
    if (run.dataset !== undefined) this.dataset = inSection('dataset_info', () => new DatasetInfo(run.dataset as DatasetInfoInit));
    this.facts.setDataset(run.inspection, run.sizeGiven);
    if (run.features !== undefined) this.features = inSection('feature_info', () => new FeatureInfo(run.features as { originalFeatures: string[]; selectedFeatures: string[] }));
    if (run.model !== undefined) this.model = inSection('model_info', () => new ModelInfo(run.model as { type: string; architecture: string }));
    Object.assign(this.params, state.params);
    for (const name of Object.keys(state.seeds)) this.facts.seed(name, state.seeds[name] as number | string);
    for (const key of Object.keys(state.quality)) this.facts.quality(key, state.quality[key] as JsonValue);
    // recover keeps the journal: the caller deletes it once the BOM is stored.
    this.journal = TrackerJournal.append(state, { ...this.journalOptions, keep: resuming ? this.journalOptions?.keep : true }, this.logger, lockPath);
    this.journalPoints = this.journal.writer;
    this.journal.record({ type: 'resume', at_ms: this.clock.now(), points: state.points, pid: process.pid });
    this.hub.bindJournal(this.journal.writer, state.sinks);
    this.hub.notify('onStart', { id: run.id, startTime: toIsoUtc(run.startMs), startTimeMs: run.startMs });
    if (this.dataset !== undefined) this.hub.notify('onDataset', this.dataset);
    if (this.features !== undefined) this.hub.notify('onFeatures', this.features);
    if (this.model !== undefined) this.hub.notify('onModel', this.model);
    if (Object.keys(this.params).length > 0) this.hub.notify('onParams', this.parameters());
    this.logger.info(`Resumed training session: ${run.id} (${state.points} points from ${journalPath})`);
    return state;
  }

  /** A run finalized before its process died: its BOM as journaled, delivered to the sinks again. */
  private adoptFinalized(wire: JsonDict): TrainingBOM {
    const bom = TrainingBOM.parse(wire);
    this.currentState = 'finalized';
    this.hub.notify('onFinalize', bom);
    return bom;
  }

  private openJournal(id: string, now: number): void {
    this.journal = TrackerJournal.create(this.journalOptions as JournalOptions, id, this.logger);
    if (this.journal === undefined) return;
    this.journalPoints = this.journal.writer;
    this.journal.start(id, this.startMs, now);
    const environment = this.facts.capturedEnvironment;
    if (environment !== undefined) this.journal.record({ type: 'environment', environment: environment as unknown as JsonValue });
    this.hub.bindJournal(this.journal.writer, new Map());
  }

  private expect(call: string, state: TrackerState): void {
    if (this.currentState !== state) throw new TrackerStateError(call, this.currentState, HINTS[this.currentState]);
  }
}
