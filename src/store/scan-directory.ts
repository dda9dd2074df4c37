import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { forEachBounded } from '../core/bounded-pool';
import type { TrainingBOM } from '../models/training-bom';
import { summarizeBom, type BomSummary } from './bom-summary';
import { selectSummaries, type BomListOptions } from './select-summaries';

const READ_CONCURRENCY = 16;

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * `list` by reading and parsing every `*.json` file of a store's directory (hidden files left out), 16 at a
 * time: the file store's way where its index cannot be written (a read-only store). A file `parse` refuses is
 * reported to `options.onSkip` and left out; one removed meanwhile is left out silently.
 */
export async function scanDirectory(directory: string, parse: (path: string, bytes: Uint8Array) => TrainingBOM, options: BomListOptions): Promise<BomSummary[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  } catch (error) {
    if (missing(error)) return selectSummaries([], options);
    throw error;
  }
  const summaries: BomSummary[] = [];
  await forEachBounded(names, READ_CONCURRENCY, async (name) => {
    const path = join(directory, name);
    try {
      summaries.push(summarizeBom(parse(path, await readFile(path)), path));
    } catch (error) {
      if (!missing(error)) options.onSkip?.(path, error);
    }
  });
  return selectSummaries(summaries, options);
}
