import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_MAX_INPUT_BYTES } from '../validation/limits';

/** Thrown for an input the CLI cannot read at all (missing file, a directory, too large); exits with status 2. */
export class InputError extends Error {}

const tooLarge = (size: string): InputError =>
  new InputError(`is ${size}, more than the ${DEFAULT_MAX_INPUT_BYTES}-byte input limit: not read`);

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > DEFAULT_MAX_INPUT_BYTES) throw tooLarge('longer');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The bytes of a file, or of standard input for `-`; refuses more than the parser's input limit before reading it. */
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
  if (info.isFile() && info.size > DEFAULT_MAX_INPUT_BYTES) throw tooLarge(`${info.size} bytes`);
  return readFile(file);
}
