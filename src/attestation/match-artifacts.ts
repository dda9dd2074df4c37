import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { AttestationError, DatasetAccessError } from '../errors';
import { hashPath } from '../reproducibility/dataset/hash-path';
import { listFiles } from '../reproducibility/dataset/list-files';
import type { StatementSubject } from './attestation-types';

/** A file checked against the statement's subjects. */
export interface CheckedArtifact {
  /** The file as given or found under a given directory. */
  readonly path: string;
  /** The subject it matched. */
  readonly subject: string;
  /** Its digest, `sha256:` and 64 hex digits. */
  readonly digest: string;
}

async function filesOf(path: string): Promise<{ path: string; name: string }[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AttestationError('artifact', `artifact ${path} cannot be read (missing or not accessible)`);
  }
  if (!info.isDirectory()) return [{ path, name: basename(path) }];
  try {
    const listing = await listFiles(path, resolve(path));
    return listing.files.map((file) => ({ path: file.abs, name: file.rel }));
  } catch (error) {
    if (error instanceof DatasetAccessError) throw new AttestationError('artifact', `artifact directory ${path} cannot be read: ${error.reason}${error.path === undefined ? '' : ` (${error.path})`}`);
    throw error;
  }
}

async function digestOf(path: string): Promise<string> {
  try {
    return (await hashPath(path)).digest;
  } catch (error) {
    if (error instanceof DatasetAccessError) throw new AttestationError('artifact', `artifact ${path} cannot be read: ${error.reason}`);
    throw error;
  }
}

/**
 * Hashes every file given (each file under a given directory, named relative to it) and checks that each
 * matches a subject: the subject of its name, when there is one, must have its digest; otherwise some
 * subject must have it (a renamed copy of an attested file still matches).
 * @throws {@link AttestationError} (`subject`) naming the first file that matches no subject; `artifact` when one cannot be read.
 */
export async function matchArtifacts(paths: readonly string[], subjects: readonly StatementSubject[]): Promise<CheckedArtifact[]> {
  const byName = new Map(subjects.map((s) => [s.name, s.digest.sha256]));
  const byDigest = new Map(subjects.map((s) => [s.digest.sha256, s.name]));
  const checked: CheckedArtifact[] = [];
  for (const given of paths) {
    for (const file of await filesOf(given)) {
      const digest = await digestOf(file.path);
      const hex = digest.slice('sha256:'.length);
      const named = byName.get(file.name);
      if (named !== undefined && named !== hex) {
        throw new AttestationError('subject', `file ${file.path} does not match subject ${JSON.stringify(file.name)}: its digest is ${digest}, the subject says sha256:${named}`);
      }
      const subject = named !== undefined ? file.name : byDigest.get(hex);
      if (subject === undefined) throw new AttestationError('subject', `file ${file.path} (${digest}) matches no subject of the attestation`);
      checked.push({ path: file.path, subject, digest });
    }
  }
  return checked;
}
