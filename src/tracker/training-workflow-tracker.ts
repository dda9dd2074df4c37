/**
 * TrainingWorkflowTracker: the public face of one run's lifecycle. Each call is validated, turned into a
 * run event, applied to the run state by the reducer (run-state.ts) and published once on the run's
 * event stream, to which the journal and the sink hub subscribe; `resume` and `recover` replay the
 * journal's events through the same reducer (recovery.ts). docs/architecture.md draws the picture.
 * (Over 300 lines: it is the whole public surface of a run's lifecycle, fifteen methods whose TSDoc is
 * most of the file; validation, the reducer, the stream, recovery and the journal live in files of their own.)
 */
import { AttestationError, BomValidationError, InvalidArgumentError, TrackerStateError, type ValidationIssue } from '../errors';
import type { JsonDict, JsonValue } from '../core/json-types';
import { safeDict } from '../core/safe-dict';
import { systemClock, toIsoUtc, type Clock } from '../core/clock';
import { defaultLogger, redactingLogger, type Logger } from '../core/logger';
import { redactSecretParams } from '../core/redact-json';
import { redactionTest } from '../core/secret-names';
import { redactText } from '../core/redaction';
import { DatasetInfo, type DatasetInfoInit } from '../models/dataset-info';
import type { DatasetInspection } from '../models/dataset-inspection';
import { distributedFacts, distributedReportOf, type DistributedRunReport } from '../models/distributed-run';
import { rankEnvironment } from '../reproducibility/environment/rank-environment';
import type { ModelArtifact } from '../models/model-artifact';
import { FeatureInfo } from '../models/feature-info';
import { ModelInfo } from '../models/model-info';
import { TrainingBOM } from '../models/training-bom';
import type { RunEvent } from '../events/run-event';
import type { CloseReport, SinkErrorHandler, SinkWaitOptions, TrackerSink } from '../events/tracker-sink';
import type { JournalOptions } from '../journal/journal-options';
import type { JournalState } from '../journal/journal-state';
import { lockJournal, unlockJournal } from '../journal/journal-lock';
import { journalChoice, RunJournal } from '../journal/run-journal';
import { hashModelArtifacts, type ModelArtifactOptions } from '../reproducibility/artifacts/hash-model-artifacts';
import { datasetRegistration } from '../reproducibility/dataset/dataset-init';
import { inspectDataset } from '../reproducibility/dataset/inspect-dataset';
import type { InspectDatasetOptions } from '../reproducibility/dataset/inspect-dataset-options';
import type { MetricAnomaly } from '../reproducibility/plugins/metric-anomaly';
import { RunFacts } from '../reproducibility/plugins/run-facts';
import { acceptDataQuality, acceptSeed } from './accept-facts';
import { acceptParams } from './accept-params';
import { EventStream } from './event-stream';
import { generateRunId } from './generate-run-id';
import { inSection } from './in-section';
import { HistoryBudget } from './history-budget';
import type { MetricHistory } from './metric-series';
import { isRecovered, recoveryFacts, replayJournal, type RecoveryResult } from './recovery';
import { applyEvent, newRunState, seriesOf, snapshotEvents, type RunState, type TrackerState } from './run-state';
import { SinkHub } from './sink-hub';
import type { TrackerSigning, TrainingWorkflowTrackerOptions } from './tracker-options';
import type { DsseEnvelope } from '../models/dsse-envelope';
import { signBom } from '../attestation/sign-bom';

