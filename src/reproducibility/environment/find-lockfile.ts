import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LockfileInfo } from '../../models/environment-info';

const NAMES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/** The digest of the lockfile in `dir` or its nearest ancestor that has one (npm, yarn, pnpm, bun); `null` when none. */
export function findLockfile(dir: string): LockfileInfo | null {
  for (let current = dir; ; current = dirname(current)) {
    for (const name of NAMES) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(current, name));
      } catch {
        continue;
      }
      return { name, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
    }
    if (dirname(current) === current) return null;
  }
}
