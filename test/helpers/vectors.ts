import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `../shared` beside the project root. */
export const SHARED = resolve(__dirname, '../../../shared');

/** One vector file: its name (without `.json`) and exact text. */
export interface Vector {
  readonly name: string;
  readonly text: string;
}

/** The reference's vectors in `shared/vectors/<kind>/`, sorted by name. */
export function vectors(kind: 'valid' | 'invalid'): Vector[] {
  const dir = join(SHARED, 'vectors', kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'expected.json')
    .sort()
    .map((f) => ({ name: f.slice(0, -5), text: readFileSync(join(dir, f), 'utf8') }));
}

/** The reference's error paths per invalid vector. */
export function expectedInvalidPaths(): Record<string, string[]> {
  return JSON.parse(readFileSync(join(SHARED, 'vectors', 'invalid', 'expected.json'), 'utf8')) as Record<string, string[]>;
}

/** A valid document of the spec's example, as a fresh plain object. */
export function specExample(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SHARED, 'vectors', 'valid', 'seed-basic.json'), 'utf8')) as Record<string, unknown>;
}
