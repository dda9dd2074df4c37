import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from './sync-directory';

/**
 * Writes `name` (text as UTF-8, or bytes) in `dir` so that a crash leaves either the old file or the new one, never a part: the text
 * goes to a hidden temporary file (`.<name>.<pid>.<random>.tmp`) that is fsynced, renamed over `name`, and
 * the directory is fsynced (unless `syncDir` is false: the caller then calls {@link syncDirectory} once for
 * many files). A failed write removes its temporary file; a crash may leave one behind.
 */
export async function writeFileAtomic(dir: string, name: string, text: string | Uint8Array, syncDir = true): Promise<void> {
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    try {
      await (typeof text === 'string' ? handle.writeFile(text, 'utf8') : handle.writeFile(text));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (syncDir) await syncDirectory(dir);
}
