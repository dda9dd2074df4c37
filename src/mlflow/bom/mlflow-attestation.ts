/** Whether an MLflow run's BOM is signed: its `training_bom.intoto.json` artifact, checked against `training_bom.json`. */
import type { AttestationKeyInput } from '../../attestation/attestation-key';
import type { AttestationStatus } from '../../attestation/attestation-status';
import { readBomArtifact } from './bom-artifact';
import { readRunAttestation } from './run-attestation';
import { withMlflowClient, type MlflowClientChoice } from '../client/with-mlflow-client';

/** Options of {@link mlflowAttestationStatus}. */
export interface MlflowAttestationOptions extends MlflowClientChoice {
  /** Trusted public keys (SPKI PEM or `KeyObject`); without them the status only says whether the BOM is signed. */
  readonly keys?: readonly AttestationKeyInput[];
  /** Largest envelope read, in bytes (default 64 MiB); a larger one is reported as invalid. */
  readonly maxEnvelopeBytes?: number;
}

/** The attestation status of an MLflow run's BOM, with the id of that BOM. */
export interface MlflowAttestationStatus extends AttestationStatus {
  /** The id of the run's `training_bom.json`, undefined when the run has none (then it is never signed). */
  readonly bomId: string | undefined;
}

/**
 * Whether the BOM a tracker uploaded to an MLflow run (`training_bom.json`) is signed (a
 * `training_bom.intoto.json` beside it) and, given `keys`, whether that attestation verifies and is about it.
 * An artifact that is not a DSSE envelope, or is larger than `maxEnvelopeBytes`, is signed and not verified.
 * @throws MlflowError for an unknown run
 */
export async function mlflowAttestationStatus(runId: string, options: MlflowAttestationOptions = {}): Promise<MlflowAttestationStatus> {
  return withMlflowClient(options, async (client) => {
    const run = await client.getRun(runId);
    const bom = await readBomArtifact(client, run);
    if (bom === undefined) return { bomId: undefined, signed: false, verified: undefined, signatureKeyids: [] };
    const { envelope: _envelope, ...status } = await readRunAttestation(client, run, bom, options);
    return { bomId: bom.id, ...status };
  });
}
