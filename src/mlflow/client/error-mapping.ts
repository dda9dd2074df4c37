/**
 * The one place that turns a failed MLflow call (HTTP status + MLflow's JSON error body, or a connection
 * failure) into the SDK's errors. Everything that reaches a message passes through {@link redactKnown}: the
 * configured token and password, then the redaction policy.
 */
import { MlflowConnectionError, MlflowError, type MlflowCallInfo, type TrainingBomError } from '../../errors';
import { redactKnown } from '../../core/redaction';
import type { GiveUpReason, RetriesFailed } from './retry';

/** The server answered with a status other than 2xx. */
export class StatusFailure {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly retryAfter: string | null,
  ) {}
}

/** No usable answer arrived: refused, reset, DNS, TLS, or the call's deadline expired. */
export class ConnectionFailure {
  constructor(
    readonly error: unknown,
    readonly timedOut: boolean,
  ) {}
}

/** The server answered 2xx with something that is not what the endpoint returns. */
export class ResponseFailure {
  constructor(
    readonly status: number,
    readonly problem: string,
  ) {}
}

/** MLflow's `HTTP_STATUS_TO_ERROR_CODE` (mlflow/exceptions.py), used when a body carries no `error_code`. */
const STATUS_ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'ENDPOINT_NOT_FOUND',
  409: 'ALREADY_EXISTS', 429: 'RESOURCE_EXHAUSTED', 499: 'CANCELLED', 500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED', 503: 'TEMPORARILY_UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

const MAX_BODY_IN_MESSAGE = 500;

/** What a call was, for messages; never holds credentials. */
export interface CallContext {
  readonly method: string;
  readonly path: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly secrets: readonly string[];
}

/** MLflow's `{error_code, message}` from an error body, if it has that shape. */
export function parseErrorBody(body: string): { errorCode?: string; message?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const { error_code: errorCode, message } = parsed as Record<string, unknown>;
    return {
      errorCode: typeof errorCode === 'string' ? errorCode : undefined,
      message: typeof message === 'string' ? message : undefined,
    };
  } catch {
    return {};
  }
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
  }
  return error.message;
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_BODY_IN_MESSAGE ? `${flat.slice(0, MAX_BODY_IN_MESSAGE)}…` : flat;
}

function retrySuffix(reason: GiveUpReason, attempts: number, elapsedMs: number, timeoutMs: number): string {
  if (reason === 'not-retryable' && attempts === 1) return '';
  const tried = `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${(elapsedMs / 1000).toFixed(1)} s`;
  if (reason === 'deadline') return ` (${tried}: the next retry would pass the ${timeoutMs / 1000} s deadline, MLFLOW_HTTP_REQUEST_TIMEOUT)`;
  if (reason === 'retries-exhausted') return ` (${tried}: retries exhausted, MLFLOW_HTTP_REQUEST_MAX_RETRIES)`;
  return ` (${tried})`;
}

/** Maps the final failure of a call to {@link MlflowError} or {@link MlflowConnectionError}. */
export function toMlflowError(failed: RetriesFailed, ctx: CallContext): TrainingBomError {
  const call: MlflowCallInfo = { method: ctx.method, path: ctx.path, attempts: failed.attempts, elapsedMs: failed.elapsedMs };
  const what = `MLflow ${ctx.method} ${ctx.path}`;
  const suffix = retrySuffix(failed.reason, failed.attempts, failed.elapsedMs, ctx.timeoutMs);
  const clean = (text: string): string => redactKnown(text, ctx.secrets);
  const f = failed.failure;
  if (f instanceof StatusFailure) {
    const parsed = parseErrorBody(f.body);
    const errorCode = parsed.errorCode ?? STATUS_ERROR_CODES[f.status] ?? 'INTERNAL_ERROR';
    const detail = parsed.message ?? (f.body === '' ? '(empty body)' : truncate(f.body));
    const hint = f.status === 401 || f.status === 403 ? '; check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD' : '';
    return new MlflowError(f.status, errorCode, clean(`${what} failed with HTTP ${f.status} ${errorCode}: ${detail}${hint}${suffix}`), call);
  }
  if (f instanceof ResponseFailure) {
    return new MlflowError(f.status, 'INTERNAL_ERROR', clean(`${what} answered HTTP ${f.status} but ${f.problem}${suffix}`), call);
  }
  const timedOut = f instanceof ConnectionFailure && f.timedOut;
  const cause = f instanceof ConnectionFailure ? f.error : f;
  const message = timedOut
    ? `${what} at ${ctx.baseUrl} timed out: no answer within the ${ctx.timeoutMs / 1000} s deadline (MLFLOW_HTTP_REQUEST_TIMEOUT)${suffix}`
    : `Cannot reach the MLflow tracking server at ${ctx.baseUrl} (${ctx.method} ${ctx.path}): ${describeCause(cause)}${suffix}`;
  return new MlflowConnectionError(ctx.baseUrl, timedOut, clean(message), call, { cause });
}
