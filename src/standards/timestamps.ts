import { parseIsoTimestamp } from '../validation/iso-timestamp';

/** MLflow's run times (`str(run.info.start_time)` in the spec's MLflow example): 13 digits of epoch milliseconds. */
const EPOCH_MILLIS = /^\d{13}$/;

/**
 * Reads a BOM timestamp as microseconds since the Unix epoch, or `undefined` when it is not a time:
 * ISO 8601 date-times (a naive one, as Python's `datetime.now().isoformat()` writes, is taken as UTC)
 * and MLflow's 13-digit epoch milliseconds (years 2001–2286). Years outside 0001–9999 are not read.
 */
export function readTimestamp(text: string): number | undefined {
  const micros = EPOCH_MILLIS.test(text) ? Number(text) * 1000 : parseIsoTimestamp(text);
  if (micros === undefined || !Number.isFinite(micros)) return undefined;
  const year = new Date(Math.floor(micros / 1000)).getUTCFullYear();
  return year >= 1 && year <= 9999 ? micros : undefined;
}

/** RFC 3339 in UTC with milliseconds, or microseconds when there are any (`2024-09-05T10:00:00.000Z`). */
export function rfc3339Utc(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  const sub = micros - ms * 1000;
  return sub === 0 ? iso : `${iso.slice(0, 23)}${String(sub).padStart(3, '0')}Z`;
}

/** SPDX 3's date-time: UTC, whole seconds (truncated), `Z` (`2024-09-05T10:00:00Z`). */
export function spdxDateTime(micros: number): string {
  return `${new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19)}Z`;
}
