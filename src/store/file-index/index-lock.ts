import { rmSync } from 'node:fs';

/** A lock older than this (not refreshed by a live holder) is taken over: its holder crashed. */
const STALE_MS = 10_000;

/**
 * Runs `work` holding the store's index lock: `<store>/.index/lock` (a directory, proper-lockfile's mkdir lock,
 * refreshed while held and taken over when stale), across processes and within one. Under it, a `<db>.lock`
 * left by a crashed process is removed: the WASM SQLite's own lock is that directory, which would otherwise
 * make the database BUSY forever. Keep `work` short: other readers and writers wait for it.
 */
export async function withIndexLock<T>(indexDir: string, dbPath: string, work: () => T | Promise<T>): Promise<T> {
  let compromised: Error | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the first index access, not with the package
  const { lock } = require('proper-lockfile') as typeof import('proper-lockfile');
  const release = await lock(indexDir, {
    lockfilePath: `${indexDir}/lock`,
    realpath: false,
    stale: STALE_MS,
    retries: { retries: 400, factor: 1.3, minTimeout: 5, maxTimeout: 250, randomize: true },
    onCompromised: (error) => { compromised = error; },
  });
  try {
    rmSync(`${dbPath}.lock`, { recursive: true, force: true });
    const result = await work();
    if (compromised !== undefined) throw compromised;
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
