/**
 * Where a {@link FileBomStore} keeps a BOM's signed attestation: `<store>/attestations/<encoded id>.intoto.json`
 * (docs/store.md). A subdirectory, so that no envelope can be taken for a BOM by `list`, and no BOM id's
 * file name can be an envelope's.
 */
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AttestationError } from '../errors';
import { storeFileName } from '../core/store-file-name';
import type { DsseEnvelope } from '../models/dsse-envelope';
import { DEFAULT_MAX_ENVELOPE_BYTES, readEnvelope } from '../attestation/read-envelope';
import { writeFileAtomic } from './write-file-atomic';

/** The store's subdirectory of attestations. */
export const ATTESTATIONS_DIRECTORY = 'attestations';

/** The file of the attestation of the BOM with this id. */
export function attestationFile(directory: string, id: string): string {
  return join(directory, ATTESTATIONS_DIRECTORY, storeFileName(id).replace(/\.json$/, '.intoto.json'));
}

/** Writes (or, for undefined, removes a stale) attestation of the BOM `id` atomically. */
export async function writeAttestation(directory: string, id: string, envelope: DsseEnvelope | undefined, sync: boolean): Promise<void> {
  const path = attestationFile(directory, id);
  if (envelope === undefined) {
    await unlink(path).catch(() => undefined);
    return;
  }
  const dir = join(directory, ATTESTATIONS_DIRECTORY);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(dir, path.slice(dir.length + 1), `${JSON.stringify(envelope, null, 2)}\n`, sync);
}

/**
 * The stored attestation of the BOM `id`, read as hostile input, or undefined when there is none.
 * @throws {@link AttestationError} (`envelope`) when the file is not a DSSE envelope.
 */
export async function readAttestation(directory: string, id: string): Promise<DsseEnvelope | undefined> {
  const path = attestationFile(directory, id);
  try {
    const size = (await stat(path)).size;
    if (size > DEFAULT_MAX_ENVELOPE_BYTES) throw new AttestationError('envelope', `${path} is ${size} bytes, more than the ${DEFAULT_MAX_ENVELOPE_BYTES}-byte envelope limit: not read`);
    return readEnvelope(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
