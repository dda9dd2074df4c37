/** A run's `training_bom.intoto.json`, read as hostile input, and its status against the BOM read from the same run. */
import { AttestationError, MlflowError } from '../../errors';
import type { AttestationKeyInput } from '../../attestation/attestation-key';
import { attestationStatus, type AttestationStatus } from '../../attestation/attestation-status';
import { DEFAULT_MAX_ENVELOPE_BYTES, readEnvelope } from '../../attestation/read-envelope';
import type { DsseEnvelope } from '../../models/dsse-envelope';
import type { TrainingBOM } from '../../models/training-bom';
import { isProxied } from './bom-artifact';
import { ATTESTATION_ARTIFACT } from './conventions';
import type { MlflowClient } from '../client/mlflow-client';
import type { MlflowRun } from '../client/types';

/** What to check of a run's attestation (`createTrainingBomFromMlflow`'s `attestation` option). */
export interface MlflowAttestationCheck {
  /** Trusted public keys (SPKI PEM or `KeyObject`); without them the status says only whether the BOM is signed. */
  readonly keys?: readonly AttestationKeyInput[];
  /** Largest envelope read, in bytes (default 64 MiB); a larger one is reported as invalid, and not read further. */
  readonly maxEnvelopeBytes?: number;
}

/** The attestation status of a BOM read from MLflow, with the envelope when the run had a well-formed one. */
export interface RunAttestation extends AttestationStatus {
  /** The run's envelope as read (only its checked fields), undefined when unsigned or not a DSSE envelope. */
  readonly envelope?: DsseEnvelope;
}

/**
 * The `training_bom.intoto.json` of `run` checked against `bom`: unsigned when the run has none; signed and
 * invalid (`verified: false`, `problem`) when it is larger than the limit or not a DSSE envelope, whether or
 * not keys were given; else {@link attestationStatus}.
 * @throws MlflowError other than a missing artifact
 */
export async function readRunAttestation(client: MlflowClient, run: MlflowRun, bom: TrainingBOM, check: MlflowAttestationCheck = {}): Promise<RunAttestation> {
  const unsigned = { signed: false, verified: undefined, signatureKeyids: [] };
  if (!isProxied(run)) return unsigned;
  const max = check.maxEnvelopeBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
  let bytes: Uint8Array;
  try {
    bytes = await client.downloadArtifact(run.info.runId, ATTESTATION_ARTIFACT, { maxBytes: max });
  } catch (error) {
    if (error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST') return unsigned;
    throw error;
  }
  let envelope: DsseEnvelope;
  try {
    if (bytes.byteLength > max) throw new AttestationError('envelope', `not a DSSE envelope: larger than the limit of ${max} bytes (maxEnvelopeBytes)`);
    envelope = readEnvelope(bytes, max);
  } catch (error) {
    if (!(error instanceof AttestationError)) throw error;
    return { signed: true, verified: false, signatureKeyids: [], problem: `${ATTESTATION_ARTIFACT}: ${error.message}` };
  }
  return { ...(await attestationStatus(bom, envelope, check.keys ?? [])), envelope };
}
