/**
 * The MLflow client's retry policy, modelled on MLflow's Python client (urllib3 `Retry` as configured by
 * `mlflow.utils.request_utils`): retry transient statuses and connection errors with jittered exponential
 * backoff, honour `Retry-After`, and bound the whole call by one deadline.
 */

/** HTTP statuses MLflow's Python client retries (`_TRANSIENT_FAILURE_RESPONSE_CODES`). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** urllib3's `Retry.DEFAULT_BACKOFF_MAX`: no backoff sleep is longer than this. */
export const MAX_BACKOFF_MS = 120_000;

/** How a call is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (MLflow: `MLFLOW_HTTP_REQUEST_MAX_RETRIES`, default 7). */
  readonly maxRetries: number;
  /** Backoff factor in ms (MLflow: `MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR`, default 2 s). */
  readonly backoffFactorMs: number;
  /** Upper bound of the random jitter added to each backoff, in ms (MLflow: default 1 s). */
  readonly backoffJitterMs: number;
  /** Deadline for the whole call, retries and sleeps included, in ms (default 120 s). */
  readonly timeoutMs: number;
  /** Sleep for the server's `Retry-After` instead of the backoff when present (default true). */
  readonly respectRetryAfter: boolean;
}

/** Time and randomness the retry loop uses; inject fakes in tests. */
export interface RetryRuntime {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

/** The real runtime: `Date.now`, `setTimeout`, `Math.random`. */
export const systemRetryRuntime: RetryRuntime = Object.freeze({
  now: (): number => Date.now(),
  sleep: (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: (): number => Math.random(),
});

/** What the caller says about a failed attempt. */
export interface RetryVerdict {
  readonly retry: boolean;
  /** The server's `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs?: number;
}

/** Why the loop stopped retrying. */
export type GiveUpReason = 'not-retryable' | 'retries-exhausted' | 'deadline';

/** Thrown by {@link runWithRetries} when the call fails for good; wraps the last attempt's failure. */
export class RetriesFailed {
  constructor(
    readonly failure: unknown,
    readonly reason: GiveUpReason,
    readonly attempts: number,
    readonly elapsedMs: number,
  ) {}
}

/**
 * Backoff before the retry that follows `consecutiveFailures` failures, urllib3 2.x's formula: none after
 * the first failure, then `factor * 2^(n-1) + random * jitter`, capped at {@link MAX_BACKOFF_MS}.
 */
export function backoffMs(consecutiveFailures: number, policy: RetryPolicy, random: () => number): number {
  if (consecutiveFailures <= 1) return 0;
  let value = policy.backoffFactorMs * 2 ** (consecutiveFailures - 1);
  if (policy.backoffJitterMs !== 0) value += random() * policy.backoffJitterMs;
  return Math.max(0, Math.min(MAX_BACKOFF_MS, value));
}

/**
 * Parses a `Retry-After` value (delay-seconds or an HTTP-date) into ms from `nowMs`; `undefined` when it
 * is absent or malformed (urllib3 fails the request on a malformed value; we fall back to the backoff).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date) || !/[a-z]/i.test(trimmed)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Runs `attempt` until it succeeds, `classify` says its failure is final, the retries run out, or the next
 * sleep would cross the deadline. `attempt` receives the time left before the deadline (bound each
 * request by it). Throws {@link RetriesFailed} around the last failure.
 */
export async function runWithRetries<T>(
  attempt: (remainingMs: number) => Promise<T>,
  classify: (failure: unknown) => RetryVerdict,
  policy: RetryPolicy,
  runtime: RetryRuntime = systemRetryRuntime,
): Promise<T> {
  const start = runtime.now();
  const deadline = start + policy.timeoutMs;
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt(Math.max(0, deadline - runtime.now()));
    } catch (failure) {
      const verdict = classify(failure);
      const now = runtime.now();
      const fail = (reason: GiveUpReason): RetriesFailed => new RetriesFailed(failure, reason, attempts, now - start);
      if (!verdict.retry) throw fail('not-retryable');
      if (attempts > policy.maxRetries) throw fail('retries-exhausted');
      const retryAfter = policy.respectRetryAfter && verdict.retryAfterMs !== undefined && verdict.retryAfterMs > 0;
      const delay = retryAfter ? verdict.retryAfterMs : backoffMs(attempts, policy, () => runtime.random());
      if (now + delay >= deadline) throw fail('deadline');
      if (delay > 0) await runtime.sleep(delay);
    }
  }
}
