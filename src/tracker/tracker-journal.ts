import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { JournalWriter } from '../journal/journal-writer';
import { lockJournal, unlockJournal } from '../journal/journal-lock';
import { journalPath, type JournalOptions } from '../journal/journal-options';
import type { JournalState } from '../journal/journal-state';
import type { JournalRecord } from '../journal/journal-record';
import { PRODUCER } from '../core/producer';
import type { Logger } from '../core/logger';

const MAX_NAME_ATTEMPTS = 100;

/** The journal choice after defaults: undefined when off. */
export function journalChoice(choice: boolean | JournalOptions | undefined, hasSinks: boolean): JournalOptions | undefined {
  if (choice === false || (choice === undefined && !hasSinks)) return undefined;
  return choice === true || choice === undefined ? {} : choice;
}

/** The tracker's side of its journal: opening, the records of the lifecycle, keeping or deleting the file at close. */
export class TrackerJournal {
  private constructor(
    readonly writer: JournalWriter,
    private readonly options: JournalOptions,
    private readonly logger: Logger,
    private readonly lockPath: string,
  ) {}

  /** Starts a new journal for run `id`, beside any existing one; undefined (with a warning) when the file cannot be created. */
  static create(options: JournalOptions, id: string, logger: Logger): TrackerJournal | undefined {
    for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
      const path = journalPath(options, id, attempt);
      try {
        if (attempt === 0) mkdirSync(dirname(path), { recursive: true });
        const writer = new JournalWriter(path, { mode: 'create' }, options.durable === true, (e) => TrackerJournal.failed(logger, path, e));
        return new TrackerJournal(writer, options, logger, lockJournal(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (error as NodeJS.ErrnoException).syscall === 'open') continue;
        logger.warn(`journal ${path} could not be created, training goes on without it: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }
    logger.warn(`journal for ${id}: ${MAX_NAME_ATTEMPTS} journals of that id exist already, training goes on without one`);
    return undefined;
  }

  /** Continues the journal that `state` was read from (after taking its lock with `lockJournal`), cut back to its last intact frame. */
  static append(state: JournalState, options: JournalOptions, logger: Logger, lockPath: string): TrackerJournal {
    return new TrackerJournal(new JournalWriter(state.path, { mode: 'append', from: state }, options.durable === true, (e) => TrackerJournal.failed(logger, state.path, e)), options, logger, lockPath);
  }

  private static failed(logger: Logger, path: string, error: unknown): void {
    logger.warn(`journal ${path} stopped after a failed write, training goes on without it: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** The journal file. */
  get path(): string {
    return this.writer.path;
  }

  /** Writes a header and the start of the run. */
  start(id: string, startMs: number, nowMs: number): void {
    this.writer.record({ type: 'header', created_ms: nowMs, pid: process.pid, producer: PRODUCER });
    this.writer.record({ type: 'start', id, start_ms: startMs });
  }

  record(record: JournalRecord): void {
    this.writer.record(record);
  }

  /** Closes the file; deletes it when the run was finalized and delivered everywhere (unless `keep`). Returns the path if kept. */
  close(finalized: boolean, delivered: boolean): string | undefined {
    this.writer.close();
    unlockJournal(this.lockPath);
    if (this.writer.failed) return undefined;
    if (finalized && delivered && this.options.keep !== true) {
      rmSync(this.writer.path, { force: true });
      if (this.options.path === undefined) removeIfEmpty(dirname(this.writer.path));
      return undefined;
    }
    if (!delivered || !finalized) this.logger.warn(`journal kept at ${this.writer.path}: ${finalized ? 'not everything was delivered' : 'the run was closed without finalizing'}; \`training-bom recover\` it later`);
    return this.writer.path;
  }
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Other journals are there, or it is gone already.
  }
}
