/**
 * A run's crash-safe journal as a subscriber of its event stream: every event becomes a record, every
 * metric point a packed point (with a `key` record before a metric's first point), in the order the
 * tracker published them. It also owns the file's lifecycle: creating it beside any other journal of the
 * same id, appending to it on resume, and keeping or deleting it at close.
 */
import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRODUCER } from '../core/producer';
import type { Logger } from '../core/logger';
import type { RunEvent, RunEventSubscriber } from '../events/run-event';
import { recordOf } from './event-records';
import { JournalWriter } from './journal-writer';
import { lockJournal, unlockJournal } from './journal-lock';
import { journalPath, type JournalOptions } from './journal-options';
import type { JournalState } from './journal-state';

const MAX_NAME_ATTEMPTS = 100;

/** The journal choice after defaults: undefined when off. */
export function journalChoice(choice: boolean | JournalOptions | undefined, hasSinks: boolean): JournalOptions | undefined {
  if (choice === false || (choice === undefined && !hasSinks)) return undefined;
  return choice === true || choice === undefined ? {} : choice;
}

/** One run's journal: a subscriber of the run's events that writes them down. */
export class RunJournal implements RunEventSubscriber {
  private keysRecorded: number;

  private constructor(
    readonly writer: JournalWriter,
    private readonly options: JournalOptions,
    private readonly logger: Logger,
    private readonly lockPath: string,
    keysRecorded: number,
  ) {
    this.keysRecorded = keysRecorded;
  }

  /** Starts a new journal for run `id`, beside any existing one, with its header; undefined (with a warning) when the file cannot be created. */
  static create(options: JournalOptions, id: string, nowMs: number, logger: Logger): RunJournal | undefined {
    for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
      const path = journalPath(options, id, attempt);
      try {
        if (attempt === 0) mkdirSync(dirname(path), { recursive: true });
        const writer = new JournalWriter(path, { mode: 'create' }, options.durable === true, (e) => RunJournal.failed(logger, path, e));
        writer.record({ type: 'header', created_ms: nowMs, pid: process.pid, producer: PRODUCER });
        return new RunJournal(writer, options, logger, lockJournal(path), 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (error as NodeJS.ErrnoException).syscall === 'open') continue;
        logger.warn(`journal ${path} could not be created, training goes on without it: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }
    logger.warn(`journal for ${id}: ${MAX_NAME_ATTEMPTS} journals of that id exist already, training goes on without one`);
    return undefined;
  }

  /**
   * Continues the journal that `state` was read from (after taking its lock with `lockJournal`), cut back
   * to its last intact frame, and records the resumption.
   */
  static append(state: JournalState, options: JournalOptions, logger: Logger, lockPath: string, nowMs: number): RunJournal {
    const writer = new JournalWriter(state.path, { mode: 'append', from: state }, options.durable === true, (e) => RunJournal.failed(logger, state.path, e));
    writer.record({ type: 'resume', at_ms: nowMs, points: state.points, pid: process.pid });
    return new RunJournal(writer, options, logger, lockPath, state.keys.length);
  }

  private static failed(logger: Logger, path: string, error: unknown): void {
    logger.warn(`journal ${path} stopped after a failed write, training goes on without it: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** The journal file. */
  get path(): string {
    return this.writer.path;
  }

  /** Writes the event's record; a finalized run's BOM is put on disk at once. */
  onEvent(event: RunEvent): void {
    this.writer.record(recordOf(event));
    if (event.type === 'finalize') this.writer.sync();
  }

  /** Buffers the point (hot path); a metric's first point is preceded by the record of its name. */
  onMetric(key: string, value: number, step: number, timestampMs: number, keyIndex: number): void {
    if (keyIndex >= this.keysRecorded) {
      this.writer.record({ type: 'key', index: keyIndex, key });
      this.keysRecorded = keyIndex + 1;
    }
    this.writer.point(keyIndex, value, step, timestampMs);
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
