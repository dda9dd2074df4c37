/**
 * The DSSE JSON envelope (github.com/secure-systems-lab/dsse, envelope.md): a payload, its type, and
 * signatures over their pre-authentication encoding. A plain data shape, here so that run events and
 * sinks can carry an envelope without depending on the code that signs or verifies it (src/attestation).
 */

/** One signature of a {@link DsseEnvelope}. */
export interface DsseSignature {
  /** Unauthenticated hint naming the key (docs/attestation.md says how training-bom computes it). */
  readonly keyid?: string;
  /** Base64 of the signature over `PAE(payloadType, payload)`. */
  readonly sig: string;
}

/** A DSSE envelope; training-bom's hold an in-toto Statement v1 (`application/vnd.in-toto+json`). */
export interface DsseEnvelope {
  /** How to read the payload, e.g. `application/vnd.in-toto+json`. */
  readonly payloadType: string;
  /** Base64 of the serialized payload. */
  readonly payload: string;
  /** One or more signatures. */
  readonly signatures: readonly DsseSignature[];
}
