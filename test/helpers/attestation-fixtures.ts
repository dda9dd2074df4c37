import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAttestationKeyPair, type AttestationKeyPair, type AttestationSubject, type KeyAlgorithm } from '../../src';

/** A model file in a new temporary directory, with its subject (name + sha256). */
export function modelFile(content = '{"trees":[1,2,3]}'): { dir: string; path: string; subject: AttestationSubject } {
  const dir = mkdtempSync(join(tmpdir(), 'tbom-attest-'));
  const path = join(dir, 'model.json');
  writeFileSync(path, content);
  return { dir, path, subject: { name: 'model.json', digest: `sha256:${createHash('sha256').update(content).digest('hex')}` } };
}

const pairs = new Map<KeyAlgorithm, AttestationKeyPair>();

/** One key pair per algorithm for the whole test run (generation is cheap, but keys are shared on purpose). */
export function keyPair(algorithm: KeyAlgorithm): AttestationKeyPair {
  let pair = pairs.get(algorithm);
  if (pair === undefined) {
    pair = generateAttestationKeyPair(algorithm);
    pairs.set(algorithm, pair);
  }
  return pair;
}

/** The statement inside an envelope's payload. */
export function statementOf(envelope: { payload: string }): Record<string, unknown> {
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Record<string, unknown>;
}
