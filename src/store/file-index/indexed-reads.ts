import { normalizeBomQuery, type BomQuery, type BomQueryPage, type NormalizedBomQuery } from '../bom-query';
import type { BomSummary } from '../bom-summary';
import { selectSummaries, type BomListOptions } from '../select-summaries';
import type { BomIndex } from './bom-index';
import { querySql } from './index-query';
import { decodePageToken, encodePageToken } from './page-token';

/** `store.list(options)` from the index: every valid BOM that matches, and `onSkip` for each file that is not one. */
export async function listFromIndex(index: BomIndex, options: BomListOptions): Promise<BomSummary[]> {
  selectSummaries([], options);
  const ms = (v: Date | number | undefined): number | undefined => (v === undefined ? undefined : v instanceof Date ? v.getTime() : v);
  const q: NormalizedBomQuery = {
    features: [], params: [], metrics: [], descending: false, limit: Number.MAX_SAFE_INTEGER - 1,
    modelType: options.modelType, sinceMs: ms(options.since), untilMs: ms(options.until),
  };
  const { summaries, skipped } = await index.read((db) => {
    const { sql, values } = querySql(q, undefined);
    return { summaries: db.db.all(sql, values).map((r) => index.summary(r)), skipped: options.onSkip === undefined ? [] : index.invalid(db) };
  });
  for (const s of skipped) options.onSkip?.(s.path, s.error);
  return summaries;
}

/**
 * `store.query(query)` from the index.
 * @throws InvalidArgumentError for a malformed query or a page token this store did not make for it.
 */
export async function queryFromIndex(index: BomIndex | undefined, query: BomQuery): Promise<BomQueryPage> {
  const q = normalizeBomQuery(query);
  const cursor = q.pageToken === undefined ? undefined : decodePageToken(q, q.pageToken);
  if (index === undefined) return { items: [] };
  const rows = await index.query(q, cursor);
  if (rows.length <= q.limit) return { items: rows.map((r) => r.summary) };
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => r.summary), nextPageToken: encodePageToken(q, { key: last.key, id: last.summary.id }) };
}
