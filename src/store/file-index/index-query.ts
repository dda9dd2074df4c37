import type { BindValues, JSValue, SQLiteValue } from 'node-sqlite3-wasm';
import type { NormalizedBomQuery } from '../bom-query';
import type { PageCursor } from './page-token';
import { blob } from './index-text';
import { codePointKey } from '../../core/code-point-order';

const SQL_OP = { '>=': '>=', '>': '>', '<=': '<=', '<': '<', '=': '=', '!=': '<>' } as const;

/** The SELECT answering `q` from the index, after `cursor`, one row more than the page (to tell whether more follow). */
export function querySql(q: NormalizedBomQuery, cursor: PageCursor | undefined): { sql: string; values: BindValues } {
  const where: string[] = ['b.valid = 1'];
  const values: JSValue[] = [];
  const add = (clause: string, ...v: SQLiteValue[]): void => { where.push(clause); values.push(...v); };
  let join = '';
  let sortKey = 'b.start_ms';
  if (q.orderMetric !== undefined) {
    join = 'LEFT JOIN metrics o ON o.bom = b.n AND o.key = ?';
    values.push(blob(q.orderMetric));
    sortKey = 'o.value';
  }
  if (q.datasetDigest !== undefined) add('b.digest = ?', blob(q.datasetDigest));
  if (q.datasetOrigin !== undefined) add('b.origin = ?', blob(q.datasetOrigin));
  if (q.modelType !== undefined) add('b.model_type = ?', blob(q.modelType));
  if (q.modelArchitecture !== undefined) add('b.architecture = ?', blob(q.modelArchitecture));
  if (q.sweep !== undefined) add('b.sweep = ?', blob(q.sweep));
  if (q.sinceMs !== undefined) add('b.start_ms >= ?', q.sinceMs);
  if (q.untilMs !== undefined) add('b.start_ms < ?', q.untilMs);
  for (const f of q.features) add('EXISTS (SELECT 1 FROM features f WHERE f.name = (SELECT n FROM feature_names WHERE name = ?) AND f.bom = b.n)', blob(f));
  for (const [k, v] of q.params) add('EXISTS (SELECT 1 FROM params p WHERE p.key = ? AND p.value = ? AND p.bom = b.n)', blob(k), blob(v));
  for (const m of q.metrics) add(`EXISTS (SELECT 1 FROM metrics m WHERE m.key = ? AND m.value ${SQL_OP[m.op]} ? AND m.bom = b.n)`, blob(m.key), m.value);
  const dir = q.descending ? 'DESC' : 'ASC';
  if (cursor !== undefined) {
    if (cursor.key === null) add(`(${sortKey} IS NULL AND b.id_key > ?)`, codePointKey(cursor.id));
    else {
      const beyond = q.descending ? '<' : '>';
      add(`(${sortKey} IS NULL OR ${sortKey} ${beyond} ? OR (${sortKey} = ? AND b.id_key > ?))`, cursor.key, cursor.key, codePointKey(cursor.id));
    }
  }
  values.push(q.limit + 1);
  const sql = `SELECT b.file, b.id, b.start_time, b.end_time, b.start_ms, b.model_type, b.architecture, b.origin, ${sortKey} AS k
    FROM boms b ${join} WHERE ${where.join(' AND ')}
    ORDER BY (${sortKey} IS NULL), ${sortKey} ${dir}, b.id_key ASC LIMIT ?`;
  return { sql, values };
}
