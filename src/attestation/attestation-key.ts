/**
 * Keys for attestations, with node:crypto only: Ed25519, and ECDSA P-256 with SHA-256 and DER signatures
 * (what pyca/cryptography, securesystemslib and cosign produce and expect). Key material never reaches a
 * message: errors say what kind of problem it was, never what was read.
 */
import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { AttestationError } from '../errors';

/** The signature algorithms: `ed25519`, or `ecdsa-p256` (ECDSA over NIST P-256 with SHA-256, DER). */
export type KeyAlgorithm = 'ed25519' | 'ecdsa-p256';

/** A key given to sign or verify: a `KeyObject`, or PEM text (PKCS#8 private, SPKI public) as a string or bytes. */
export type AttestationKeyInput = KeyObject | string | Uint8Array;

/** A key checked and ready to use, with its algorithm and key id. */
export interface AttestationKey {
  /** The node:crypto key (private to sign, public to verify). */
  readonly key: KeyObject;
  /** Which algorithm it signs with. */
  readonly algorithm: KeyAlgorithm;
  /** securesystemslib's default key id of the public key (docs/attestation.md, "Key ids"). */
  readonly keyid: string;
}

function algorithmOf(key: KeyObject): KeyAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  const kind = key.asymmetricKeyType === 'ec' ? `ec ${key.asymmetricKeyDetails?.namedCurve ?? '?'}` : (key.asymmetricKeyType ?? key.type);
  throw new AttestationError('key', `unsupported key type ${kind}: use ed25519 or ecdsa-p256 (ECDSA over NIST P-256)`);
}

/** OLPC canonical JSON of a string, as securesystemslib writes it: only `\` and `"` are escaped. */
function canonicalString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The key id securesystemslib computes by default (`SSlibKey.from_crypto`): the hex SHA-256 of the canonical
 * JSON of `{keytype, scheme, keyval: {public}}`, the public value the raw key in hex for Ed25519 and the SPKI
 * PEM for ECDSA. Third-party verifiers built on securesystemslib match signatures to keys by this id.
 */
export function keyIdOf(publicKey: KeyObject): string {
  const algorithm = algorithmOf(publicKey);
  const [keytype, scheme, value] = algorithm === 'ed25519'
    ? ['ed25519', 'ed25519', Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('hex')]
    : ['ecdsa', 'ecdsa-sha2-nistp256', publicKey.export({ format: 'pem', type: 'spki' }) as string];
  const canonical = `{"keytype":${canonicalString(keytype)},"keyval":{"public":${canonicalString(value)}},"scheme":${canonicalString(scheme)}}`;
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function passphraseFrom(variable: string | undefined): string | undefined {
  if (variable === undefined) return undefined;
  if (typeof variable !== 'string' || variable === '') throw new AttestationError('key', 'passphraseEnv must name an environment variable');
  const value = process.env[variable];
  if (value === undefined || value === '') throw new AttestationError('key', `the passphrase variable ${variable} is not set`);
  return value;
}

function isPemInput(input: unknown): input is string | Uint8Array {
  return typeof input === 'string' || input instanceof Uint8Array;
}

/**
 * Reads a private key to sign with: a private `KeyObject`, or PKCS#8 PEM, encrypted with the passphrase held
 * by the environment variable `passphraseEnv` when it is.
 * @throws {@link AttestationError} (`key`) when it cannot be read, is not private, or is neither Ed25519 nor P-256.
 */
export function privateKeyOf(input: AttestationKeyInput, passphraseEnv?: string): AttestationKey {
  let key: KeyObject;
  if (input instanceof KeyObject) {
    if (input.type !== 'private') throw new AttestationError('key', `a ${input.type} key cannot sign: give the private key`);
    key = input;
  } else if (isPemInput(input)) {
    const passphrase = passphraseFrom(passphraseEnv);
    const text = Buffer.from(input).toString('latin1');
    if (/-----BEGIN PUBLIC KEY-----/.test(text) && !/PRIVATE KEY-----/.test(text)) throw new AttestationError('key', 'a public key cannot sign: give the private key');
    const encrypted = text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    if (encrypted && passphrase === undefined) throw new AttestationError('key', 'the private key is encrypted: name the environment variable that holds its passphrase (passphraseEnv, --passphrase-env)');
    try {
      key = createPrivateKey(passphrase === undefined ? { key: Buffer.from(input), format: 'pem' } : { key: Buffer.from(input), format: 'pem', passphrase });
    } catch {
      // node's message is safe today, but a cause may be logged whole: say what went wrong in our words only.
      throw new AttestationError('key', encrypted ? 'the private key could not be decrypted: wrong passphrase, or not a PKCS#8 key' : 'the private key could not be read: not a PEM private key');
    }
  } else {
    throw new AttestationError('key', 'the key must be a KeyObject or PEM text');
  }
  return { key, algorithm: algorithmOf(key), keyid: keyIdOf(createPublicKey(key)) };
}

/**
 * Reads a public key to verify with: a `KeyObject` (a private one gives its public half) or SPKI PEM.
 * @throws {@link AttestationError} (`key`) when it cannot be read or is neither Ed25519 nor P-256.
 */
export function publicKeyOf(input: AttestationKeyInput, what = 'key'): AttestationKey {
  let key: KeyObject;
  if (input instanceof KeyObject) {
    if (input.type === 'secret') throw new AttestationError('key', `${what}: a secret key cannot verify signatures`);
    key = input.type === 'private' ? createPublicKey(input) : input;
  } else if (isPemInput(input)) {
    const text = Buffer.from(input).toString('latin1');
    if (text.includes('PRIVATE KEY-----')) throw new AttestationError('key', `${what} is a private key: verify with the public key (.pub)`);
    try {
      key = createPublicKey({ key: Buffer.from(input), format: 'pem' });
    } catch {
      throw new AttestationError('key', `${what} could not be read: not a PEM public key (SPKI)`);
    }
  } else {
    throw new AttestationError('key', `${what} must be a KeyObject or PEM text`);
  }
  return { key, algorithm: algorithmOf(key), keyid: keyIdOf(key) };
}

/** Signs `data` (Ed25519, or ECDSA P-256/SHA-256 with a DER signature). */
export function signBytes(key: AttestationKey, data: Uint8Array): Buffer {
  return key.algorithm === 'ed25519' ? sign(null, data, key.key) : sign('sha256', data, { key: key.key, dsaEncoding: 'der' });
}

/** Whether `signature` is `key`'s over `data`; a malformed signature is simply not one. */
export function verifyBytes(key: AttestationKey, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return key.algorithm === 'ed25519'
      ? verify(null, data, key.key, signature)
      : verify('sha256', data, { key: key.key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}