export type { TrainingWorkflowTrackerOptions, TrackerSigning } from './tracker-options';
export type { TrackerState } from './run-state';

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
  private readonly run: RunState;
  private readonly stream = new EventStream();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly hub: SinkHub;
  private readonly facts: RunFacts;
  private closing: Promise<CloseReport> | undefined;
  private readonly isSecret: ((key: string) => boolean) | undefined;
  private readonly journalOptions: JournalOptions | undefined;
  private journal: RunJournal | undefined;
  private readonly signing: TrackerSigning | undefined;
  private attestationEnvelope: DsseEnvelope | undefined;
  private skipSigning = false;

  /** @throws {@link InvalidArgumentError} when an option is invalid (`metricHistory.maxMemoryBytes`). */
  constructor(options: TrainingWorkflowTrackerOptions = {}) {
    this.run = newRunState(new HistoryBudget(options.metricHistory));
    this.clock = options.clock ?? systemClock;
    this.logger = redactingLogger(options.logger ?? defaultLogger);
    const onError: SinkErrorHandler =
      options.onError ?? ((error) => this.logger.warn(`sink error: ${error instanceof Error ? error.message : String(error)}`));
    this.facts = new RunFacts(options, this.logger);
    const monitor: TrackerSink[] = this.facts.monitor === undefined ? [] : [this.facts.monitor];
    this.hub = new SinkHub([...monitor, ...(options.sinks ?? [])], onError);
    this.stream.subscribe(this.hub, { points: this.hub.hasMetricSinks });
    this.isSecret = redactionTest(options.redactSecrets);
    this.journalOptions = journalChoice(options.journal, (options.sinks?.length ?? 0) > 0);
    this.signing = options.sign;
  }

  /** The signed attestation of the finalized BOM (DSSE envelope) when the tracker signs (`options.sign`), else undefined. */
  get attestation(): DsseEnvelope | undefined {
    return this.attestationEnvelope;
  }

  /** The lifecycle state. */
  get state(): TrackerState {
    return this.run.lifecycle;
  }

  /** The run's BOM id once started. */
  get id(): string | undefined {
    return this.run.id;
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
    const id = trainingId ?? generateRunId(now);
    if (this.journalOptions !== undefined) this.openJournal(RunJournal.create(this.journalOptions, id, now, this.logger), new Map());
    this.emit({ type: 'start', id, startTimeMs: now, startTime: toIsoUtc(now) });
    const environment = this.facts.captureEnvironment();
    if (environment !== undefined) this.emit({ type: 'environment', environment });
    this.logger.info(`Started training session: ${id}`);
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
    const dataset = inSection('dataset_info', () => new DatasetInfo(init));
    this.facts.warnAboutDataset(inspection, size !== undefined);
    this.emit({ type: 'dataset', dataset, inspection, sizeGiven: size !== undefined });
    this.logger.info(`Registered dataset from: ${dataset.origin}`);
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
    acceptSeed(name, value);
    const clean = this.isSecret === undefined || typeof value !== 'string' ? value : redactText(value);
    this.emit({ type: 'seed', name, value: clean });
    return this;
  }

  /**
   * Records a data-quality metric (`additional_values.data_quality`): missing ratio, class balance…
   * Secrets are removed as from parameters (see `redactSecrets`).
   * @throws {@link InvalidArgumentError} for an empty key or a value that is not JSON.
   */
  logDataQuality(key: string, value: JsonValue): this {
    this.expect('logDataQuality', 'running');
    const clean = this.isSecret === undefined || typeof key !== 'string' ? value : (redactSecretParams({ [key]: value }, this.isSecret)[key]);
    acceptDataQuality(key, clean);
    this.emit({ type: 'data_quality', key, value: clean });
    return this;
  }

  /**
   * Records the files the run produced: a saved model file, several files, or a directory (every regular
   * file under it, recursively). Each file's name relative to `options.root` (`/`-separated), streamed
   * SHA-256 and size go to `additional_values.model_artifacts`, the journal and the sinks (MLflow: tags;
   * the file itself is not uploaded). Registering a name again replaces it. Symbolic links are refused
   * (or skipped with `symlinks: 'skip'`), never followed. Await it before finalizing.
   * @returns The artifacts of this call, sorted by name.
   * @throws {@link InvalidArgumentError} when a path is missing, unreadable, a link, a special file, an
   *   empty directory or outside the root; {@link TrackerStateError} unless running.
   */
  async registerModelArtifact(path: string | readonly string[], options?: ModelArtifactOptions): Promise<ModelArtifact[]> {
    this.expect('registerModelArtifact', 'running');
    const artifacts = await hashModelArtifacts(path, options);
    this.expect('registerModelArtifact', 'running');
    this.emit({ type: 'artifact', artifacts });
    const shown = artifacts.slice(0, 5).map((a) => a.name).join(', ') + (artifacts.length > 5 ? `, … ${artifacts.length - 5} more` : '');
    this.logger.info(`Registered ${artifacts.length} model artifact${artifacts.length === 1 ? '' : 's'}: ${shown}`);
    return artifacts;
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
    const copy = (list: readonly string[]): string[] => (Array.isArray(list) ? (list as readonly string[]).slice() : (list as string[]));
    const features = inSection('feature_info', () => new FeatureInfo({ originalFeatures: copy(originalFeatures), selectedFeatures: copy(selectedFeatures) }));
    this.emit({ type: 'features', features });
    this.logger.info(`Registered ${features.selectedFeatures.length} selected features from ${features.originalFeatures.length} original`);
    return this;
  }

  /**
   * Records the model type and architecture, replacing any earlier ones.
   * @throws {@link BomValidationError} with `model_info.*` paths when invalid.
   */
  registerModel(modelType: string, architecture: string): this {
    this.expect('registerModel', 'running');
    const model = inSection('model_info', () => new ModelInfo({ type: modelType, architecture }));
    this.emit({ type: 'model', model });
    this.logger.info(`Registered model: ${model.type}`);
    return this;
  }

  /**
   * Records one training parameter (any JSON value); a later value for the same key replaces it.
   * @throws {@link InvalidArgumentError} naming `mlflow_params.<key>` when the key or value is not acceptable.
   */
  logParameter(key: string, value: JsonValue): this {
    return this.logParameters({ [key]: value });
  }

  /**
   * Records several parameters at once; all or nothing.
   * @throws {@link InvalidArgumentError} naming the first bad `mlflow_params.<key>`.
   */
  logParameters(params: Readonly<Record<string, JsonValue>>): this {
    this.expect('logParameters', 'running');
    const checked = acceptParams(params);
    const accepted = this.isSecret === undefined ? checked : (redactSecretParams(checked, this.isSecret) as JsonDict);
    this.emit({ type: 'params', params: accepted });
    return this;
  }

  /**
   * Records one metric point (value, step, timestamp) and keeps the full history; O(1), no I/O.
   * NaN and ±Infinity are kept, counted and warned about once per key.
   * @throws {@link InvalidArgumentError} when the key is empty, the value not a number or the step not an integer.
   */
  logMetric(key: string, value: number, step = 0): this {
    if (this.run.lifecycle !== 'running') this.expect('logMetric', 'running');
    if (typeof value !== 'number') throw new InvalidArgumentError(`mlflow_metrics.${String(key)}`, `must be a number, got ${typeof value}`);
    if (!Number.isInteger(step)) throw new InvalidArgumentError('step', `must be an integer, got ${String(step)}`);
    let series = this.run.series.get(key);
    if (series === undefined) {
      if (typeof key !== 'string' || key === '') throw new InvalidArgumentError('mlflow_metrics', 'metric names must be non-empty strings');
      series = seriesOf(this.run, key);
    }
    const now = this.clock.now();
    series.push(value, step, now);
    this.stream.metric(key, value, step, now, series.index);
    if (value - value !== 0 && series.nonFiniteCount === 1) {
      this.logger.warn(`metric "${key}" received ${value} at step ${step}; kept in its history and in the BOM`);
    }
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
    for (const key of Object.keys(metrics)) this.logMetric(key, metrics[key], step);
    return this;
  }

  /** The full history of one metric (a copy), or `undefined` if it was never logged. */
  metricHistory(key: string): MetricHistory | undefined {
    return this.run.series.get(key)?.snapshot();
  }

  /**
   * The full history of every metric (copies), in the order first seen: what a store keeps beside the BOM
   * (`store.put(bom, { history: tracker.metricHistories() })`). Works in every state, finalized included.
   */
  metricHistories(): MetricHistory[] {
    return [...this.run.series.values()].map((series) => series.snapshot());
  }

  /** Names of every metric logged, in the order first seen. */
  metricKeys(): string[] {
    return [...this.run.series.keys()];
  }

  /** The parameters logged so far (a copy). */
  parameters(): JsonDict {
    return Object.assign(safeDict(), this.run.params);
  }

  /**
   * The owner of a distributed run (docs/distributed.md) records what the other ranks delivered, as
   * `MlflowRunSink.awaitRanks` read it from MLflow: at finalize, their latest metrics and their params
   * (under their key prefixes) join the BOM's `mlflow_metrics` and `mlflow_params` (the owner's own keys win
   * a clash), and `additional_values.distributed` lists every rank with its status (`done`, `recovered`,
   * `lost`), points delivered and environment. A later call replaces an earlier one.
   * @throws {@link BomValidationError} naming each field of `report` that is not as it must be; {@link TrackerStateError} unless running.
   */
  recordRanks(report: DistributedRunReport): this {
    this.expect('recordRanks', 'running');
    this.emit({ type: 'ranks', report: distributedReportOf(report) });
    return this;
  }

  /**
   * Records that the run is a trial of a hyper-parameter sweep (docs/distributed.md#sweeps): the parent
   * MLflow run's id goes to `additional_values.sweep.parent_run_id`, the journal and the sinks (MlflowRunSink
   * tags the run `mlflow.parentRunId`, so MLflow nests it). A later call replaces an earlier one.
   * @throws {@link InvalidArgumentError} for an empty id; {@link TrackerStateError} unless running.
   */
  registerSweep(parentRunId: string): this {
    this.expect('registerSweep', 'running');
    if (typeof parentRunId !== 'string' || parentRunId === '' || !parentRunId.isWellFormed()) throw new InvalidArgumentError('parentRunId', 'must be a non-empty string of well-formed Unicode');
    this.emit({ type: 'sweep', parentRunId });
    return this;
  }

  /**
   * Ends the run: timestamps it and returns the validated BOM; the tracker is then finalized.
   * When something is missing or invalid it throws and stays running with everything it holds.
   * @throws {@link BomValidationError} listing every missing section or invalid field;
   *   {@link TrackerStateError} unless running.
   */
  finalizeTraining(): TrainingBOM {
    return this.finalize(Math.max(this.clock.now(), this.run.startMs), undefined);
  }

  private finalize(endMs: number, recovery: JsonDict | undefined): TrainingBOM {
    this.expect('finalizeTraining', 'running');
    const run = this.run;
    const missing: ValidationIssue[] = [];
    if (run.dataset === undefined) missing.push({ path: 'dataset_info', message: 'is required: call registerDataset() before finalizeTraining()' });
    if (run.features === undefined) missing.push({ path: 'feature_info', message: 'is required: call registerFeatures() before finalizeTraining()' });
    if (run.model === undefined) missing.push({ path: 'model_info', message: 'is required: call registerModel() before finalizeTraining()' });
    if (missing.length > 0) throw new BomValidationError(missing, 'Cannot finalize training');
    const metrics = safeDict() as JsonDict;
    let points = 0;
    for (const [key, series] of run.series) {
      metrics[key] = series.latest();
      points += series.length;
    }
    const params = this.parameters();
    let facts = this.facts.toAdditionalValues(run);
    if (run.ranks !== undefined) {
      for (const rank of run.ranks.ranks) {
        for (const key of Object.keys(rank.metrics)) if (!(key in metrics)) metrics[key] = rank.metrics[key];
        for (const key of Object.keys(rank.params)) if (!(key in params)) params[key] = rank.params[key];
      }
      const distributed = distributedFacts(run.ranks, { points, environment: rankEnvironment(run.environment) });
      facts = Object.assign(facts ?? (safeDict() as JsonDict), { distributed });
    }
    if (run.sweepParent !== undefined) facts = Object.assign(facts ?? (safeDict() as JsonDict), { sweep: { parent_run_id: run.sweepParent } });
    const additionalValues = recovery === undefined ? facts : Object.assign(facts ?? (safeDict() as JsonDict), { recovery });
    const bom = new TrainingBOM({
      id: run.id as string,
      startTime: toIsoUtc(run.startMs),
      endTime: toIsoUtc(endMs),
      datasetInfo: run.dataset as DatasetInfo,
      featureInfo: run.features as FeatureInfo,
      modelInfo: run.model as ModelInfo,
      mlflowParams: params,
      mlflowMetrics: metrics,
      ...(additionalValues === undefined ? {} : { additionalValues }),
    });
    const attestation = this.attest(bom);
    this.emit(attestation === undefined ? { type: 'finalize', bom } : { type: 'finalize', bom, attestation });
    this.logger.info(`Training completed: ${bom.id}${attestation === undefined ? '' : `, signed by keyid ${attestation.signatures[0].keyid ?? '?'}`}`);
    return bom;
  }

  /**
   * Resolves when every sink has delivered what it has received so far, or a sink's wait ran out
   * (`options.timeoutMs`, else each sink's default); sink errors go to `onError`.
   */
  async flush(options: SinkWaitOptions = {}): Promise<void> {
    await this.hub.settle('flush', options);
  }

  /**
   * Flushes and closes every sink and the journal; idempotent (later calls return the first call's
   * promise). Reports what a sink could not deliver; the journal is then kept for `recover`, and deleted
   * when the run was finalized and delivered everywhere (unless its `keep` option is set). A sink waits for
   * its server at most `options.timeoutMs` (else its own default, `MlflowRunSink`: 10 s without progress).
   */
  close(options: SinkWaitOptions = {}): Promise<CloseReport> {
    this.closing ??= (async (): Promise<CloseReport> => {
      const sinks = await this.hub.settle('close', options);
      const delivered = sinks.every((r) => r.complete) && this.journal?.writer.failed !== true;
      const ended = this.run.lifecycle === 'finalized' || sinks.some((r) => r.contributionEnded === true);
      const journalPath = this.journal?.close(ended, delivered);
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
   * and is delivered as FINISHED. With `options.sign` the BOM is signed (`attestation`). When a section was never registered there is no BOM: `bom` is
   * undefined and `issues` says what is missing; the sinks still get everything. The journal is kept
   * (with the BOM appended, so recovering again gives the same BOM): delete it once the BOM is stored.
   * @throws {@link JournalError} when the file is not a journal or holds no started run.
   */
  static async recover(journalPath: string, options: TrainingWorkflowTrackerOptions = {}): Promise<RecoveryResult> {
    const tracker = new TrainingWorkflowTracker(options);
    const state = tracker.restore(journalPath, false);
    let issues: readonly ValidationIssue[] = [];
    let signingError: AttestationError | undefined;
    let bom = tracker.run.bom;
    const finalize = (): TrainingBOM => tracker.finalize(Math.max(state.lastActivityMs, tracker.run.startMs), recoveryFacts(state, tracker.clock.now()));
    if (bom === undefined) {
      try {
        bom = finalize();
      } catch (error) {
        if (error instanceof AttestationError) {
          signingError = error;   // the BOM is recovered all the same, unsigned
          tracker.skipSigning = true;
          bom = finalize();
        } else if (error instanceof BomValidationError) {
          issues = error.issues;
        } else {
          await tracker.close();
          throw error;
        }
      }
    }
    // a run finalized before the crash is signed now when asked; a recovered one was signed by finalize
    let attestation = tracker.attestationEnvelope;
    if (bom !== undefined && attestation === undefined && signingError === undefined) {
      try {
        attestation = tracker.attest(bom);
      } catch (error) {
        if (!(error instanceof AttestationError)) throw error;
        signingError = error;
      }
    }
    const delivery = await tracker.close();
    const history = tracker.metricHistories();
    const result = { id: tracker.run.id as string, bom, recovered: bom === undefined ? true : isRecovered(bom), issues, warnings: state.warnings, points: state.points, history, delivery };
    return { ...result, ...(attestation === undefined ? {} : { attestation }), ...(signingError === undefined ? {} : { signingError }) };
  }


  /**
   * Replays the journal into this tracker's run, appends to it from now on, and brings the sinks up to
   * the run's state (they read the points they have not delivered from the journal).
   */
  private restore(journalPath: string, resuming: boolean): JournalState {
    const lockPath = lockJournal(journalPath);
    try {
      const monitor = this.facts.monitor;
      const state = replayJournal(journalPath, this.run, resuming, monitor === undefined ? undefined : (k, v, s, t) => monitor.replay(k, v, s, t));
      for (const warning of state.warnings) this.logger.warn(`journal ${journalPath}: ${warning}`);
      // recover keeps the journal: the caller deletes it once the BOM is stored.
      const options = { ...this.journalOptions, keep: resuming ? this.journalOptions?.keep : true };
      this.openJournal(RunJournal.append(state, options, this.logger, lockPath, this.clock.now()), state.sinks);
      for (const event of snapshotEvents(this.run)) this.hub.onEvent(event);
      this.logger.info(`Resumed training session: ${this.run.id as string} (${state.points} points from ${journalPath})`);
      return state;
    } catch (error) {
      unlockJournal(lockPath);
      throw error;
    }
  }

  /** Subscribes the journal first (the sinks read what it wrote) and lets the sinks that use it bind to it. */
  private openJournal(journal: RunJournal | undefined, previous: JournalState['sinks']): void {
    if (journal === undefined) return;
    this.journal = journal;
    this.stream.subscribe(journal, { first: true });
    this.hub.bindJournal(journal.writer, previous);
  }

  /** Applies an event to the run and publishes it on the stream. */
  private emit(event: RunEvent): void {
    applyEvent(this.run, event);
    this.stream.publish(event);
  }

  /** The attestation of `bom` when the tracker signs (`options.sign`); a signing failure throws before the run is finalized. */
  private attest(bom: TrainingBOM): DsseEnvelope | undefined {
    if (this.signing === undefined || this.skipSigning) return undefined;
    const { key, ...options } = this.signing;
    this.attestationEnvelope = signBom(bom, key, options);
    return this.attestationEnvelope;
  }

  private expect(call: string, state: TrackerState): void {
    if (this.run.lifecycle !== state) throw new TrackerStateError(call, this.run.lifecycle, HINTS[this.run.lifecycle]);
  }
}
