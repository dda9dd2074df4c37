import { JournalError, type ValidationIssue } from '../errors';
import type { DatasetInfoInit } from '../models/dataset-info';
import type { JsonDict } from '../core/json-types';
import type { TrainingBOM } from '../models/training-bom';
import type { JournalState } from '../journal/journal-state';
import type { DatasetInspection } from '../models/dataset-inspection';
import type { EnvironmentInfo } from '../models/environment-info';
import { toIsoUtc } from '../core/clock';
import type { CloseReport } from '../events/tracker-sink';

/** What `TrainingWorkflowTracker.recover` did. */
export interface RecoveryResult {
  /** The BOM: marked as recovered (`additional_values.recovery`), or the run's own if it was finalized before the crash; undefined when a section was never registered. */
  readonly bom: TrainingBOM | undefined;
  /** True when the BOM was rebuilt from the journal, false when the run had been finalized. */
  readonly recovered: boolean;
  /** Why there is no BOM (missing sections), else empty. */
  readonly issues: readonly ValidationIssue[];
  /** What the journal reader skipped (a torn last record, unknown records). */
  readonly warnings: readonly string[];
  /** Metric points read from the journal. */
  readonly points: number;
  /** What the sinks delivered and whether the journal was kept. */
  readonly delivery: CloseReport;
}

/** A journaled run's sections in the forms the tracker takes. */
export interface RestoredRun {
  readonly id: string;
  readonly startMs: number;
  readonly environment: EnvironmentInfo | undefined;
  readonly dataset: DatasetInfoInit | undefined;
  readonly inspection: DatasetInspection | undefined;
  readonly sizeGiven: boolean;
  readonly features: { readonly originalFeatures: string[]; readonly selectedFeatures: string[] } | undefined;
  readonly model: { readonly type: string; readonly architecture: string } | undefined;
}

/**
 * The run a journal holds, in the tracker's terms.
 * @throws {@link JournalError} when no run was started in it, or (when `resuming`) it was finalized.
 */
export function restoredRun(state: JournalState, resuming: boolean): RestoredRun {
  if (state.start === undefined) throw new JournalError(state.path, 'holds no started run (the process stopped before startTraining was journaled)');
  if (resuming && state.finalBom !== undefined) throw new JournalError(state.path, `run ${JSON.stringify(state.start.id)} was finalized; use recover to deliver it, or start a new run`);
  const dataset = state.dataset;
  return {
    id: state.start.id,
    startMs: state.start.startMs,
    environment: state.environment as EnvironmentInfo | undefined,
    dataset: dataset === undefined ? undefined : { origin: dataset.dataset['origin'] as string, size: dataset.dataset['size'] as number },
    inspection: dataset?.inspection === null || dataset === undefined ? undefined : (dataset.inspection as unknown as DatasetInspection),
    sizeGiven: dataset?.sizeGiven ?? false,
    features: state.features === undefined ? undefined : { originalFeatures: [...state.features.original], selectedFeatures: [...state.features.selected] },
    model: state.model,
  };
}

/** `additional_values.recovery` of a BOM rebuilt from a journal. */
export function recoveryFacts(state: JournalState, nowMs: number): JsonDict {
  return {
    recovered_at: toIsoUtc(nowMs),
    end_time: 'last journal record',
    journal_points: state.points,
    torn_bytes: state.tornBytes,
    resumes: state.resumes,
  };
}

/** Whether a BOM was rebuilt from a journal by `recover` (it holds `additional_values.recovery`). */
export function isRecovered(bom: TrainingBOM): boolean {
  const recovery = bom.additionalValues?.['recovery'];
  return typeof recovery === 'object' && recovery !== null;
}
