import type { JsonValue } from '../core/json-types';
import { printable, printableJson } from './printable';

/**
 * A param or metric value for people, safe to print on one line ({@link printable}): strings escaped, numbers to
 * 6 significant digits, the rest as JSON (cut at 80 characters).
 */
export function formatValue(value: JsonValue | undefined): string {
  if (typeof value === 'string') return printable(value);
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Number(value.toPrecision(6)));
  const json = JSON.stringify(value) ?? 'undefined';
  return printableJson(json.length > 80 ? `${json.slice(0, 79)}…` : json);
}

/** A duration for people (the rule lives in core: the HTML report uses it too). */
export { formatDuration } from '../core/format-duration';
