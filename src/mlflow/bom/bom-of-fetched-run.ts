/**
 * What createTrainingBomFromMlflow does after `runs/get`, for a run already in hand (from a search):
 * the `training_bom.json` artifact when the run has one (and the policy looks for it), else the BOM built
 * from run data.
 */
import { runMetricKeys } from './query-index';
import type { TrainingBOM } from '../../models/training-bom';
import { safeDict } from '../../core/safe-dict';
import { redactionTest, type SecretParamRule } from '../../core/secret-names';
import { readBomArtifact } from './bom-artifact';
import { bomFromRun, type BomTimestampFormat } from './bom-from-run';
import { BOM_TAGS } from './conventions';
import type { MlflowClient } from '../client/mlflow-client';
import { metricHistoryRecord } from './metric-history-record';
import type { MlflowRun } from '../client/types';

/**
 * Which runs' `training_bom.json` is looked for: `all` (what createTrainingBomFromMlflow does), `tagged`
 * (only runs tagged `training_bom.id`, as MlflowRunSink and MlflowBomStore tag every run they write: saves
 * one request per untagged run) or `none` (always build from run data).
 */
export type ArtifactPolicy = 'all' | 'tagged' | 'none';

/** The options of createTrainingBomFromMlflow, resolved, and which artifacts to look for. */
export interface FetchedRunBomSettings {
  readonly timestamps: BomTimestampFormat;
  readonly includeMetricHistory: boolean;
  readonly restoreInfinity: boolean;
  readonly artifacts: ArtifactPolicy;
  /** Secret param names of a BOM built from run data (default: the tracker's default list); false: none. */
  readonly redactSecrets?: SecretParamRule;
}

/**
 * The BOM of `run`, as createTrainingBomFromMlflow builds it (same rules, same errors), without fetching the run.
 * @throws BomValidationError for a corrupt artifact or run data that cannot make a BOM; the client's errors.
 */
export async function bomOfFetchedRun(client: MlflowClient, run: MlflowRun, settings: FetchedRunBomSettings): Promise<TrainingBOM> {
  const look = settings.artifacts === 'all' || (settings.artifacts === 'tagged' && run.tags[BOM_TAGS.bomId] !== undefined);
  const fromArtifact = look ? await readBomArtifact(client, run) : undefined;
  const history = settings.includeMetricHistory
    ? await metricHistoryRecord(client, run.info.runId, runMetricKeys(run), { pageSize: undefined, restoreInfinity: settings.restoreInfinity })
    : undefined;
  if (fromArtifact === undefined) {
    return bomFromRun(run, { timestamps: settings.timestamps, restoreInfinity: settings.restoreInfinity, metricHistory: history, isSecret: redactionTest(settings.redactSecrets) });
  }
  if (history !== undefined) {
    fromArtifact.additionalValues = Object.assign(safeDict(), fromArtifact.additionalValues, { mlflow_metric_history: history });
  }
  return fromArtifact;
}
