/**
 * The file store's index (docs/store.md, "The index"): one SQLite file in `<store>/.index/`, kept up to date by
 * the store's own writes and resynced from the directory when something else changed it. Over 150 lines: the
 * write protocol, the freshness check and the resync belong together.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { NormalizedBomQuery } from '../bom-query';
import type { BomSummary } from '../bom-summary';
import { mapBounded } from '../../core/bounded-pool';
import { IndexDb, type PendingWrite } from './index-db';
import { readEntry, fileIdentity, problemError } from './index-entry';
import { withIndexLock } from './index-lock';
import { querySql } from './index-query';
import { INDEX_FILE } from './index-schema';
import { str, unblob } from './index-text';
import type { PageCursor } from './page-token';

const BATCH = 5_000;
const READ_CONCURRENCY = 32;
/** A pending write older than this is taken as crashed even when its process id is alive (a reused pid). */
const PENDING_MAX_MS = 10 * 60_000;
/** `meta.dir` when the index must be resynced before it is trusted. */
const STALE = 'stale';

/** Whether a file name in the store is a BOM file (what `list` has always read). */
export function isBomFile(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('.');
}

function writerAlive(p: PendingWrite): boolean {
  if (Date.now() - p.at > PENDING_MAX_MS) return false;
  if (p.host !== hostname()) return true;
  try {
    process.kill(p.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One row of a query answer: the summary and the sort key it was ordered by. */
export interface IndexedSummary {
  readonly summary: BomSummary;
  readonly key: number | null;
}

/** The index of one store directory. */
export class BomIndex {
  private readonly indexDir: string;
  private readonly dbPath: string;

  constructor(private readonly directory: string) {
    this.indexDir = join(directory, '.index');
    this.dbPath = join(this.indexDir, INDEX_FILE);
  }

  private async dirKey(): Promise<string> {
    const s = await stat(this.directory, { bigint: true });
    return `${s.mtimeNs}/${s.ctimeNs}/${s.ino}`;
  }

  private async locked<T>(work: (db: IndexDb, fresh: boolean) => T | Promise<T>): Promise<T> {
    await mkdir(this.indexDir, { recursive: true });
    return withIndexLock(this.indexDir, this.dbPath, async () => {
      const { index, fresh } = IndexDb.open(this.dbPath);
      try {
        return await work(index, fresh);
      } finally {
        index.close();
      }
    });
  }

  /** Before a write of `file`: records it as pending, so that a crash before {@link endWrite} is repaired by the next reader. */
  async beginWrite(file: string): Promise<void> {
    await this.locked(async (db) => {
      const key = await this.dirKey();
      const recorded = db.meta('dir');
      const othersInFlight = db.pending().some((p) => p.file !== file && writerAlive(p));
      const trusted = recorded === key || (recorded !== undefined && recorded !== STALE && othersInFlight);
      db.transaction(() => {
        if (!trusted) db.setMeta('dir', STALE);
        db.addPending({ file, pid: process.pid, host: hostname(), at: Date.now() });
      });
    });
  }

  /** After the write (or removal) of `file`: indexes what is there now and clears the pending mark. */
  async endWrite(file: string): Promise<void> {
    const entry = await readEntry(this.directory, file);
    await this.locked(async (db) => {
      const key = await this.dirKey();
      db.transaction(() => {
        if (entry === undefined) db.remove(file);
        else db.upsert(entry);
        db.removePending(file, process.pid);
        if (db.meta('dir') !== STALE && db.pending().length === 0) db.setMeta('dir', key);
      });
    });
  }

  /** Brings the index up to date (repairing crashed writes, resyncing when stale), then runs `read` on it. */
  async read<T>(read: (db: IndexDb) => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.locked(async (db, fresh) => {
        for (const p of db.pending()) {
          const entry = await readEntry(this.directory, p.file);
          db.transaction(() => {
            if (entry === undefined) db.remove(p.file);
            else db.upsert(entry);
            if (!writerAlive(p)) db.removePending(p.file);
          });
        }
        const recorded = db.meta('dir');
        const inFlight = db.pending().length > 0;
        const key = await this.dirKey();
        const current = !fresh && (recorded === key || (inFlight && recorded !== undefined && recorded !== STALE));
        return current || attempt >= 2 ? { value: read(db) } : undefined;
      });
      if (answer !== undefined) return answer.value;
      await this.resync();
    }
  }

  /** Reads every BOM file whose size, modification time or inode differs from its row, and drops rows of removed files. */
  async resync(): Promise<void> {
    const startKey = await this.dirKey();
    const names = (await readdir(this.directory)).filter(isBomFile);
    const identities = await mapBounded(names, READ_CONCURRENCY * 2, async (name) => {
      try {
        const i = fileIdentity(await stat(join(this.directory, name), { bigint: true }));
        return `${i.size}/${i.mtime}/${i.ino}`;
      } catch {
        return undefined;
      }
    });
    const known = await this.locked((db) => db.identities());
    const present = new Set(names);
    const changed = names.filter((n, i) => known.get(n) !== identities[i]);
    for (let at = 0; at < changed.length; at += BATCH) {
      const batch = changed.slice(at, at + BATCH);
      const entries = await mapBounded(batch, READ_CONCURRENCY, (name) => readEntry(this.directory, name));
      await this.locked((db) => db.transaction(() => batch.forEach((name, i) => {
        const entry = entries[i];
        if (entry === undefined) db.remove(name);
        else db.upsert(entry);
      })));
    }
    const gone = [...known.keys()].filter((n) => !present.has(n));
    const stillGone = await mapBounded(gone, READ_CONCURRENCY, async (n) => (await readEntry(this.directory, n)) === undefined);
    await this.locked(async (db) => {
      const key = await this.dirKey();
      db.transaction(() => {
        gone.forEach((n, i) => { if (stillGone[i]) db.remove(n); });
        if (key === startKey || db.pending().some(writerAlive)) db.setMeta('dir', startKey);
      });
    });
  }

  /** Forgets the index and builds it again from the BOM files. */
  async rebuild(): Promise<void> {
    await this.locked((db) => db.transaction(() => {
      for (const table of ['features', 'feature_names', 'params', 'metrics', 'boms']) db.db.run(`DELETE FROM ${table}`);
      db.setMeta('dir', STALE);
    }));
    await this.resync();
  }

  /** One page of `q` after `cursor` (one row more than `q.limit` when more follow). */
  async query(q: NormalizedBomQuery, cursor: PageCursor | undefined): Promise<IndexedSummary[]> {
    return this.read((db) => {
      const { sql, values } = querySql(q, cursor);
      return db.db.all(sql, values).map((r) => ({ summary: this.summary(r), key: r.k === null ? null : Number(r.k) }));
    });
  }

  /** Every file recorded as not a valid BOM, with the error `list` reports for it. */
  invalid(db: IndexDb): Array<{ path: string; error: Error }> {
    return db.db.all('SELECT file, problem FROM boms WHERE valid = 0 ORDER BY file').map((r) => {
      const path = join(this.directory, str(r.file));
      return { path, error: problemError(path, str(r.problem)) };
    });
  }

  /** The summary of a row of {@link querySql}. */
  summary(r: Record<string, unknown>): BomSummary {
    return {
      id: unblob(r.id) ?? '',
      startTime: unblob(r.start_time) ?? '',
      endTime: unblob(r.end_time) ?? '',
      startTimeMs: r.start_ms === null ? undefined : Number(r.start_ms),
      modelType: unblob(r.model_type) ?? '',
      modelArchitecture: unblob(r.architecture) ?? '',
      datasetOrigin: unblob(r.origin) ?? '',
      location: join(this.directory, str(r.file)),
    };
  }
}
