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
  /** Resolves after `ms`, or as soon as `signal` fires (a fake may ignore it). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

/** `setTimeout` that an abort clears, so that a closed client leaves no timer keeping the process up. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The real runtime: `Date.now`, `setTimeout`, `Math.random`. */
export const systemRetryRuntime: RetryRuntime = Object.freeze({
  now: (): number => Date.now(),
  sleep,
  random: (): number => Math.random(),
});

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** What the caller says about a failed attempt. */
export interface RetryVerdict {
  readonly retry: boolean;
  /** The server's `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs?: number;
  /** Retry this failure only within this many ms of the call's start (a grace shorter than the deadline). */
  readonly withinMs?: number;
}

/** Why the loop stopped retrying: `grace` when a verdict's `withinMs` ran out, `aborted` when the signal fired. */
export type GiveUpReason = 'not-retryable' | 'retries-exhausted' | 'deadline' | 'grace' | 'aborted';

/** A retry about to happen, for a caller that tells people what is going on. */
export interface RetryNotice {
  readonly failure: unknown;
  /** Attempts made so far (all failed). */
  readonly attempts: number;
  /** Most attempts the policy allows (the deadline may stop sooner). */
  readonly maxAttempts: number;
  /** The sleep before the next attempt. */
  readonly delayMs: number;
  /** Time since the call's first attempt. */
  readonly elapsedMs: number;
}

/** Optional hooks of {@link runWithRetries}. */
export interface RetryHooks {
  /** Called before each sleep between attempts; must not throw. */
  readonly onRetry?: (notice: RetryNotice) => void;
  /** Ends the loop (between attempts, and during a sleep) with reason `aborted`. */
  readonly signal?: AbortSignal;
}

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
 * Runs `attempt` until it succeeds, `classify` says its failure is final, the retries run out, the next
 * sleep would cross the deadline (or the verdict's `withinMs`), or `hooks.signal` fires. `attempt` receives
 * the time left before the deadline (bound each request by it). Throws {@link RetriesFailed} around the
 * last failure, with the attempts made and the time since the first.
 */
export async function runWithRetries<T>(
  attempt: (remainingMs: number) => Promise<T>,
  classify: (failure: unknown) => RetryVerdict,
  policy: RetryPolicy,
  runtime: RetryRuntime = systemRetryRuntime,
  hooks: RetryHooks = {},
): Promise<T> {
  const start = runtime.now();
  const deadline = start + policy.timeoutMs;
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt(Math.max(0, deadline - runtime.now()));
    } catch (failure) {
      const verdict = classify(failure);
      let now = runtime.now();
      const fail = (reason: GiveUpReason): RetriesFailed => new RetriesFailed(failure, reason, attempts, now - start);
      if (isAborted(hooks.signal)) throw fail('aborted');
      if (!verdict.retry) throw fail('not-retryable');
      if (attempts > policy.maxRetries) throw fail('retries-exhausted');
      const retryAfter = policy.respectRetryAfter && verdict.retryAfterMs !== undefined && verdict.retryAfterMs > 0;
      const delay = retryAfter ? verdict.retryAfterMs : backoffMs(attempts, policy, () => runtime.random());
      const grace = verdict.withinMs;
      if (grace !== undefined && grace < policy.timeoutMs && now + delay >= start + grace) throw fail('grace');
      if (now + delay >= deadline) throw fail('deadline');
      try {
        hooks.onRetry?.({ failure, attempts, maxAttempts: policy.maxRetries + 1, delayMs: delay, elapsedMs: now - start });
      } catch {
        // Telling people must never change what the call does.
      }
      if (delay > 0) await runtime.sleep(delay, hooks.signal);
      now = runtime.now();
      if (isAborted(hooks.signal)) throw fail('aborted');
    }
  }
}
