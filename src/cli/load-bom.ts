import { stat } from 'node:fs/promises';
import { InvalidArgumentError } from '../errors';
import { TrainingBOM } from '../models/training-bom';
import { FileBomStore } from '../store/file-bom-store';
import { InputError, readInput } from './read-input';

/** A BOM a command was pointed at, and where it came from (a file path, `-`, or the store file of an id). */
export interface LoadedBom {
  readonly bom: TrainingBOM;
  readonly source: string;
}

async function kind(path: string): Promise<'file' | 'directory' | 'other' | 'none'> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'none';
  }
}

/**
 * The BOM named by `ref`: standard input for `-`, the file when `ref` names one, else the BOM stored under
 * that id in the store at `storeDir`.
 * @throws InputError when there is no such file or stored id; BomValidationError (issues by wire path) for an invalid BOM.
 */
export async function loadBom(ref: string, storeDir: string): Promise<LoadedBom> {
  const what = ref === '-' ? 'file' : await kind(ref);
  if (what === 'file' || what === 'other') return { bom: TrainingBOM.parse(await readInput(ref)), source: ref };
  if (what === 'directory') throw new InputError('is a directory, not a BOM file');
  const store = new FileBomStore(storeDir);
  let bom: TrainingBOM | undefined;
  try {
    bom = await store.get(ref);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new InputError(`no such file, and not a BOM id (${error.message.replace(/^id: /, '')})`);
    throw error;
  }
  if (bom === undefined) throw new InputError(`no such file, and no BOM with this id in ${storeDir}`);
  return { bom, source: store.pathOf(ref) };
}
