/**
 * The tracker's reducer: a run's state as plain data, and the one function that applies each run event
 * to it. The tracker applies the events of its calls; `resume` and `recover` apply the journal's events
 * through the same functions, so a run rebuilt from its journal is the run the tracker had.
 */
import type { JsonDict } from '../core/json-types';
import { safeDict } from '../core/safe-dict';
import { toIsoUtc } from '../core/clock';
import type { DatasetInfo } from '../models/dataset-info';
import type { DatasetInspection } from '../models/dataset-inspection';
import type { DistributedRunReport } from '../models/distributed-run';
import type { EnvironmentInfo } from '../models/environment-info';
import type { FeatureInfo } from '../models/feature-info';
import { sortedArtifacts, type ModelArtifact } from '../models/model-artifact';
import type { ModelInfo } from '../models/model-info';
import type { TrainingBOM } from '../models/training-bom';
import type { RunEvent } from '../events/run-event';
import { HistoryBudget } from './history-budget';
import { MetricSeries } from './metric-series';

/** The tracker's lifecycle: `idle -> running -> finalized`. */
export type TrackerState = 'idle' | 'running' | 'finalized';

/** Everything a run has been told, as the events left it. */
export interface RunState {
  lifecycle: TrackerState;
  id: string | undefined;
  startMs: number;
  environment: EnvironmentInfo | undefined;
  dataset: DatasetInfo | undefined;
  inspection: DatasetInspection | undefined;
  sizeGiven: boolean;
  features: FeatureInfo | undefined;
  model: ModelInfo | undefined;
  readonly params: JsonDict;
  readonly seeds: Record<string, number | string>;
  readonly dataQuality: JsonDict;
  /** Registered model artifacts by name (a later registration of a name replaces it). */
  readonly artifacts: Map<string, ModelArtifact>;
  /** Every metric's history, in the order first logged (a series' `index` is its place here). */
  readonly series: Map<string, MetricSeries>;
  /** The memory budget the histories share, and their spill file. */
  readonly historyBudget: HistoryBudget;
  /** The other ranks of a distributed run, once the owner recorded them. */
  ranks: DistributedRunReport | undefined;
  /** The sweep's parent run id, when the run is a trial. */
  sweepParent: string | undefined;
  bom: TrainingBOM | undefined;
}

/** A run before `startTraining`, its histories within `historyBudget` (default: 64 MiB in memory). */
export function newRunState(historyBudget = new HistoryBudget()): RunState {
  return {
    historyBudget,
    lifecycle: 'idle', id: undefined, startMs: 0, environment: undefined, dataset: undefined, inspection: undefined, sizeGiven: false,
    features: undefined, model: undefined, params: safeDict() as JsonDict, seeds: safeDict() as Record<string, number | string>,
    dataQuality: safeDict() as JsonDict, artifacts: new Map(), series: new Map(), ranks: undefined, sweepParent: undefined, bom: undefined,
  };
}

/** Applies one event to the run. */
export function applyEvent(run: RunState, event: RunEvent): void {
  switch (event.type) {
    case 'start':
      run.lifecycle = 'running';
      run.id = event.id;
      run.startMs = event.startTimeMs;
      return;
    case 'environment':
      run.environment = event.environment;
      return;
    case 'dataset':
      run.dataset = event.dataset;
      run.inspection = event.inspection;
      run.sizeGiven = event.sizeGiven;
      return;
    case 'features':
      run.features = event.features;
      return;
    case 'model':
      run.model = event.model;
      return;
    case 'params':
      Object.assign(run.params, event.params);
      return;
    case 'seed':
      run.seeds[event.name] = event.value;
      return;
    case 'data_quality':
      run.dataQuality[event.key] = event.value;
      return;
    case 'ranks':
      run.ranks = event.report;
      return;
    case 'sweep':
      run.sweepParent = event.parentRunId;
      return;
    case 'artifact':
      for (const artifact of event.artifacts) run.artifacts.set(artifact.name, artifact);
      return;
    case 'finalize':
      run.lifecycle = 'finalized';
      run.bom = event.bom;
      return;
  }
}

/** The history of metric `key`, opened (numbered next) on its first point. */
export function seriesOf(run: RunState, key: string): MetricSeries {
  let series = run.series.get(key);
  if (series === undefined) {
    series = new MetricSeries(key, run.series.size, run.historyBudget);
    run.series.set(key, series);
  }
  return series;
}

/** Applies one metric point to the run; returns its series. */
export function applyMetric(run: RunState, key: string, value: number, step: number, timestampMs: number): MetricSeries {
  const series = seriesOf(run, key);
  series.push(value, step, timestampMs);
  return series;
}

/**
 * The events that bring a subscriber that saw nothing up to the run's current state, metric points
 * aside: what the sinks of a resumed or recovered run are told before it goes on.
 */
export function snapshotEvents(run: RunState): RunEvent[] {
  const events: RunEvent[] = [{ type: 'start', id: run.id as string, startTimeMs: run.startMs, startTime: toIsoUtc(run.startMs) }];
  if (run.environment !== undefined) events.push({ type: 'environment', environment: run.environment });
  if (run.dataset !== undefined) events.push({ type: 'dataset', dataset: run.dataset, inspection: run.inspection, sizeGiven: run.sizeGiven });
  if (run.features !== undefined) events.push({ type: 'features', features: run.features });
  if (run.model !== undefined) events.push({ type: 'model', model: run.model });
  if (Object.keys(run.params).length > 0) events.push({ type: 'params', params: Object.assign(safeDict(), run.params) });
  for (const name of Object.keys(run.seeds)) events.push({ type: 'seed', name, value: run.seeds[name] });
  for (const key of Object.keys(run.dataQuality)) events.push({ type: 'data_quality', key, value: run.dataQuality[key] });
  if (run.ranks !== undefined) events.push({ type: 'ranks', report: run.ranks });
  if (run.sweepParent !== undefined) events.push({ type: 'sweep', parentRunId: run.sweepParent });
  if (run.artifacts.size > 0) events.push({ type: 'artifact', artifacts: sortedArtifacts(run.artifacts.values()) });
  if (run.bom !== undefined) events.push({ type: 'finalize', bom: run.bom });
  return events;
}
