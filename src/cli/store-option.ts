import { Option } from 'commander';
import { defaultStoreDirectory } from '../core/default-store-directory';

/** The `--store <dir>` option of the commands that read or write the local BOM store. */
export function storeOption(): Option {
  return new Option('--store <dir>', 'BOM store directory (default: $TRAINING_BOM_HOME, else ./boms)');
}

/** The store directory a command uses: `--store`, else the default. */
export function storeDirectory(option: string | undefined): string {
  return option ?? defaultStoreDirectory();
}
