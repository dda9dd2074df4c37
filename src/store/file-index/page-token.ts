import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../../errors';
import type { NormalizedBomQuery } from '../bom-query';

/** Where a page ended: the last item's sort key (null: no start date / no metric) and id. */
export interface PageCursor {
  readonly key: number | null;
  readonly id: string;
}

const VERSION = 1;
const MAX_TOKEN = 4096;

/** A short digest of what a query asks (not its limit or token): a token is only good for the query that made it. */
function queryDigest(q: NormalizedBomQuery): string {
  const { limit: _limit, pageToken: _token, ...asked } = q;
  return createHash('sha256').update(JSON.stringify(asked)).digest('base64url').slice(0, 16);
}

/** The opaque `nextPageToken` after `cursor`. */
export function encodePageToken(q: NormalizedBomQuery, cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([VERSION, queryDigest(q), cursor.key, cursor.id])).toString('base64url');
}

function bad(why: string): InvalidArgumentError {
  return new InvalidArgumentError('query.pageToken', `is not a page token of this query (${why}); start again without it`);
}

/**
 * The cursor in a token handed back by a caller: hostile input, checked field by field.
 * @throws InvalidArgumentError (`query.pageToken`) for anything this store did not make for this query.
 */
export function decodePageToken(q: NormalizedBomQuery, token: string): PageCursor {
  if (token.length > MAX_TOKEN || !/^[A-Za-z0-9_-]+$/.test(token)) throw bad('not base64url text of a sane length');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad('not JSON');
  }
  if (!Array.isArray(value) || value.length !== 4) throw bad('wrong shape');
  const [version, digest, key, id] = value as unknown[];
  if (version !== VERSION) throw bad('unknown version');
  if (digest !== queryDigest(q)) throw bad('made for another query');
  if (key !== null && (typeof key !== 'number' || !Number.isFinite(key))) throw bad('bad sort key');
  if (typeof id !== 'string' || id === '' || !id.isWellFormed()) throw bad('bad id');
  return { key, id };
}
