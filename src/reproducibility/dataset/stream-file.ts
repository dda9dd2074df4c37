import type { FileHandle } from 'node:fs/promises';

/** Read size: 1 MiB reads reach page-cache speed; two buffers let one read run while the other chunk is hashed. */
const CHUNK = 1 << 20;

/**
 * Reads a file from start to end in 1 MiB chunks and hands each to `visit` synchronously, with the next
 * read already in flight (the file system works in libuv's thread pool while `visit` hashes on the main
 * thread). A chunk is only valid during its `visit` call. Resolves to the number of bytes read.
 */
export async function streamFile(handle: FileHandle, visit: (chunk: Buffer) => void): Promise<number> {
  const buffers: readonly Buffer[] = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let which = 0;
  let position = 0;
  let pending = handle.read(buffers[0], 0, CHUNK, 0);
  for (;;) {
    const { bytesRead } = await pending;
    if (bytesRead === 0) return position;
    const current = buffers[which];
    position += bytesRead;
    which ^= 1;
    pending = handle.read(buffers[which], 0, CHUNK, position);
    try {
      visit(bytesRead === CHUNK ? current : current.subarray(0, bytesRead));
    } catch (error) {
      await pending.catch(() => undefined);
      throw error;
    }
  }
}
