import { generateKeyPairSync } from 'node:crypto';
import { InvalidArgumentError } from '../errors';
import { keyIdOf, type KeyAlgorithm } from './attestation-key';

/** A new key pair as PEM: the private key PKCS#8 (encrypted when a passphrase was given), the public SPKI. */
export interface AttestationKeyPair {
  /** PKCS#8 PEM; `ENCRYPTED PRIVATE KEY` (AES-256-CBC, PBKDF2) when a passphrase was given. Keep it secret. */
  readonly privateKeyPem: string;
  /** SPKI PEM, to give to verifiers. */
  readonly publicKeyPem: string;
  /** The key id signatures will carry (securesystemslib's default key id). */
  readonly keyid: string;
}

/**
 * Generates an Ed25519 or ECDSA P-256 key pair for signing attestations, with node:crypto.
 * @throws {@link InvalidArgumentError} for another algorithm or an empty passphrase.
 */
export function generateAttestationKeyPair(algorithm: KeyAlgorithm, passphrase?: string): AttestationKeyPair {
  if (algorithm !== 'ed25519' && algorithm !== 'ecdsa-p256') throw new InvalidArgumentError('type', `must be ed25519 or ecdsa-p256, got ${JSON.stringify(algorithm)}`);
  if (passphrase !== undefined && (typeof passphrase !== 'string' || passphrase === '')) throw new InvalidArgumentError('passphrase', 'must be a non-empty string');
  const pair = algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const privateKeyPem = passphrase === undefined
    ? (pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)
    : (pair.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase }) as string);
  return { privateKeyPem, publicKeyPem: pair.publicKey.export({ format: 'pem', type: 'spki' }) as string, keyid: keyIdOf(pair.publicKey) };
}
