/** Whether an MLflow run's BOM is signed: its `training_bom.intoto.json` artifact, checked against `training_bom.json`. */
import { MlflowError } from '../../errors';
import type { AttestationKeyInput } from '../../attestation/attestation-key';
import { attestationStatus, type AttestationStatus } from '../../attestation/attestation-status';
import { DEFAULT_MAX_ENVELOPE_BYTES, readEnvelope } from '../../attestation/read-envelope';
import { readBomArtifact } from './bom-artifact';
import { ATTESTATION_ARTIFACT } from './conventions';
import { withMlflowClient, type MlflowClientChoice } from '../client/with-mlflow-client';

/** Options of {@link mlflowAttestationStatus}. */
export interface MlflowAttestationOptions extends MlflowClientChoice {
  /** Trusted public keys (SPKI PEM or `KeyObject`); without them the status only says whether the BOM is signed. */
  readonly keys?: readonly AttestationKeyInput[];
}

/** The attestation status of an MLflow run's BOM, with the id of that BOM. */
export interface MlflowAttestationStatus extends AttestationStatus {
  /** The id of the run's `training_bom.json`, undefined when the run has none (then it is never signed). */
  readonly bomId: string | undefined;
}

/**
 * Whether the BOM a tracker uploaded to an MLflow run (`training_bom.json`) is signed (a
 * `training_bom.intoto.json` beside it) and, given `keys`, whether that attestation verifies and is about it.
 * @throws MlflowError for an unknown run; AttestationError when the artifact is not a DSSE envelope.
 */
export async function mlflowAttestationStatus(runId: string, options: MlflowAttestationOptions = {}): Promise<MlflowAttestationStatus> {
  return withMlflowClient(options, async (client) => {
    const run = await client.getRun(runId);
    const bom = await readBomArtifact(client, run);
    if (bom === undefined) return { bomId: undefined, signed: false, verified: undefined, signatureKeyids: [] };
    let bytes: Uint8Array | undefined;
    try {
      bytes = await client.downloadArtifact(runId, ATTESTATION_ARTIFACT);
    } catch (error) {
      if (!(error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST')) throw error;
    }
    const envelope = bytes === undefined ? undefined : readEnvelope(bytes, DEFAULT_MAX_ENVELOPE_BYTES);
    return { bomId: bom.id, ...(await attestationStatus(bom, envelope, options.keys ?? [])) };
  });
}
