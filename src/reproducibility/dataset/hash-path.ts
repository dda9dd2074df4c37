import { inspectLocal } from './inspect-local';

/** The digest of a file or directory as {@link hashPath} computes it. */
export interface PathDigest {
  /** `sha256:` and 64 hex digits. */
  readonly digest: string;
  /** Bytes hashed (all files of a directory). */
  readonly bytes: number;
  /** Files hashed: 1 for a file. */
  readonly files: number;
}

/**
 * Streams the SHA-256 of a local file, or of a directory: the SHA-256 of the `sha256sum` listing of
 * every file under it, sorted by path bytes, with paths relative to it (docs/reproducibility.md gives the
 * shell command that computes the same digest). Reads 1 MiB at a time, so memory does not grow with the
 * file; the digest is the one {@link inspectDataset} records.
 * @throws {@link DatasetAccessError} when the path or a file under it is missing or unreadable.
 */
export async function hashPath(path: string): Promise<PathDigest> {
  const found = await inspectLocal(path, path, path, { countRows: false });
  return { digest: found.digest as string, bytes: found.bytes ?? 0, files: found.files ?? 1 };
}
