/** `from-mlflow --attestation` / `--key`: the keys, and what each run's attestation status is called in the output. */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '../errors';
import { publicKeyOf } from '../attestation/attestation-key';
import type { AttestationStatus } from '../attestation/attestation-status';
import { printable } from './printable';

/** A run's attestation as `from-mlflow` reports it (`--json`: `written[].attestation`). */
export interface AttestationVerdict {
  /** `verified`, `not-verified` (signed, invalid: `problem`), `not-checked` (signed, no `--key` given) or `unsigned`. */
  readonly status: 'verified' | 'not-verified' | 'not-checked' | 'unsigned';
  readonly keyid?: string;
  readonly problem?: string;
}

/**
 * The public keys of `--key`, each checked once here rather than once per run.
 * @throws InvalidArgumentError naming the file that cannot be read or is not a public key
 */
export async function readPublicKeys(files: readonly string[]): Promise<Buffer[]> {
  return Promise.all(files.map(async (file) => {
    let pem: Buffer;
    try {
      pem = await readFile(file);
    } catch (error) {
      throw new InvalidArgumentError('--key', `cannot read ${printable(file)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      publicKeyOf(pem);
    } catch (error) {
      throw new InvalidArgumentError('--key', `${printable(file)}: ${error instanceof Error ? error.message : 'not a public key'}`);
    }
    return pem;
  }));
}

/** The verdict of a status. */
export function verdictOf(status: AttestationStatus): AttestationVerdict {
  if (!status.signed) return { status: 'unsigned' };
  if (status.verified === true) return { status: 'verified', ...(status.keyid === undefined ? {} : { keyid: status.keyid }) };
  if (status.verified === false) return { status: 'not-verified', problem: status.problem ?? 'unknown' };
  return { status: 'not-checked' };
}

/** The verdict on a run's line of output; not escaped: print it through `printable` (the problem may quote the server's envelope). */
export function verdictText(verdict: AttestationVerdict): string {
  switch (verdict.status) {
    case 'verified': return `signed, verified (keyid ${verdict.keyid ?? '?'})`;
    case 'not-verified': return `signed, NOT verified: ${verdict.problem ?? 'unknown'}`;
    case 'not-checked': return 'signed, not verified (no --key given)';
    case 'unsigned': return 'not signed';
  }
}

/** The summary line: how many runs had each verdict. */
export function verdictSummary(verdicts: readonly AttestationVerdict[]): string {
  const count = (s: AttestationVerdict['status']): number => verdicts.filter((v) => v.status === s).length;
  return `Attestations: ${count('verified')} verified, ${count('not-verified')} NOT verified, ${count('not-checked')} signed but not checked (no --key), ${count('unsigned')} not signed\n`;
}
