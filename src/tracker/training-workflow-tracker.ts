// Over 300 lines: the tracker is the public surface of one lifecycle; its helpers (params, secrets, facts, sinks) live in their own files.
import { BomValidationError, InvalidArgumentError, TrackerStateError, type ValidationIssue } from '../errors';
import { DatasetInfo, type DatasetInfoInit } from '../models/dataset-info';
import { FeatureInfo } from '../models/feature-info';
import type { JsonDict, JsonValue } from '../models/metadata';
import { ModelInfo } from '../models/model-info';
import { TrainingBOM } from '../models/training-bom';
import { datasetRegistration } from '../reproducibility/dataset-init';
import type { DatasetInspection } from '../reproducibility/dataset-inspection';
import { inspectDataset } from '../reproducibility/inspect-dataset';
import type { InspectDatasetOptions } from '../reproducibility/inspect-dataset-options';
import type { MetricAnomaly } from '../reproducibility/metric-anomaly';
import { RunFacts } from '../reproducibility/run-facts';
import { safeDict } from '../serialization/extra-fields';
import { acceptParams } from './accept-params';
import { redactSecretParams, secretKeyTest } from './secret-params';
import { sanitizeUrls } from '../mlflow/redaction';
import { systemClock, toIsoUtc, type Clock } from './clock';
import { generateRunId } from './generate-run-id';
import { inSection } from './in-section';
import { defaultLogger, type Logger } from './logger';
import { MetricSeries, type MetricHistory } from './metric-series';
import { SinkHub } from './sink-hub';
import type { TrainingWorkflowTrackerOptions } from './tracker-options';
import type { SinkErrorHandler, TrackerSink } from './tracker-sink';

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
  private closing: Promise<void> | undefined;
  private readonly isSecret: ((key: string) => boolean) | undefined;

  constructor(options: TrainingWorkflowTrackerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? defaultLogger;
    const onError: SinkErrorHandler =
      options.onError ?? ((error) => this.logger.warn(`sink error: ${error instanceof Error ? error.message : String(error)}`));
    this.facts = new RunFacts(options, this.logger);
    const monitor: TrackerSink[] = this.facts.monitor === undefined ? [] : [this.facts.monitor];
    this.hub = new SinkHub([...monitor, ...(options.sinks ?? [])], onError);
    this.isSecret = options.redactSecrets === false ? undefined : secretKeyTest(options.redactSecrets);
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
    const { init, inspection } = datasetRegistration(what, size);
    const clean = this.isSecret !== undefined && typeof init.origin === 'string' ? { ...init, origin: sanitizeUrls(init.origin) } : init;
    this.dataset = inSection('dataset_info', () => new DatasetInfo(clean));
    this.facts.setDataset(inspection, size !== undefined);
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
    this.facts.seed(name, value);
    return this;
  }

  /**
   * Records a data-quality metric (`additional_values.data_quality`): missing ratio, class balance…
   * @throws {@link InvalidArgumentError} for an empty key or a value that is not JSON.
   */
  logDataQuality(key: string, value: JsonValue): this {
    this.expect('logDataQuality', 'running');
    this.facts.quality(key, value);
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
      series = new MetricSeries(key);
      this.series.set(key, series);
    }
    const now = this.clock.now();
    series.push(value, step, now);
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
    this.expect('finalizeTraining', 'running');
    const missing: ValidationIssue[] = [];
    if (this.dataset === undefined) missing.push({ path: 'dataset_info', message: 'is required: call registerDataset() before finalizeTraining()' });
    if (this.features === undefined) missing.push({ path: 'feature_info', message: 'is required: call registerFeatures() before finalizeTraining()' });
    if (this.model === undefined) missing.push({ path: 'model_info', message: 'is required: call registerModel() before finalizeTraining()' });
    if (missing.length > 0) throw new BomValidationError(missing, 'Cannot finalize training');
    const metrics = safeDict() as JsonDict;
    for (const [key, series] of this.series) metrics[key] = series.latest();
    const endMs = Math.max(this.clock.now(), this.startMs);
    const additionalValues = this.facts.toAdditionalValues();
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
    this.logger.info(`Training completed: ${bom.id}`);
    this.hub.notify('onFinalize', bom);
    return bom;
  }

  /** Resolves when every sink has delivered what it has received so far; sink errors go to `onError`. */
  async flush(): Promise<void> {
    await this.hub.settle('flush');
  }

  /** Flushes and closes every sink; idempotent (later calls return the first call's promise). */
  close(): Promise<void> {
    this.closing ??= this.hub.settle('close');
    return this.closing;
  }

  private expect(call: string, state: TrackerState): void {
    if (this.currentState !== state) throw new TrackerStateError(call, this.currentState, HINTS[this.currentState]);
  }
}
