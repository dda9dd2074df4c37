import { DatasetAccessError, type DatasetAccessReason } from '../../errors';

const REASONS: Readonly<Record<string, DatasetAccessReason>> = {
  ENOENT: 'not-found', ENOTDIR: 'not-found', EACCES: 'not-readable', EPERM: 'not-readable', ELOOP: 'not-supported',
};

const WORDS: Readonly<Record<DatasetAccessReason, string>> = {
  'not-found': 'does not exist',
  'not-readable': 'is not readable (permission denied)',
  'not-supported': 'is neither a regular file nor a directory',
  'invalid-origin': 'is not a usable origin',
  'io-error': 'could not be read',
  unreachable: 'could not be reached',
  'http-status': 'answered with an error status',
};

/** A {@link DatasetAccessError} for a failed file-system call on `path` (the origin itself or a file inside it). */
export function fsAccessError(origin: string, path: string, error: unknown, reason?: DatasetAccessReason): DatasetAccessError {
  const code = (error as { code?: unknown } | null)?.code;
  const why = reason ?? (typeof code === 'string' ? REASONS[code] : undefined) ?? 'io-error';
  const inside = path === origin ? '' : ` (${path})`;
  const detail = error instanceof Error ? `: ${error.message}` : '';
  return new DatasetAccessError(origin, why, `Dataset '${origin}'${inside} ${WORDS[why]}${detail}`, { cause: error, path: path === origin ? undefined : path });
}
