import { join } from 'node:path';
import { defaultStoreDirectory } from '../store/default-store-directory';
import { createHash } from 'node:crypto';

/**
 * Options of the tracker's crash-safe journal (`journal` in the tracker's options). The journal is on by
 * default when a sink is attached, and opt-in (`journal: true` or these options) otherwise.
 */
export interface JournalOptions {
  /** The journal file (default: `<directory>/<BOM id>.journal`). */
  readonly path?: string;
  /** Where journals go when `path` is not given (default: `journals/` in the store directory, `./boms` or `TRAINING_BOM_HOME`). */
  readonly directory?: string;
  /**
   * Write every call at once instead of every ~100 ms (default false); finalize and close also `fdatasync`
   * in both modes.
   */
  readonly durable?: boolean;
  /** Keep the journal after a finalized run was delivered to every sink (default false: it is deleted then). */
  readonly keep?: boolean;
}

const MAX_NAME = 160;

/**
 * A file name for any BOM id: letters, digits, `_`, `-` and `.` kept (not a leading `.`), every other
 * UTF-16 unit as `%XXXX`, so that `/`, `\` and `..` cannot leave the directory; a long id is cut and given
 * 16 hex digits of its SHA-256.
 */
function journalName(id: string): string {
  let name = '';
  for (let i = 0; i < id.length; i++) {
    const c = id[i] as string;
    name += /[A-Za-z0-9_-]/.test(c) || (c === '.' && i > 0 && id[i - 1] !== '.') ? c : `%${id.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 17)}~${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}

/** The journal file for run `id` by default; `attempt` > 0 names a fresh file beside one that exists. */
export function journalPath(options: JournalOptions, id: string, attempt = 0): string {
  if (options.path !== undefined && attempt === 0) return options.path;
  const base = options.path ?? join(options.directory ?? join(defaultStoreDirectory(), 'journals'), `${journalName(id)}.journal`);
  return attempt === 0 ? base : `${base}.${attempt}`;
}
