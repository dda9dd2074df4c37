/**
 * `recover --sign-key` and MLflow: a recovered run's attestation travels with its `finalize` event (the sink
 * uploads it); a run finalized before the crash was delivered unsigned, so its attestation is uploaded here.
 */
import type { DsseEnvelope } from '../models/dsse-envelope';
import { uploadAttestationArtifact } from '../mlflow/bom/attestation-artifact';
import { MlflowClient } from '../mlflow/client/mlflow-client';
import type { MlflowRunSink } from '../mlflow/sink/mlflow-run-sink';
import { redactText } from '../core/redaction';
import { cliClientOptions } from './mlflow-failure';

/** The part of `recover`'s outcome this fills in. */
export interface AttestationOutcome {
  mlflow?: { run_id: string | null; complete: boolean; attestation_uploaded?: boolean };
  warnings: string[];
  problems: string[];
}

/** What `recover` knows of the run's mirroring. */
export interface MirroredRun {
  /** The sink that delivered the run, undefined when MLflow was not contacted (`--no-mlflow`, no tracking URI). */
  readonly sink: MlflowRunSink | undefined;
  /** True when the BOM was rebuilt (its `finalize` event, with the attestation, went to the sink). */
  readonly recovered: boolean;
  /** The run id the journal holds for the sink. */
  readonly journalRunId: unknown;
  readonly retryFor: number | undefined;
  /** Why MLflow was not contacted, when `sink` is undefined. */
  readonly notContacted: string;
}

const LOCAL = 'the attestation is stored locally only';

/**
 * Gets the attestation of a run that was mirrored to MLflow to its run, or says that it is stored locally
 * only: a warning when MLflow was not to be contacted, a problem (the journal is kept, so that `recover` can
 * be run again) when the upload failed.
 */
export async function deliverAttestation(outcome: AttestationOutcome, envelope: DsseEnvelope, run: MirroredRun): Promise<void> {
  const runId = run.sink?.runId ?? (typeof run.journalRunId === 'string' ? run.journalRunId : undefined);
  if (run.sink === undefined) {
    outcome.warnings.push(`${LOCAL}: the run was mirrored to MLflow${runId === undefined ? '' : ` (run ${runId})`}, which was not contacted (${run.notContacted})`);
    return;
  }
  if (runId === undefined || outcome.mlflow === undefined) {
    outcome.problems.push(`${LOCAL}: the MLflow run was never created`);
    return;
  }
  if (run.recovered) {
    // the sink uploaded it with the recovered BOM, when it delivered everything
    outcome.mlflow.attestation_uploaded = outcome.mlflow.complete;
    if (!outcome.mlflow.complete) outcome.problems.push(`${LOCAL}: the MLflow run ${runId} did not get the recovered BOM`);
    return;
  }
  const client = new MlflowClient(cliClientOptions({ retryFor: run.retryFor }));
  try {
    await uploadAttestationArtifact(client, runId, envelope);
    outcome.mlflow.attestation_uploaded = true;
  } catch (error) {
    outcome.mlflow.attestation_uploaded = false;
    outcome.problems.push(`attestation not uploaded to MLflow run ${runId}: ${redactText(error instanceof Error ? error.message : String(error))}; ${LOCAL} (run recover again to upload it)`);
  } finally {
    await client.close();
  }
}
