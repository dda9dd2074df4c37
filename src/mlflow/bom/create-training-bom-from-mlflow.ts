/** `createTrainingBomFromMlflow`: the specification's MLflow Integration Pattern against a real tracking server. */
import { runMetricKeys } from './query-index';
import { InvalidArgumentError } from '../../errors';
import type { TrainingBOM } from '../../models/training-bom';
import { safeDict } from '../../core/safe-dict';
import { redactionTest, type SecretParamRule } from '../../core/secret-names';
import { readBomArtifact } from './bom-artifact';
import { bomFromRun, type BomTimestampFormat } from './bom-from-run';
import { metricHistoryRecord } from './metric-history-record';
import type { MlflowClient } from '../client/mlflow-client';
import type { MlflowRun } from '../client/types';
import { withMlflowClient, type MlflowClientChoice } from '../client/with-mlflow-client';
import { readRunAttestation, type MlflowAttestationCheck, type RunAttestation } from './run-attestation';

/** Options of {@link createTrainingBomFromMlflow}. */
export interface CreateTrainingBomFromMlflowOptions extends MlflowClientChoice {
  /**
   * Timestamps of a BOM built from run data: `iso` (default, ISO 8601 UTC with milliseconds) or `epoch-ms`
   * (the specification's `str(run.info.start_time)`). A BOM read from the artifact keeps its own.
   */
  readonly timestamps?: BomTimestampFormat;
  /** Put every point of every metric into `additional_values.mlflow_metric_history` (default false). */
  readonly includeMetricHistory?: boolean;
  /** Points per history request (default: the server's, which sends a metric's whole history at once). */
  readonly metricHistoryPageSize?: number;
  /** Map ±1.7976931348623157e308, which is how MLflow's SQL store returns ±Infinity, back to ±Infinity (default true). */
  readonly restoreInfinity?: boolean;
  /** Use the run's `training_bom.json` artifact when it has one (default true); false always builds from run data. */
  readonly useArtifact?: boolean;
  /**
   * Secrets in a BOM built from run data, as the tracker's option of the same name: by default params whose
   * names look secret become `"***REDACTED***"` and the redaction policy applies to every param value and the
   * dataset origin; a `RegExp` or list of substrings for other names; `false` keeps the run's values. A BOM
   * read from the `training_bom.json` artifact is returned as stored.
   */
  readonly redactSecrets?: SecretParamRule;
  /**
   * Also read the run's `training_bom.intoto.json` (one more request) and say whether the BOM is signed and,
   * given `keys`, whether the attestation verifies and is about this BOM: `true`, or the keys to check with.
   * The result is then `{ bom, attestation }` ({@link MlflowBomWithAttestation}). Default false.
   */
  readonly attestation?: boolean | MlflowAttestationCheck;
}

/** A BOM read from MLflow with the status of the run's attestation (`createTrainingBomFromMlflow`'s `attestation` option). */
export interface MlflowBomWithAttestation {
  /** The BOM, as without the option. */
  readonly bom: TrainingBOM;
  /** Signed or not; verified, not verified (`problem` says why) or not checked (no keys); the envelope when well-formed. */
  readonly attestation: RunAttestation;
}

function checkOptions(runId: string, options: CreateTrainingBomFromMlflowOptions): void {
  if (typeof runId !== 'string' || runId === '') throw new InvalidArgumentError('runId', 'must be a non-empty string');
  const { timestamps, metricHistoryPageSize: size } = options;
  if (timestamps !== undefined && timestamps !== 'iso' && timestamps !== 'epoch-ms') {
    throw new InvalidArgumentError('timestamps', `must be 'iso' or 'epoch-ms', got ${JSON.stringify(timestamps)}`);
  }
  if (size !== undefined && !(Number.isSafeInteger(size) && size > 0)) {
    throw new InvalidArgumentError('metricHistoryPageSize', `must be a positive integer, got ${String(size)}`);
  }
  const check = options.attestation;
  if (check !== undefined && typeof check !== 'boolean' && (typeof check !== 'object' || check === null)) {
    throw new InvalidArgumentError('attestation', 'must be a boolean or { keys, maxEnvelopeBytes }');
  }
  if (typeof check === 'object' && check.keys !== undefined && !Array.isArray(check.keys)) throw new InvalidArgumentError('attestation.keys', 'must be an array of public keys');
  const max = typeof check === 'object' ? check.maxEnvelopeBytes : undefined;
  if (max !== undefined && !(Number.isSafeInteger(max) && max > 0)) throw new InvalidArgumentError('attestation.maxEnvelopeBytes', `must be a positive integer, got ${String(max)}`);
}

/**
 * Builds the training BOM of an MLflow run. When the run has a `training_bom.json` artifact (uploaded
 * by the SDK when a tracked run was finalized), that document is the result; otherwise the BOM is built
 * from the run's data, with id `mlflow-<runId>` (field mapping in docs/mlflow.md).
 * With `attestation`, the result is `{ bom, attestation }`: the status of the run's signed attestation
 * (a hostile or oversized envelope is reported as not verified, never thrown).
 * @throws MlflowError with `errorCode` `RESOURCE_DOES_NOT_EXIST` for an unknown run; BomValidationError
 *   for a corrupt artifact or run data that cannot make a BOM; InvalidArgumentError for bad options.
 */
export function createTrainingBomFromMlflow(runId: string, options: CreateTrainingBomFromMlflowOptions & { readonly attestation: true | MlflowAttestationCheck }): Promise<MlflowBomWithAttestation>;
export function createTrainingBomFromMlflow(runId: string, options?: CreateTrainingBomFromMlflowOptions & { readonly attestation?: false }): Promise<TrainingBOM>;
export async function createTrainingBomFromMlflow(runId: string, options: CreateTrainingBomFromMlflowOptions = {}): Promise<TrainingBOM | MlflowBomWithAttestation> {
  checkOptions(runId, options);
  const check = options.attestation;
  return withMlflowClient(options, async (client) => {
    const run = await client.getRun(runId);
    const bom = await bomOfRun(client, run, options);
    if (check === undefined || check === false) return bom;
    return { bom, attestation: await readRunAttestation(client, run, bom, check === true ? {} : check) };
  });
}

async function bomOfRun(client: MlflowClient, run: MlflowRun, options: CreateTrainingBomFromMlflowOptions): Promise<TrainingBOM> {
  const restore = options.restoreInfinity !== false;
  const fromArtifact = options.useArtifact === false ? undefined : await readBomArtifact(client, run);
  const history = options.includeMetricHistory === true
    ? await metricHistoryRecord(client, run.info.runId, runMetricKeys(run), { pageSize: options.metricHistoryPageSize, restoreInfinity: restore })
    : undefined;
  if (fromArtifact === undefined) {
    return bomFromRun(run, { timestamps: options.timestamps ?? 'iso', restoreInfinity: restore, metricHistory: history, isSecret: redactionTest(options.redactSecrets) });
  }
  if (history !== undefined) {
    fromArtifact.additionalValues = Object.assign(safeDict(), fromArtifact.additionalValues, { mlflow_metric_history: history });
  }
  return fromArtifact;
}
