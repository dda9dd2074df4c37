/**
 * What createTrainingBomFromMlflow does after `runs/get`, for a run already in hand (from a search):
 * the `training_bom.json` artifact when the run has one, else the BOM built from run data.
 */
import type { JsonDict } from '../models/metadata';
import type { TrainingBOM } from '../models/training-bom';
import { safeDict } from '../serialization/extra-fields';
import { readBomArtifact } from './bom-artifact';
import { bomFromRun, type BomTimestampFormat } from './bom-from-run';
import type { MlflowClient } from './mlflow-client';
import { metricHistoryRecord } from './metric-history-record';
import type { MlflowRun } from './types';

/** The options of createTrainingBomFromMlflow, resolved. */
export interface FetchedRunBomSettings {
  readonly timestamps: BomTimestampFormat;
  readonly includeMetricHistory: boolean;
  readonly restoreInfinity: boolean;
  readonly useArtifact: boolean;
}

/**
 * The BOM of `run`, as createTrainingBomFromMlflow builds it (same rules, same errors), without fetching the run.
 * @throws BomValidationError for a corrupt artifact or run data that cannot make a BOM; the client's errors.
 */
export async function bomOfFetchedRun(client: MlflowClient, run: MlflowRun, settings: FetchedRunBomSettings): Promise<TrainingBOM> {
  const fromArtifact = settings.useArtifact ? await readBomArtifact(client, run) : undefined;
  const history = settings.includeMetricHistory
    ? await metricHistoryRecord(client, run.info.runId, Object.keys(run.metrics), { pageSize: undefined, restoreInfinity: settings.restoreInfinity })
    : undefined;
  if (fromArtifact === undefined) return bomFromRun(run, { timestamps: settings.timestamps, restoreInfinity: settings.restoreInfinity, metricHistory: history });
  if (history !== undefined) {
    fromArtifact.additionalValues = Object.assign(safeDict(), fromArtifact.additionalValues, { mlflow_metric_history: history }) as JsonDict;
  }
  return fromArtifact;
}
