import { AttestationError } from '../errors';
import type { DsseEnvelope, DsseSignature } from '../models/dsse-envelope';

/** Largest envelope read by default, in bytes of JSON text (a BOM of 10,000 features signs to ~1 MiB). */
export const DEFAULT_MAX_ENVELOPE_BYTES = 64 * 1024 * 1024;
/** Signatures one envelope may carry, and the longest signature, key id and payload type accepted. */
const MAX_SIGNATURES = 64;
const MAX_SIG_CHARS = 16 * 1024;
const MAX_KEYID_CHARS = 1024;
const MAX_TYPE_CHARS = 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(message: string): never {
  throw new AttestationError('envelope', `not a DSSE envelope: ${message}`);
}

function parseText(input: string | Uint8Array, max: number): unknown {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > max) bad(`${size} bytes, more than the limit of ${max} (maxEnvelopeBytes)`);
  try {
    return JSON.parse(typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8'));
  } catch {
    return bad('not valid JSON');
  }
}

/**
 * Reads a DSSE JSON envelope from hostile input (JSON text, bytes, or a parsed value): size, types and
 * bounds are checked before anything is decoded; unknown fields are ignored, as they are unauthenticated.
 * @throws {@link AttestationError} (`envelope`) naming the field that is wrong.
 */
export function readEnvelope(input: unknown, maxBytes = DEFAULT_MAX_ENVELOPE_BYTES): DsseEnvelope {
  const value = typeof input === 'string' || input instanceof Uint8Array ? parseText(input, maxBytes) : input;
  if (!isObject(value)) return bad('must be a JSON object');
  const { payloadType, payload, signatures } = value;
  if (typeof payloadType !== 'string' || payloadType === '' || payloadType.length > MAX_TYPE_CHARS) bad('payloadType must be a non-empty string');
  if (typeof payload !== 'string') bad('payload must be a base64 string');
  if ((payload).length > maxBytes) bad(`payload is longer than the limit of ${maxBytes} characters (maxEnvelopeBytes)`);
  if (!Array.isArray(signatures) || signatures.length === 0) bad('signatures must be a non-empty array');
  const list = signatures as unknown[];
  if (list.length > MAX_SIGNATURES) bad(`more than ${MAX_SIGNATURES} signatures`);
  const checked: DsseSignature[] = list.map((signature, index) => {
    if (!isObject(signature)) return bad(`signatures.${index} must be an object`);
    if (typeof signature.sig !== 'string' || signature.sig === '' || signature.sig.length > MAX_SIG_CHARS) bad(`signatures.${index}.sig must be a base64 string`);
    if (signature.keyid !== undefined && (typeof signature.keyid !== 'string' || signature.keyid.length > MAX_KEYID_CHARS)) bad(`signatures.${index}.keyid must be a string`);
    return signature.keyid === undefined || signature.keyid === '' ? { sig: signature.sig } : { keyid: signature.keyid, sig: signature.sig };
  });
  return { payloadType: payloadType, payload: payload, signatures: checked };
}
