import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsAccessError } from './fs-access-error';

/** One regular file of a dataset directory. */
export interface DatasetFile {
  /** Path relative to the directory, with `/` separators. */
  readonly rel: string;
  /** Absolute path. */
  readonly abs: string;
}

/** The regular files under a directory and what was left out. */
export interface FileListing {
  /** Sorted by the UTF-8 bytes of `rel` (as `LC_ALL=C sort` orders them). */
  readonly files: readonly DatasetFile[];
  /** Warnings for entries that are neither files nor directories (FIFOs, sockets, devices) or symlink cycles. */
  readonly skipped: readonly string[];
}

/**
 * Lists every regular file under `root`, following symbolic links (a link back into one of its own
 * ancestors is skipped, with a warning).
 * @throws {@link DatasetAccessError} naming the entry that could not be read.
 */
export async function listFiles(origin: string, root: string): Promise<FileListing> {
  const files: DatasetFile[] = [];
  const skipped: string[] = [];
  const walk = async (dir: string, rel: string, ancestors: ReadonlySet<string>): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw fsAccessError(origin, dir, error);
    }
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
      let info;
      try {
        info = entry.isSymbolicLink() ? await stat(abs) : entry;
      } catch (error) {
        throw fsAccessError(origin, abs, error);
      }
      if (info.isFile()) files.push({ rel: name, abs });
      else if (info.isDirectory()) {
        const real = await realpath(abs);
        if (ancestors.has(real)) skipped.push(`${name}: a symbolic link to one of its own parent directories; not followed`);
        else await walk(abs, name, new Set([...ancestors, real]));
      } else skipped.push(`${name}: neither a regular file nor a directory; not hashed`);
    }
  };
  await walk(root, '', new Set([await realpath(root)]));
  files.sort((a, b) => Buffer.compare(Buffer.from(a.rel), Buffer.from(b.rel)));
  return { files, skipped };
}
