import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh temporary directory per test file, removed by `cleanup()` (call it in `after`). */
export class DatasetDir {
  readonly root = mkdtempSync(join(tmpdir(), 'training-bom-datasets-'));

  /** Writes `content` at `name` (parent directories created) and returns the absolute path. */
  file(name: string, content: string | Uint8Array): string {
    const path = join(this.root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  /** The absolute path of `name` under the root, without creating it. */
  path(name: string): string {
    return join(this.root, name);
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** `sha256sum`'s digest of a file, as `sha256:<hex>`. */
export function sha256sum(path: string): string {
  return `sha256:${execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]}`;
}

/** The directory digest by the documented shell recipe: `sha256sum` of every file, sorted by path bytes, hashed. */
export function shellDirectoryDigest(dir: string): string {
  const script = "find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum";
  return `sha256:${execFileSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' }).split(' ')[0]}`;
}
