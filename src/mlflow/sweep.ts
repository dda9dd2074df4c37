/**
 * Hyper-parameter sweeps in MLflow (docs/distributed.md#sweeps): a parent run, one child run (and one BOM)
 * per trial linked the way MLflow links nested runs (`mlflow.parentRunId`), trials in any process; the
 * summary names every trial and the best by a chosen metric, read from MLflow's search (no artifact
 * downloads), and `finishSweep` writes it on the parent run.
 */
import { InvalidArgumentError } from '../errors';
import { BOM_TAGS, MLFLOW_PARENT_RUN_TAG } from './bom/conventions';
import type { MlflowClient } from './client/mlflow-client';
import { tagEqualsFilter } from './client/search-filter';
import type { MlflowRun } from './client/types';
import { withMlflowClient, type MlflowClientChoice } from './client/with-mlflow-client';

/** Whether the best trial has the highest or the lowest value of the sweep's metric. */
export type SweepGoal = 'maximize' | 'minimize';

/** Options of {@link startSweep}. */
export interface StartSweepOptions extends MlflowClientChoice {
  /** The parent run's name. */
  readonly name: string;
  /** The metric that ranks the trials (a key every trial logs, e.g. `accuracy`). */
  readonly metric: string;
  /** Default `maximize`. */
  readonly goal?: SweepGoal;
  /** Experiment of the parent run (default: the client's, else `Default`); trials go in the same one. */
  readonly experimentName?: string;
  /** Params of the parent run, e.g. the search space (`learning_rate: "[1e-4, 1e-1] log-uniform"`). */
  readonly params?: Readonly<Record<string, string>>;
}

/** A started sweep: give `runId` to each trial's sink as `parentRunId`. */
export interface SweepRun {
  /** The parent run's id. */
  readonly runId: string;
  /** The experiment the trials go in. */
  readonly experimentId: string;
}

/** One trial of a sweep, as MLflow has it. */
export interface SweepTrial {
  /** The trial's MLflow run id. */
  readonly runId: string;
  /** Its run name. */
  readonly runName: string;
  /** Its BOM id (tag `training_bom.id`), when a training-bom sink made it. */
  readonly bomId: string | null;
  /** MLflow's run status (`FINISHED`, `RUNNING`, `FAILED`, `KILLED`). */
  readonly status: string;
  /** The latest value of the sweep's metric; null when the trial has none or it is not finite. */
  readonly value: number | null;
  /** Its params. */
  readonly params: Readonly<Record<string, string>>;
  /** Start time, epoch ms. */
  readonly startTime: number;
}

/** A sweep and its trials. */
export interface SweepSummary {
  /** The parent run's id. */
  readonly parentRunId: string;
  /** The parent run's name. */
  readonly name: string;
  /** The metric that ranks the trials. */
  readonly metric: string;
  /** Whether higher or lower is better. */
  readonly goal: SweepGoal;
  /** Every trial, by start time. */
  readonly trials: readonly SweepTrial[];
  /** The FINISHED trial with the best finite value (the earliest on a tie), or null. */
  readonly best: SweepTrial | null;
}

/** Options of {@link sweepSummary} and {@link finishSweep}: the metric and goal default to the parent's tags. */
export interface SweepSummaryOptions extends MlflowClientChoice {
  /** Rank by this metric instead of the one the sweep was started with. */
  readonly metric?: string;
  /** Rank by this goal instead of the one the sweep was started with. */
  readonly goal?: SweepGoal;
}

/** Tags of a sweep's parent run. */
export const SWEEP_TAGS = Object.freeze({
  /** The metric that ranks the trials. */
  metric: 'training_bom.sweep.metric',
  /** `maximize` or `minimize`. */
  goal: 'training_bom.sweep.goal',
  /** How many trials the sweep had when it was finished. */
  trials: 'training_bom.sweep.trials',
  /** The best trial's run id. */
  bestRunId: 'training_bom.sweep.best_run_id',
  /** The best trial's value of the metric. */
  bestValue: 'training_bom.sweep.best_value',
});

/** The parent run's artifact holding the {@link SweepSummary} as JSON, written by {@link finishSweep}. */
export const SWEEP_ARTIFACT = 'training_bom_sweep.json';

function goalOf(value: unknown, path: string): SweepGoal {
  if (value === 'maximize' || value === 'minimize') return value;
  throw new InvalidArgumentError(path, `must be "maximize" or "minimize", got ${JSON.stringify(value)}`);
}

/**
 * Creates a sweep's parent run (RUNNING; tagged with the metric and goal).
 * @throws InvalidArgumentError for an empty name or metric, or an unknown goal; the client's errors.
 */
