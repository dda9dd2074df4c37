import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database, SQLiteValue, Statement } from 'node-sqlite3-wasm';
import { blob, str } from './index-text';
import { codePointKey } from '../../core/code-point-order';
import { entryColumns, entryFacts, type IndexEntry } from './index-entry';
import { INDEX_FORMAT, SCHEMA } from './index-schema';

/** A row of the `pending` table: a write in flight (or a writer that crashed). */
export interface PendingWrite {
  readonly file: string;
  readonly pid: number;
  readonly host: string;
  readonly at: number;
}

function isCorruption(error: unknown): boolean {
  return error instanceof Error && /malformed|not a database|corrupt|no such table|file is not/i.test(error.message);
}

/**
 * The open index database (synchronous, as the WASM SQLite is): rows per BOM file and the tables the queries
 * join. Open it only under {@link withIndexLock}, and close it before the lock is released.
 */
export class IndexDb {
  private readonly statements = new Map<string, Statement>();
  /** Feature name → its number, for this open (under the lock nobody else changes `feature_names`). */
  private readonly featureNumbers = new Map<string, number>();

  private constructor(readonly db: Database) {
    // A rebuild inserts into several B-trees at random places: with SQLite's default 2 MB cache, pages are
    // written and read back again and again (most of a rebuild's time, measured).
    db.exec('PRAGMA cache_size = -65536');
  }

  /** Opens the index at `path`, or a new empty one when it is missing, corrupt or of another format (`fresh`). */
  static open(path: string): { index: IndexDb; fresh: boolean } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the first index access, not with the package
    const { Database } = require('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
    try {
      const db = new Database(path);
      try {
        const row = db.get("SELECT value FROM meta WHERE key = 'format'");
        if (row !== null && row.value === INDEX_FORMAT) return { index: new IndexDb(db), fresh: false };
      } catch (error) {
        if (!isCorruption(error)) { db.close(); throw error; }
      }
      db.close();
    } catch (error) {
      if (!isCorruption(error) && !/Could not open/.test(String(error))) throw error;
    }
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    // An index of an older format is a file of another name: a cache nothing reads any more.
    for (const name of readdirSync(dirname(path))) {
      if (/^boms-v\d+\.sqlite(-journal|-wal|-shm)?$/.test(name) && !name.startsWith(basename(path))) rmSync(join(dirname(path), name), { force: true });
    }
    const db = new Database(path);
    db.exec(`BEGIN; ${SCHEMA} INSERT INTO meta VALUES ('format', '${INDEX_FORMAT}'); COMMIT;`);
    return { index: new IndexDb(db), fresh: true };
  }

  private statement(sql: string): Statement {
    let s = this.statements.get(sql);
    if (s === undefined) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** Runs `work` in one transaction (rolled back when it throws). */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.featureNumbers.clear();   // names added in the transaction are gone with it
      throw error;
    }
  }

  meta(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key);
    return row === null ? undefined : str(row.value);
  }

  setMeta(key: string, value: string | undefined): void {
    if (value === undefined) this.statement('DELETE FROM meta WHERE key = ?').run(key);
    else this.statement('INSERT OR REPLACE INTO meta VALUES (?, ?)').run([key, value]);
  }

  /** Removes the row of `file` and everything it added. */
  remove(file: string): void {
    const row = this.statement('SELECT n FROM boms WHERE file = ?').get(file);
    if (row === null) return;
    for (const table of ['features', 'params', 'metrics']) this.statement(`DELETE FROM ${table} WHERE bom = ?`).run(row.n);
    this.statement('DELETE FROM boms WHERE n = ?').run(row.n);
  }

  /** Replaces the row of `entry.file` with `entry`. */
  upsert(entry: IndexEntry): void {
    this.remove(entry.file);
    const bom = entry.bom;
    const identity = [entry.file, entry.size, entry.mtime, entry.ino];
    if (bom === undefined) {
      this.statement('INSERT INTO boms (file, size, mtime, ino, valid, problem) VALUES (?, ?, ?, ?, 0, ?)').run([...identity, entry.problem ?? '{}']);
      return;
    }
    const c = entryColumns(bom);
    const opt = (s: string | undefined): SQLiteValue => (s === undefined ? null : blob(s));
    const info = this.statement(
      'INSERT INTO boms (file, size, mtime, ino, valid, id, id_key, start_time, end_time, start_ms, model_type, architecture, origin, digest, sweep) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run([...identity, blob(bom.id), codePointKey(bom.id), blob(bom.startTime), blob(bom.endTime), c.startMs ?? null, blob(bom.modelInfo.type),
      blob(bom.modelInfo.architecture), blob(bom.datasetInfo.origin), opt(c.digest), opt(c.sweep)]);
    const n = info.lastInsertRowid;
    const facts = entryFacts(bom);
    for (const f of facts.features) this.statement('INSERT INTO features VALUES (?, ?)').run([this.featureName(f), n]);
    for (const [k, v] of facts.params) this.statement('INSERT INTO params VALUES (?, ?, ?)').run([blob(k), blob(v), n]);
    for (const [k, v] of facts.metrics) this.statement('INSERT INTO metrics VALUES (?, ?, ?)').run([blob(k), v, n]);
  }

  /**
   * The number of a feature name in `feature_names`, added when new: a BOM's rows in `features` hold numbers,
   * not names (most BOMs of a store share their feature names; a third of the index's size, measured).
   */
  private featureName(name: string): number {
    let n = this.featureNumbers.get(name);
    if (n === undefined) {
      const key = blob(name);
      this.statement('INSERT OR IGNORE INTO feature_names (name) VALUES (?)').run([key]);
      n = Number((this.statement('SELECT n FROM feature_names WHERE name = ?').get([key]) as { n: number }).n);
      this.featureNumbers.set(name, n);
    }
    return n;
  }

  /** `file → "size/mtime/ino"` for every row. */
  identities(): Map<string, string> {
    const map = new Map<string, string>();
    for (const row of this.statement('SELECT file, size, mtime, ino FROM boms').iterate()) map.set(str(row.file), `${str(row.size)}/${str(row.mtime)}/${str(row.ino)}`);
    return map;
  }

  pending(): PendingWrite[] {
    return this.statement('SELECT file, pid, host, at FROM pending').all().map((r) => ({ file: str(r.file), pid: Number(r.pid), host: str(r.host), at: Number(r.at) }));
  }

  addPending(write: PendingWrite): void {
    this.statement('INSERT OR REPLACE INTO pending VALUES (?, ?, ?, ?)').run([write.file, write.pid, write.host, write.at]);
  }

  removePending(file: string, pid?: number): void {
    if (pid === undefined) this.statement('DELETE FROM pending WHERE file = ?').run(file);
    else this.statement('DELETE FROM pending WHERE file = ? AND pid = ?').run([file, pid]);
  }

  /** Finalizes every statement and closes the database (the WASM module's memory is freed only so). */
  close(): void {
    for (const s of this.statements.values()) if (!s.isFinalized) s.finalize();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}
