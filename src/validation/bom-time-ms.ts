import { parseIsoTimestamp } from './iso-timestamp';

/**
 * A BOM timestamp in epoch milliseconds: ISO 8601 (naive times read as UTC, as strict mode does) or a string
 * of epoch-millisecond digits (the specification's `str(run.info.start_time)`); undefined for anything else.
 */
export function bomTimeMs(text: string): number | undefined {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  const micros = parseIsoTimestamp(text);
  return micros === undefined ? undefined : Math.floor(micros / 1000);
}
