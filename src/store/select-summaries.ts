import { InvalidArgumentError } from '../errors';
import type { BomSummary } from './bom-summary';
import { compareByCodePoint } from '../core/code-point-order';

/** Which BOMs a store's `list` returns. Time bounds apply to `start_time`; a BOM whose start is not a date fails them. */
export interface BomListOptions {
  /** Only BOMs whose `model_info.type` is exactly this. */
  readonly modelType?: string;
  /** Only BOMs that started at or after this time (a Date or epoch milliseconds). */
  readonly since?: Date | number;
  /** Only BOMs that started before this time (a Date or epoch milliseconds). */
  readonly until?: Date | number;
  /** Told about each stored item that is skipped because it is not a valid BOM (default: nothing). */
  readonly onSkip?: (location: string, error: unknown) => void;
}

function bound(name: string, value: Date | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || Number.isNaN(ms)) throw new InvalidArgumentError(name, 'must be a valid Date or epoch milliseconds');
  return ms;
}

/**
 * The summaries that match `options`, sorted by start time (BOMs whose start is not a date last), then id (by code point).
 * @throws InvalidArgumentError for a bound that is not a valid time.
 */
export function selectSummaries(summaries: readonly BomSummary[], options: BomListOptions = {}): BomSummary[] {
  const since = bound('since', options.since);
  const until = bound('until', options.until);
  const kept = summaries.filter((s) => {
    if (options.modelType !== undefined && s.modelType !== options.modelType) return false;
    if (since === undefined && until === undefined) return true;
    if (s.startTimeMs === undefined) return false;
    return (since === undefined || s.startTimeMs >= since) && (until === undefined || s.startTimeMs < until);
  });
  const key = (s: BomSummary): number => s.startTimeMs ?? Number.POSITIVE_INFINITY;
  return kept.sort((a, b) => key(a) - key(b) || compareByCodePoint(a.id, b.id));
}
