import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

const MARK = `${sep}node_modules${sep}`;

function versionAt(dir: string): string | undefined {
  try {
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The package directory and name of a file under `node_modules`, from its last `node_modules` segment. */
function packageOf(file: string): { dir: string; name: string } | undefined {
  const at = file.lastIndexOf(MARK);
  if (at < 0) return undefined;
  const parts = file.slice(at + MARK.length).split(sep);
  const name = parts[0]?.startsWith('@') === true ? `${parts[0]}/${parts[1] ?? ''}` : parts[0];
  if (name === undefined || name === '' || name.endsWith('/')) return undefined;
  return { dir: file.slice(0, at + MARK.length) + name.split('/').join(sep), name };
}

/** The package.json directory above a resolved entry file (packages may hide `package.json` from `exports`). */
function resolvedVersion(name: string, cwd: string): string | undefined {
  let file: string;
  try {
    file = require.resolve(name, { paths: [cwd] });
  } catch {
    return undefined;
  }
  const pkg = packageOf(file);
  if (pkg !== undefined && pkg.name === name) return versionAt(pkg.dir);
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const version = versionAt(dir);
    if (version !== undefined) return version;
  }
  return undefined;
}

/**
 * Versions of the packages this process has loaded through `require` (from `require.cache`) that `keep`
 * accepts, plus the `extra` packages resolved from `cwd`. Two copies at different versions are listed
 * as `"4.22.0, 4.21.0"`. Sorted by name.
 */
export function loadedPackages(keep: (name: string) => boolean, extra: readonly string[], cwd: string): Record<string, string> {
  const versions = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const add = (name: string, version: string | undefined): void => {
    if (version === undefined) return;
    let set = versions.get(name);
    if (set === undefined) versions.set(name, (set = new Set()));
    set.add(version);
  };
  for (const file of Object.keys(require.cache)) {
    const pkg = packageOf(file);
    if (pkg === undefined || seen.has(pkg.dir) || !keep(pkg.name)) continue;
    seen.add(pkg.dir);
    add(pkg.name, versionAt(pkg.dir));
  }
  for (const name of extra) if (!versions.has(name)) add(name, resolvedVersion(name, cwd));
  const out: Record<string, string> = {};
  for (const name of [...versions.keys()].sort()) out[name] = [...(versions.get(name) as Set<string>)].join(', ');
  return out;
}
