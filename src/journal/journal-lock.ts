/**
 * A journal's lock file (`<journal>.lock`, holding the writer's pid and host): a second process must not
 * append to a journal another live process is writing, or their frames would overwrite each other. A
 * lock whose process is gone (a crash) is stale and taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { JournalError } from '../errors';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function owner(lockPath: string): LockOwner | undefined {
  try {
    const value = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock of the journal at `journalPath` for this process.
 * @throws {@link JournalError} when another live process on this host holds it, a process on another host does, or the lock file cannot be written.
 */
export function lockJournal(journalPath: string): string {
  const lockPath = `${journalPath}.lock`;
  const held = owner(lockPath);
  const host = hostname();
  if (held !== undefined && held.pid !== process.pid) {
    if (held.host !== host) throw new JournalError(journalPath, `is locked by process ${held.pid} on host ${JSON.stringify(held.host)} (${lockPath}); if no process there writes it any more, delete the lock file`);
    if (alive(held.pid)) throw new JournalError(journalPath, `is being written by process ${held.pid} (${lockPath}); stop that process first, or delete the lock file if it is not a training run`);
  }
  try {
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host }), { mode: 0o600 });
  } catch (error) {
    throw new JournalError(journalPath, `cannot be locked (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  return lockPath;
}

/** Releases a lock taken by {@link lockJournal}; never throws. */
export function unlockJournal(lockPath: string): void {
  try {
    rmSync(lockPath, { force: true });
  } catch {
    // Nothing more to do: a stale lock is taken over by the next process.
  }
}