export async function startSweep(options: StartSweepOptions): Promise<SweepRun> {
  if (typeof options.name !== 'string' || options.name === '') throw new InvalidArgumentError('name', 'must be a non-empty string');
  if (typeof options.metric !== 'string' || options.metric === '') throw new InvalidArgumentError('metric', 'must be a non-empty metric name');
  const goal = goalOf(options.goal ?? 'maximize', 'goal');
  return withMlflowClient(options, async (client) => {
    const experiment = await client.getOrCreateExperiment(options.experimentName ?? client.experimentName ?? 'Default');
    const run = await client.createRun({
      experimentId: experiment.experimentId, runName: options.name, startTime: Date.now(),
      tags: { [SWEEP_TAGS.metric]: options.metric, [SWEEP_TAGS.goal]: goal },
    });
    const params = Object.entries(options.params ?? {}).map(([key, value]) => ({ key, value }));
    if (params.length > 0) await client.logBatch(run.info.runId, { params });
    return { runId: run.info.runId, experimentId: experiment.experimentId };
  });
}

function trialOf(run: MlflowRun, metric: string): SweepTrial {
  const value = run.metrics[metric]?.value;
  return {
    runId: run.info.runId, runName: run.info.runName, bomId: run.tags[BOM_TAGS.bomId] ?? null, status: run.info.status,
    value: typeof value === 'number' && Number.isFinite(value) ? value : null, params: run.params, startTime: run.info.startTime ?? 0,
  };
}

async function summarize(client: MlflowClient, parentRunId: string, options: SweepSummaryOptions): Promise<SweepSummary> {
  const parent = await client.getRun(parentRunId);
  const metric = options.metric ?? parent.tags[SWEEP_TAGS.metric];
  if (metric === undefined || metric === '') throw new InvalidArgumentError('metric', `run ${parentRunId} was not started as a sweep (no ${SWEEP_TAGS.metric} tag): give the metric`);
  const goal = goalOf(options.goal ?? parent.tags[SWEEP_TAGS.goal] ?? 'maximize', 'goal');
  const { filter, exact } = tagEqualsFilter(MLFLOW_PARENT_RUN_TAG, parentRunId);
  const trials: SweepTrial[] = [];
  for await (const run of client.searchRuns({ experimentIds: [parent.info.experimentId], filter, orderBy: ['attributes.start_time ASC'] })) {
    if (exact || run.tags[MLFLOW_PARENT_RUN_TAG] === parentRunId) trials.push(trialOf(run, metric));
  }
  trials.sort((a, b) => a.startTime - b.startTime || (a.runId < b.runId ? -1 : 1));
  let best: SweepTrial | null = null;
  for (const trial of trials) {
    if (trial.status !== 'FINISHED' || trial.value === null) continue;
    if (best === null || (goal === 'maximize' ? trial.value > (best.value as number) : trial.value < (best.value as number))) best = trial;
  }
  return { parentRunId, name: parent.info.runName, metric, goal, trials, best };
}

/**
 * Every trial of the sweep whose parent is `parentRunId`, and the best one, from MLflow's search.
 * @throws InvalidArgumentError when no metric is known or the goal is unknown; the client's errors (e.g. no such run).
 */
export function sweepSummary(parentRunId: string, options: SweepSummaryOptions = {}): Promise<SweepSummary> {
  return withMlflowClient(options, (client) => summarize(client, parentRunId, options));
}

/**
 * Ends a sweep: tags the parent run with the number of trials and the best trial and its value, uploads the
 * summary as its `training_bom_sweep.json` artifact, and marks it FINISHED. Returns the summary.
 * @throws as {@link sweepSummary}.
 */
export function finishSweep(parentRunId: string, options: SweepSummaryOptions = {}): Promise<SweepSummary> {
  return withMlflowClient(options, async (client) => {
    const summary = await summarize(client, parentRunId, options);
    const tags = [
      { key: SWEEP_TAGS.metric, value: summary.metric }, { key: SWEEP_TAGS.goal, value: summary.goal }, { key: SWEEP_TAGS.trials, value: String(summary.trials.length) },
      ...(summary.best === null ? [] : [{ key: SWEEP_TAGS.bestRunId, value: summary.best.runId }, { key: SWEEP_TAGS.bestValue, value: String(summary.best.value) }]),
    ];
    await client.logBatch(parentRunId, { tags });
    await client.uploadArtifact(parentRunId, SWEEP_ARTIFACT, JSON.stringify(summary, null, 2), { contentType: 'application/json' });
    await client.updateRun(parentRunId, { status: 'FINISHED', endTime: Date.now() });
    return summary;
  });
}
