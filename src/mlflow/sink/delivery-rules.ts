/**
 * The MlflowRunSink's rules about failures and waiting: which failures are worth another try, which keep a
 * batch for later, and how `close()` and `flush()` wait for a server as long as it makes progress.
 */
import { MlflowConnectionError, MlflowError } from '../../errors';
import type { MlflowRetryNotice } from '../client/mlflow-config';
import { RETRYABLE_STATUSES } from '../client/retry';
import { PERMANENT_REASONS } from '../client/connection-reason';
import { isNotMlflow } from '../client/error-mapping';
import type { MlflowClientChoice } from '../client/with-mlflow-client';

/** Transient by the client's own rule (connection failures a retry can heal, MLflow's retryable statuses): worth sending again later. */
export function retryable(error: unknown): boolean {
  if (error instanceof MlflowConnectionError) return !PERMANENT_REASONS.has(error.reason) && !isClosed(error);
  return error instanceof MlflowError && RETRYABLE_STATUSES.has(error.status);
}

/** Whether a failed batch waits for a later try (no answer, or the server is not the right one yet) rather than being refused for good. */
export function keepBatch(error: unknown): boolean {
  return error instanceof MlflowConnectionError
    || (error instanceof MlflowError && (RETRYABLE_STATUSES.has(error.status) || error.status === 401 || error.status === 403 || isNotMlflow(error)));
}

/** A call the sink's own `close()` cut short: not a failure to report. */
export function isClosed(error: unknown): boolean {
  return error instanceof MlflowConnectionError && error.reason === 'closed';
}

/** Default of `MlflowRunSinkOptions.closeTimeoutMillis`. */
export const CLOSE_TIMEOUT_MS = 10_000;

/** The sink's choice of client, with `onRetry` chained in when the sink builds the client itself. */
export function withRetryNotice(options: MlflowClientChoice, notice: (n: MlflowRetryNotice) => void): MlflowClientChoice {
  if (options.client !== undefined) return options;
  const own = options.clientOptions?.onRetry;
  return { clientOptions: { ...options.clientOptions, onRetry: (n) => { notice(n); own?.(n); } } };
}

/**
 * How much longer a wait lasts while nothing failed (a slow server that has not answered yet is not a
 * failing one): a server that neither answers nor fails is given up after this many timeouts.
 */
export const QUIET_FACTOR = 6;

/**
 * Waits for work while the server makes progress: each acknowledged export starts the wait again. The wait
 * runs out `timeoutMs` after the last progress once an attempt has failed since, else after
 * {@link QUIET_FACTOR} times that.
 */
export class ProgressWait {
  private at = 0;
  private troubled = false;

  /** The server acknowledged something now. */
  progressed(): void {
    this.at = Date.now();
    this.troubled = false;
  }

  /** An attempt failed now. */
  failed(): void {
    this.troubled = true;
  }

  /** Waits for `work`; false once the server has made no progress for the allowed time (the work goes on). */
  async wait(work: Promise<void>, timeoutMs: number): Promise<boolean> {
    this.at = Date.now();
    const done = work.then(() => true, () => true);
    for (;;) {
      const left = this.at + (this.troubled ? timeoutMs : QUIET_FACTOR * timeoutMs) - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      // Wake up at least every timeoutMs: an attempt may fail meanwhile and shorten the wait.
      const nap = Math.min(left, timeoutMs);
      const finished = await Promise.race([done, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), nap)))]);
      clearTimeout(timer);
      if (finished) return true;
    }
  }
}
