import { dirname, resolve } from 'node:path';
import type { MetricHistory } from '../tracker/metric-series';
import { FileBomStore } from '../store/file-bom-store';
import type { LoadedBom } from './load-bom';

/**
 * The metric history stored beside a loaded BOM: when its file is the store file of its id in its directory
 * (a BOM in a store, named by id or path), that store's `history(id)`; otherwise (standard input, a file named
 * otherwise) undefined.
 * @throws HistoryFormatError for a corrupt history file; the file system's errors.
 */
export async function historyBeside(loaded: LoadedBom): Promise<MetricHistory[] | undefined> {
  if (loaded.source === '-') return undefined;
  const path = resolve(loaded.source);
  const store = new FileBomStore(dirname(path));
  let own: string;
  try {
    own = store.pathOf(loaded.bom.id);
  } catch {
    return undefined;   // an id no store can hold: the file cannot be a store file
  }
  return own === path ? store.history(loaded.bom.id) : undefined;
}
