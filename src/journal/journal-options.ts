import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { defaultStoreDirectory } from '../core/default-store-directory';
import { storeFileName } from '../core/store-file-name';

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

/**
 * The journal's file name for a BOM id: the store's name for it (`storeFileName`, without `.json`), or, for
 * an id the store refuses (one holding `/`, `\\`, `..`…), `id-` and 32 hex digits of its SHA-256. Either
 * way the name stays inside the journal directory.
 */
function journalName(id: string): string {
  try {
    return storeFileName(id).slice(0, -'.json'.length);
  } catch {
    return `id-${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 32)}`;
  }
}

/** The journal file for run `id` by default; `attempt` > 0 names a fresh file beside one that exists. */
export function journalPath(options: JournalOptions, id: string, attempt = 0): string {
  if (options.path !== undefined && attempt === 0) return options.path;
  const base = options.path ?? join(options.directory ?? join(defaultStoreDirectory(), 'journals'), `${journalName(id)}.journal`);
  return attempt === 0 ? base : `${base}.${attempt}`;
}
