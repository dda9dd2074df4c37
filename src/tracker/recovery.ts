/**
 * Rebuilding a run from its journal: the journal's event records replayed through the tracker's reducer
 * (run-state.ts), its points into the metric histories, and what `recover` reports.
 */
import { BomValidationError, JournalError, type ValidationIssue } from '../errors';
import type { JsonDict } from '../core/json-types';
import { toIsoUtc } from '../core/clock';
import type { AttestationError } from '../errors';
import type { DsseEnvelope } from '../models/dsse-envelope';
import type { TrainingBOM } from '../models/training-bom';
import type { CloseReport } from '../events/tracker-sink';
import { eventOf } from '../journal/event-records';
import { readJournal } from '../journal/read-journal';
import { JournalState } from '../journal/journal-state';
import { applyEvent, applyMetric, type RunState } from './run-state';
import type { MetricHistory } from './metric-series';

/** What `TrainingWorkflowTracker.recover` did. */
export interface RecoveryResult {
  /** The run's BOM id (the training id it started with). */
  readonly id: string;
  /** The BOM: marked as recovered (`additional_values.recovery`), or the run's own if it was finalized before the crash; undefined when a section was never registered. */
  readonly bom: TrainingBOM | undefined;
  /** True when the BOM was rebuilt from the journal, false when the run had been finalized. */
  readonly recovered: boolean;
  /** Why there is no BOM (missing sections), else empty. */
  readonly issues: readonly ValidationIssue[];
  /** What the journal reader skipped (a torn last record, unknown or invalid records). */
  readonly warnings: readonly string[];
  /** Metric points read from the journal. */
  readonly points: number;
  /** Every metric's history as the journal held it (what to store with the BOM: `store.put(bom, { history })`). */
  readonly history: MetricHistory[];
  /** What the sinks delivered and whether the journal was kept. */
  readonly delivery: CloseReport;
  /** The BOM's signed attestation when `recover` was given `sign` (a recovered BOM's predicate says it was recovered). */
  readonly attestation?: DsseEnvelope;
  /** Why the BOM could not be signed when `sign` was given (e.g. no model artifact was registered): it is recovered unsigned. */
  readonly signingError?: AttestationError;
}

/** Sees each replayed point too (the anomaly monitor, which keeps no state in the run). */
export type ReplayedPointVisitor = (key: string, value: number, step: number, timestampMs: number) => void;

/**
 * Replays the journal at `path` into `run`: every event record through the reducer, every point into
 * its metric's history. A record that no longer holds a valid event is skipped with a warning.
 * @throws {@link JournalError} when the file is not a journal, no run was started in it, or (when `resuming`) it was finalized.
 */
export function replayJournal(path: string, run: RunState, resuming: boolean, onPoint?: ReplayedPointVisitor): JournalState {
  const warnings: string[] = [];
  const state = readJournal(
    path,
    (key, value, step, timestampMs) => {
      applyMetric(run, key, value, step, timestampMs);
      onPoint?.(key, value, step, timestampMs);
    },
    (record) => {
      if (!JournalState.holdsEvent(record)) return;
      try {
        const event = eventOf(record);
        if (event !== undefined) applyEvent(run, event);
      } catch (error) {
        if (!(error instanceof BomValidationError)) throw error;
        warnings.push(`skipped ${/^[aeiou]/.test(record.type) ? 'an' : 'a'} ${record.type} record that is not valid: ${error.message}`);
      }
    },
  );
  state.warnings.push(...warnings);
  if (state.start === undefined) throw new JournalError(path, 'holds no started run (the process stopped before startTraining was journaled)');
  if (resuming && state.finalized) throw new JournalError(path, `run ${JSON.stringify(state.start.id)} was finalized; use recover to deliver it, or start a new run`);
  return state;
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
