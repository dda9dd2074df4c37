import { resolve } from 'node:path';

/** The default store directory: `TRAINING_BOM_HOME` when set and not empty, else `./boms`, resolved against the working directory. */
export function defaultStoreDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.TRAINING_BOM_HOME;
  return resolve(home !== undefined && home !== '' ? home : 'boms');
}
