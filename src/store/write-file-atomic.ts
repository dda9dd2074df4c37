import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Makes a rename in `dir` durable (a no-op where directories cannot be opened, as on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `name` in `dir` so that a crash leaves either the old file or the new one, never a part: the text
 * goes to a hidden temporary file (`.<name>.<pid>.<random>.tmp`) that is fsynced, renamed over `name`, and
 * the directory is fsynced. A failed write removes its temporary file; a crash may leave one behind.
 */
export async function writeFileAtomic(dir: string, name: string, text: string): Promise<void> {
  const temp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}
