import { readFile, stat } from 'node:fs/promises';

/** Thrown for an input the CLI cannot read at all (missing file, a directory); exits with status 2. */
export class InputError extends Error {}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The bytes of a file, or of standard input for `-`. */
export async function readInput(file: string): Promise<Uint8Array> {
  if (file === '-') return readStdin();
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'unknown error'})`);
  }
  if (info.isDirectory()) throw new InputError('is a directory, not a BOM file');
  return readFile(file);
}
