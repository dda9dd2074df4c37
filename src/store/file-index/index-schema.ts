/**
 * The file index's SQLite schema (docs/store.md, "The index"). Bump {@link INDEX_FORMAT} for any change: an
 * index of another format is rebuilt from the BOM files, never migrated.
 */
export const INDEX_FORMAT = '2';

/** The index file's name inside `<store>/.index/`. */
export const INDEX_FILE = `boms-v${INDEX_FORMAT}.sqlite`;

export const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE boms (
  n INTEGER PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  mtime TEXT NOT NULL,
  ino TEXT NOT NULL,
  valid INTEGER NOT NULL,
  problem TEXT,
  id BLOB,
  id_key BLOB,
  start_time BLOB,
  end_time BLOB,
  start_ms INTEGER,
  model_type BLOB,
  architecture BLOB,
  origin BLOB,
  digest BLOB,
  sweep BLOB
);
CREATE INDEX boms_start ON boms (valid, start_ms, id_key);
CREATE INDEX boms_type ON boms (model_type);
CREATE INDEX boms_architecture ON boms (architecture);
CREATE INDEX boms_origin ON boms (origin);
CREATE INDEX boms_digest ON boms (digest);
CREATE INDEX boms_sweep ON boms (sweep);
CREATE TABLE feature_names (n INTEGER PRIMARY KEY, name BLOB NOT NULL UNIQUE);
CREATE TABLE features (name INTEGER NOT NULL, bom INTEGER NOT NULL, PRIMARY KEY (name, bom)) WITHOUT ROWID;
CREATE INDEX features_bom ON features (bom);
CREATE TABLE params (key BLOB NOT NULL, value BLOB NOT NULL, bom INTEGER NOT NULL, PRIMARY KEY (key, value, bom)) WITHOUT ROWID;
CREATE INDEX params_bom ON params (bom);
CREATE TABLE metrics (key BLOB NOT NULL, value REAL NOT NULL, bom INTEGER NOT NULL, PRIMARY KEY (key, value, bom)) WITHOUT ROWID;
CREATE INDEX metrics_bom ON metrics (bom, key);
CREATE TABLE pending (file TEXT PRIMARY KEY, pid INTEGER NOT NULL, host TEXT NOT NULL, at INTEGER NOT NULL);
`;
