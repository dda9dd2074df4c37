/** Where the tracker gets time from; inject a fake in tests. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The real clock (`Date.now`). */
export const systemClock: Clock = Object.freeze({ now: (): number => Date.now() });

/** ISO 8601 UTC with milliseconds, e.g. `2024-09-05T10:00:00.000Z`. */
export function toIsoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
