import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InvalidArgumentError } from '../../errors';
import type { ModelArtifact } from '../../models/model-artifact';
import { artifactNameProblem, compareCodePoints } from '../../validation/model-artifact-checks';
import { streamFile } from '../dataset/stream-file';

/** Options of {@link hashModelArtifacts} and `TrainingWorkflowTracker.registerModelArtifact`. */
export interface ModelArtifactOptions {
  /**
   * The directory names are relative to. Every path must lie inside it. Default: the deepest directory
   * holding every given path (a directory counts as its own root, a file as its parent's).
   */
  readonly root?: string;
  /** The name of a single registered file, instead of its path relative to the root. */
  readonly name?: string;
  /**
   * What a symbolic link met inside a directory does: `refuse` (the default) throws, `skip` leaves it out.
   * A link is never followed, so nothing outside the root is hashed; a path given directly may not be a link.
   */
  readonly symlinks?: 'refuse' | 'skip';
}

interface Found {
  readonly abs: string;
  readonly isDirectory: boolean;
}

const fail = (message: string): InvalidArgumentError => new InvalidArgumentError('path', message);

function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : String(error);
}

async function kindOf(abs: string): Promise<Found> {
  let info;
  try {
    info = await lstat(abs);
  } catch (error) {
    throw fail(`${abs} cannot be read (${errnoOf(error)})`);
  }
  if (info.isSymbolicLink()) throw fail(`${abs} is a symbolic link; give the file it points to`);
  if (!info.isFile() && !info.isDirectory()) throw fail(`${abs} is neither a regular file nor a directory`);
  return { abs, isDirectory: info.isDirectory() };
}

/** Every regular file under `dir`, recursively, links refused or skipped, special files refused. */
async function filesUnder(dir: string, symlinks: 'refuse' | 'skip', out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw fail(`${dir} cannot be listed (${errnoOf(error)})`);
  }
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      if (symlinks === 'skip') continue;
      throw fail(`${abs} is a symbolic link (links are not followed; pass symlinks: 'skip' to leave them out)`);
    }
    if (entry.isDirectory()) await filesUnder(abs, symlinks, out);
    else if (entry.isFile()) out.push(abs);
    else throw fail(`${abs} is neither a regular file nor a directory`);
  }
}

/** Streams one file's SHA-256 and size, refusing a link swapped in since it was listed. */
async function hashFile(abs: string): Promise<{ digest: string; bytes: number }> {
  let handle: FileHandle;
  try {
    handle = await open(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw fail(`${abs} cannot be opened (${errnoOf(error)})`);
  }
  try {
    if (!(await handle.stat()).isFile()) throw fail(`${abs} is not a regular file`);
    const hash = createHash('sha256');
    const bytes = await streamFile(handle, (chunk) => hash.update(chunk));
    return { digest: `sha256:${hash.digest('hex')}`, bytes };
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw fail(`${abs} could not be read (${errnoOf(error)})`);
  } finally {
    await handle.close();
  }
}

function commonDirectory(dirs: readonly string[]): string {
  let common = dirs[0];
  for (const dir of dirs.slice(1)) {
    while (common !== dirname(common) && relative(common, dir).split(sep)[0] === '..') common = dirname(common);
  }
  return common;
}

function nameOf(root: string, abs: string): string {
  const rel = relative(root, abs);
  if (rel === '' || rel.split(sep)[0] === '..' || isAbsolute(rel)) throw fail(`${abs} is not inside the root ${root}`);
  const name = rel.split(sep).join('/');
  const problem = artifactNameProblem(name);
  if (problem !== undefined) throw fail(`${abs} cannot be named ${JSON.stringify(name)}: the name ${problem}`);
  return name;
}

/**
 * The model artifacts of a file, several files or a directory (every regular file under it, recursively),
 * as `registerModelArtifact` records them: each file's name relative to the root (`/`-separated), its
 * streamed SHA-256 and its size, sorted by name in code-point order, like an OpenSSF model-signing
 * manifest. Symbolic links are never followed (see {@link ModelArtifactOptions.symlinks}).
 * @throws {@link InvalidArgumentError} (`path`) when a path is missing, unreadable, a link, a special file,
 *   an empty directory or outside the root; (`options.name`) for a bad or misapplied name.
 */
export async function hashModelArtifacts(path: string | readonly string[], options: ModelArtifactOptions = {}): Promise<ModelArtifact[]> {
  const paths: readonly unknown[] = typeof path === 'string' ? [path] : Array.isArray(path) ? path : [path];
  if (paths.length === 0) throw fail('no path given');
  for (const p of paths) if (typeof p !== 'string' || p === '') throw fail(`must be a non-empty string or an array of them, got ${typeof p}`);
  if (options.root !== undefined && (typeof options.root !== 'string' || options.root === '')) throw new InvalidArgumentError('options.root', 'must be a non-empty string');
  if (options.symlinks !== undefined && options.symlinks !== 'refuse' && options.symlinks !== 'skip') {
    throw new InvalidArgumentError('options.symlinks', `must be 'refuse' or 'skip', got ${JSON.stringify(options.symlinks)}`);
  }
  const found = await Promise.all((paths as string[]).map((p) => kindOf(resolve(p))));
  const root = options.root === undefined ? commonDirectory(found.map((f) => (f.isDirectory ? f.abs : dirname(f.abs)))) : resolve(options.root);
  if (options.name !== undefined && (found.length !== 1 || found[0].isDirectory)) {
    throw new InvalidArgumentError('options.name', 'names a single file only; a directory or several paths take their names from the root');
  }
  const files: string[] = [];
  for (const f of found) {
    if (!f.isDirectory) files.push(f.abs);
    else {
      const before = files.length;
      await filesUnder(f.abs, options.symlinks ?? 'refuse', files);
      if (files.length === before) throw fail(`${f.abs} holds no files`);
    }
  }
  const byName = new Map<string, string>();
  for (const abs of files) {
    if (options.name === undefined) byName.set(nameOf(root, abs), abs);
    else {
      const problem = typeof options.name === 'string' ? artifactNameProblem(options.name) : 'is not a string';
      if (problem !== undefined) throw new InvalidArgumentError('options.name', `${problem}, got ${JSON.stringify(options.name)}`);
      byName.set(options.name, abs);
    }
  }
  const artifacts: ModelArtifact[] = [];
  for (const name of [...byName.keys()].sort(compareCodePoints)) {
    artifacts.push(Object.freeze({ name, ...(await hashFile(byName.get(name) as string)) }));
  }
  return artifacts;
}
