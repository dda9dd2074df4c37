import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BomValidationError, InvalidArgumentError } from '../errors';
import { TrainingBOM } from '../models/training-bom';
import type { BomStore } from './bom-store';
import { summarizeBom, type BomSummary } from './bom-summary';
import { defaultStoreDirectory } from './default-store-directory';
import { selectSummaries, type BomListOptions } from './select-summaries';
import { storeFileName } from './store-file-name';
import { writeFileAtomic } from './write-file-atomic';

const READ_CONCURRENCY = 16;

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * A {@link BomStore} in a local directory: one pretty-printed JSON file per BOM, named by
 * {@link storeFileName}, written atomically (temporary file, fsync, rename, fsync of the directory), so a
 * crash never leaves a half-written BOM. Hidden files (temporaries) and other names are ignored.
 */
export class FileBomStore implements BomStore {
  /** The absolute path of the store's directory (created on the first `put`). */
  readonly directory: string;

  /** @param directory the store's directory (default: `TRAINING_BOM_HOME`, else `./boms`). */
  constructor(directory: string = defaultStoreDirectory()) {
    if (typeof directory !== 'string' || directory === '') throw new InvalidArgumentError('directory', 'must be a non-empty path');
    this.directory = resolve(directory);
  }

  /**
   * The file a BOM with this id is stored in.
   * @throws InvalidArgumentError for an id that cannot be stored (see {@link storeFileName}).
   */
  pathOf(id: string): string {
    return join(this.directory, storeFileName(id));
  }

  async put(bom: TrainingBOM): Promise<string> {
    if (!(bom instanceof TrainingBOM)) throw new InvalidArgumentError('bom', 'must be a TrainingBOM');
    const name = storeFileName(bom.id);
    const text = `${bom.toJSONString(2)}\n`;
    TrainingBOM.parse(text);
    await mkdir(this.directory, { recursive: true });
    const holder = await this.idInFile(join(this.directory, name));
    if (holder !== undefined && holder !== bom.id) {
      throw new InvalidArgumentError('id', `'${bom.id}' and the stored '${holder}' share the file ${name} (a case-insensitive file system)`);
    }
    await writeFileAtomic(this.directory, name, text);
    return join(this.directory, name);
  }

  async get(id: string): Promise<TrainingBOM | undefined> {
    const path = this.pathOf(id);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
    const bom = this.parseFile(path, bytes);
    if (bom.id !== id) return undefined;
    return bom;
  }

  async list(options: BomListOptions = {}): Promise<BomSummary[]> {
    let names: string[];
    try {
      names = (await readdir(this.directory)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
    } catch (error) {
      if (missing(error)) return selectSummaries([], options);
      throw error;
    }
    const summaries: BomSummary[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const path = join(this.directory, names[next++] as string);
        try {
          summaries.push(summarizeBom(this.parseFile(path, await readFile(path)), path));
        } catch (error) {
          if (!missing(error)) options.onSkip?.(path, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, names.length) }, worker));
    return selectSummaries(summaries, options);
  }

  /**
   * Removes the file of this id (even when it is not a valid BOM); resolves with false when there was none.
   * @throws InvalidArgumentError for an id that cannot be stored.
   */
  async delete(id: string): Promise<boolean> {
    const path = this.pathOf(id);
    const holder = await this.idInFile(path);
    if (holder !== undefined && holder !== id) return false;
    try {
      await unlink(path);
      return true;
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
  }

  private parseFile(path: string, bytes: Uint8Array): TrainingBOM {
    try {
      return TrainingBOM.parse(bytes);
    } catch (error) {
      if (error instanceof BomValidationError) throw new BomValidationError(error.issues, `${path} is not a valid training BOM`);
      throw error;
    }
  }

  /** The id of the BOM in `path`, or undefined when there is no file or it holds no readable id. */
  private async idInFile(path: string): Promise<string | undefined> {
    try {
      const id: unknown = (JSON.parse(await readFile(path, 'utf8')) as { id?: unknown }).id;
      return typeof id === 'string' ? id : undefined;
    } catch {
      return undefined;
    }
  }
}
