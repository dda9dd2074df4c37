import { AttestationError, InvalidArgumentError } from '../errors';
import type { TrainingBOM } from '../models/training-bom';
import { publicKeyOf, verifyBytes, type AttestationKey, type AttestationKeyInput } from './attestation-key';
import { IN_TOTO_PAYLOAD_TYPE, type InTotoStatement } from './attestation-types';
import { decodeBase64 } from './base64';
import { checkPredicate } from './check-predicate';
import { matchArtifacts, type CheckedArtifact } from './match-artifacts';
import { preAuthEncoding } from './pae';
import { DEFAULT_MAX_ENVELOPE_BYTES, readEnvelope } from './read-envelope';
import { checkStatement } from './statement';

/** Options of {@link verifyAttestation}. */
export interface VerifyAttestationOptions {
  /** The public keys trusted to sign (SPKI PEM or `KeyObject`); one valid signature by any of them suffices. */
  readonly keys: readonly AttestationKeyInput[];
  /** Files or directories whose every file must match a subject. */
  readonly artifacts?: readonly string[];
  /** Largest envelope text accepted, in bytes (default 64 MiB). */
  readonly maxEnvelopeBytes?: number;
}

/** What a verified attestation says. */
export interface VerifiedAttestation {
  /** The key id of the trusted key whose signature verified. */
  readonly keyid: string;
  /** The signed in-toto Statement. */
  readonly statement: InTotoStatement;
  /** The BOM, when the predicate is one. */
  readonly bom: TrainingBOM | undefined;
  /** The files checked against the subjects (empty when none were given). */
  readonly artifacts: readonly CheckedArtifact[];
}

function short(keyid: string | undefined): string {
  return keyid === undefined ? 'no keyid' : `keyid ${keyid.length > 16 ? `${keyid.slice(0, 16)}…` : keyid}`;
}

/** The first trusted key with a valid signature over the PAE, else an error naming each signature. */
function acceptedKey(pae: Buffer, signatures: ReturnType<typeof readEnvelope>['signatures'], keys: readonly AttestationKey[]): AttestationKey {
  const failures: string[] = [];
  for (const [index, signature] of signatures.entries()) {
    const sig = decodeBase64(signature.sig, `signatures.${index}.sig`);
    const key = keys.find((k) => verifyBytes(k, pae, sig));
    if (key !== undefined) return key;
    failures.push(`signature ${index} (${short(signature.keyid)}) is not valid for any given key`);
  }
  throw new AttestationError('signature', `no signature verifies: ${failures.join('; ')} (keys given: ${keys.map((k) => short(k.keyid)).join(', ')})`);
}

/**
 * Verifies a DSSE attestation (JSON text, bytes or a parsed envelope) as DSSE requires: a signature by one of
 * `keys` over the pre-authentication encoding, then the payload type (`application/vnd.in-toto+json`), an
 * in-toto Statement v1, a valid predicate (a BOM strictly, SLSA Provenance v1 or CycloneDX by shape), and,
 * for `artifacts`, that every file matches a subject. Standard and URL-safe base64 are both accepted.
 * @throws {@link AttestationError} whose `reason` says which check failed and whose message names what did not match.
 */
export async function verifyAttestation(envelope: unknown, options: VerifyAttestationOptions): Promise<VerifiedAttestation> {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.keys) || options.keys.length === 0) {
    throw new InvalidArgumentError('keys', 'give at least one public key to verify with');
  }
  const keys = (options.keys as readonly AttestationKeyInput[]).map((key, index) => publicKeyOf(key, `keys.${index}`));
  const read = readEnvelope(envelope, options.maxEnvelopeBytes ?? DEFAULT_MAX_ENVELOPE_BYTES);
  const payload = decodeBase64(read.payload, 'payload');
  const signer = acceptedKey(preAuthEncoding(read.payloadType, payload), read.signatures, keys);
  if (read.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new AttestationError('payload-type', `payloadType ${JSON.stringify(read.payloadType.slice(0, 200))} is not ${IN_TOTO_PAYLOAD_TYPE}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new AttestationError('statement', 'the payload is not JSON');
  }
  const statement = checkStatement(parsed);
  const bom = checkPredicate(statement.predicateType, statement.predicate);
  const artifacts = options.artifacts === undefined ? [] : await matchArtifacts(options.artifacts, statement.subject);
  return { keyid: signer.keyid, statement, bom, artifacts };
}
