import { InvalidArgumentError } from 'commander';

/** Parses a `--since` / `--until` value: an ISO 8601 date or date-time (UTC unless it says otherwise) or epoch milliseconds. */
export function parseTimeOption(value: string): Date {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(/^\d{4}-\d{2}-\d{2}T[^Z+-]*$/.test(value) ? `${value}Z` : value);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError('expected an ISO 8601 date or date-time, or epoch milliseconds');
  return new Date(ms);
}
