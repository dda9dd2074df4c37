import { AttestationError } from '../errors';
import type { DsseEnvelope } from '../models/dsse-envelope';
import type { TrainingBOM } from '../models/training-bom';
import type { AttestationKeyInput } from './attestation-key';
import { SLSA_PROVENANCE_PREDICATE_TYPE } from './attestation-types';
import { verifyAttestation } from './verify-attestation';

/** Whether a BOM is signed and, given keys, whether its attestation verifies and is about that BOM. */
export interface AttestationStatus {
  /** True when an attestation (DSSE envelope) was found beside the BOM. */
  readonly signed: boolean;
  /** Undefined when unsigned or no keys were given; else whether it verified and is this BOM's. */
  readonly verified: boolean | undefined;
  /** The key id of the trusted key that verified it. */
  readonly keyid?: string;
  /** The key ids the envelope's signatures name (unauthenticated hints). */
  readonly signatureKeyids: readonly string[];
  /** Why it did not verify. */
  readonly problem?: string;
}

/**
 * The attestation status of `bom` given the envelope stored beside it (or none): with `keys`, the envelope
 * must verify ({@link verifyAttestation}) and be about this BOM: its BOM predicate equal to it, or its SLSA
 * `invocationId` its id.
 */
export async function attestationStatus(bom: TrainingBOM, envelope: unknown, keys: readonly AttestationKeyInput[] = []): Promise<AttestationStatus> {
  if (envelope === undefined) return { signed: false, verified: undefined, signatureKeyids: [] };
  const hinted = typeof envelope === 'object' && envelope !== null && Array.isArray((envelope as DsseEnvelope).signatures)
    ? (envelope as DsseEnvelope).signatures.map((s) => s.keyid).filter((k): k is string => typeof k === 'string') : [];
  if (keys.length === 0) return { signed: true, verified: undefined, signatureKeyids: hinted };
  try {
    const result = await verifyAttestation(envelope, { keys });
    const predicate = result.statement.predicate;
    const other = result.bom !== undefined
      ? result.bom.toJSONString() !== bom.toJSONString()
      : result.statement.predicateType === SLSA_PROVENANCE_PREDICATE_TYPE && (predicate.runDetails as { metadata?: { invocationId?: unknown } }).metadata?.invocationId !== bom.id;
    if (other) return { signed: true, verified: false, keyid: result.keyid, signatureKeyids: hinted, problem: `the attestation verifies but is about another BOM than ${bom.id} (edited since it was signed?)` };
    return { signed: true, verified: true, keyid: result.keyid, signatureKeyids: hinted };
  } catch (error) {
    if (!(error instanceof AttestationError)) throw error;
    return { signed: true, verified: false, signatureKeyids: hinted, problem: error.message };
  }
}
