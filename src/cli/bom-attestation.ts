import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AttestationError } from '../errors';
import { attestationStatus, type AttestationStatus } from '../attestation/attestation-status';
import { DEFAULT_MAX_ENVELOPE_BYTES, readEnvelope } from '../attestation/read-envelope';
import type { TrainingBOM } from '../models/training-bom';
import { ATTESTATIONS_DIRECTORY } from '../store/attestation-file';
import type { DsseEnvelope } from '../models/dsse-envelope';
import { printable } from './printable';

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}

/**
 * The envelope of a BOM file: `explicit` when given, else `attestations/<name>.intoto.json` beside it (a
 * store's layout) or `<name>.intoto.json` beside it; undefined when there is none.
 */
export async function findAttestation(bomFile: string, explicit: string | undefined): Promise<{ path: string; envelope: DsseEnvelope } | undefined> {
  const stem = basename(bomFile).replace(/\.json$/, '');
  const candidates = explicit !== undefined ? [explicit] : bomFile === '-' ? [] : [join(dirname(bomFile), ATTESTATIONS_DIRECTORY, `${stem}.intoto.json`), join(dirname(bomFile), `${stem}.intoto.json`)];
  for (const path of candidates) {
    if (!(await isFile(path))) {
      if (explicit !== undefined) throw new AttestationError('envelope', `${path}: no such file`);
      continue;
    }
    if ((await stat(path)).size > DEFAULT_MAX_ENVELOPE_BYTES) throw new AttestationError('envelope', `${path} is larger than the envelope limit`);
    return { path, envelope: readEnvelope(await readFile(path)) };
  }
  return undefined;
}

/** The attestation status of a loaded BOM, with where its envelope was found. */
export async function bomAttestation(bom: TrainingBOM, source: string, explicit: string | undefined, keyFiles: readonly string[]): Promise<AttestationStatus & { file?: string }> {
  let found;
  try {
    found = await findAttestation(source, explicit);
  } catch (error) {
    if (!(error instanceof AttestationError)) throw error;
    return { signed: true, verified: keyFiles.length === 0 ? undefined : false, signatureKeyids: [], problem: error.message };
  }
  const keys = await Promise.all(keyFiles.map((file) => readFile(file)));
  const status = await attestationStatus(bom, found?.envelope, keys);
  return found === undefined ? status : { ...status, file: found.path };
}

/** The `attestation:` lines of `show`. */
export function attestationText(status: AttestationStatus & { file?: string }): string {
  if (!status.signed) return 'Attestation: unsigned\n';
  const where = status.file === undefined ? '' : ` (${printable(status.file)})`;
  const hints = status.signatureKeyids.length === 0 ? '' : `, signature keyid ${status.signatureKeyids.map((k) => printable(k)).join(', ')}`;
  if (status.verified === undefined) return `Attestation: signed${where}${hints}; give --key to verify it\n`;
  if (status.verified) return `Attestation: signed${where}, verified: signed by keyid ${status.keyid ?? '?'}\n`;
  return `Attestation: signed${where}, NOT verified: ${printable(status.problem ?? 'unknown')}\n`;
}
