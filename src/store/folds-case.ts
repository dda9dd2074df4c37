import { randomBytes } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Whether the file system under `dir` folds case (macOS and Windows by default), found by creating a
 * hidden probe file and looking for it under its upper-case name.
 */
export async function foldsCase(dir: string): Promise<boolean> {
  const name = `.case-probe-${randomBytes(6).toString('hex')}.tmp`;
  await (await open(join(dir, name), 'wx')).close();
  try {
    await stat(join(dir, name.toUpperCase()));
    return true;
  } catch {
    return false;
  } finally {
    await unlink(join(dir, name)).catch(() => undefined);
  }
}
