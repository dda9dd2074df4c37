import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Python reference's vectors, copied into the repository (see its README for their provenance). */
export const VECTORS_DIR = resolve(__dirname, '../fixtures/reference-vectors');

/** One vector file: its name (without `.json`) and exact text. */
export interface Vector {
  readonly name: string;
  readonly text: string;
}

/** The path of one vector file, e.g. `vectorPath('valid', 'seed-basic')`. */
export function vectorPath(kind: 'valid' | 'invalid', name: string): string {
  return join(VECTORS_DIR, kind, `${name}.json`);
}

/** The reference's vectors in `<kind>/`, sorted by name. */
export function vectors(kind: 'valid' | 'invalid'): Vector[] {
  const dir = join(VECTORS_DIR, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'expected.json')
    .sort()
    .map((f) => ({ name: f.slice(0, -5), text: readFileSync(join(dir, f), 'utf8') }));
}

/** The reference's error paths per invalid vector. */
export function expectedInvalidPaths(): Record<string, string[]> {
  return JSON.parse(readFileSync(join(VECTORS_DIR, 'invalid', 'expected.json'), 'utf8')) as Record<string, string[]>;
}

/** A valid document of the spec's example, as a fresh plain object. */
export function specExample(): Record<string, unknown> {
  return JSON.parse(readFileSync(vectorPath('valid', 'seed-basic'), 'utf8')) as Record<string, unknown>;
}
