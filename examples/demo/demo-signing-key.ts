// The demos' signing key. A real deployment keeps its private key out of the store and its public key where
// verifiers get it (docs/attestation.md, "Keys"); the demos, to run anywhere with nothing set up, use
// TRAINING_BOM_SIGNING_KEY (a PKCS#8 PEM file, passphrase in TRAINING_BOM_SIGNING_PASSPHRASE when encrypted)
// when it is set, else a demo Ed25519 key pair kept in <store>/keys/ (demo.key, mode 0600; demo.pub),
// generated on the first run and reused after.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateAttestationKeyPair, type TrackerSigning } from 'training-bom';

/** The tracker's `sign` option for a demo run, and the public key file to verify with (undefined for a key given in the environment). */
export async function demoSigning(storeDirectory: string): Promise<{ sign: TrackerSigning; publicKey: string | undefined }> {
  const given = process.env.TRAINING_BOM_SIGNING_KEY;
  if (given) {
    const passphraseEnv = process.env.TRAINING_BOM_SIGNING_PASSPHRASE ? 'TRAINING_BOM_SIGNING_PASSPHRASE' : undefined;
    return { sign: { key: await readFile(given), ...(passphraseEnv === undefined ? {} : { passphraseEnv }) }, publicKey: undefined };
  }
  const dir = join(storeDirectory, 'keys');
  const privatePath = join(dir, 'demo.key');
  const publicPath = join(dir, 'demo.pub');
  try {
    return { sign: { key: await readFile(privatePath) }, publicKey: publicPath };
  } catch {
    await mkdir(dir, { recursive: true });
    const pair = generateAttestationKeyPair('ed25519');
    await writeFile(privatePath, pair.privateKeyPem, { mode: 0o600 });
    await chmod(privatePath, 0o600);
    await writeFile(publicPath, pair.publicKeyPem);
    return { sign: { key: pair.privateKeyPem }, publicKey: publicPath };
  }
}
