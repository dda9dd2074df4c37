import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** This package as the tool that writes a standard's document. */
export interface ToolInfo {
  /** npm package name. */
  readonly name: string;
  /** Package version. */
  readonly version: string;
  /** Its package URL, e.g. `pkg:npm/training-bom@0.1.0`. */
  readonly purl: string;
}

let cached: ToolInfo | undefined;

/** Name and version from the package's own package.json (two levels above both `src/export` and `dist/export`). */
export function toolInfo(): ToolInfo {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { name: string; version: string };
    cached = Object.freeze({ name: pkg.name, version: pkg.version, purl: `pkg:npm/${pkg.name}@${pkg.version}` });
  }
  return cached;
}
