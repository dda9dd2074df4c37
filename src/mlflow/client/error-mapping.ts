/**
 * The one place that turns a failed MLflow call (HTTP status + MLflow's JSON error body, or a connection
 * failure) into the SDK's errors. Everything that reaches a message passes through {@link redactKnown}: the
 * configured token and password, then the redaction policy.
 */
import { MlflowConnectionError, MlflowError, type MlflowCallInfo, type MlflowConnectionReason, type TrainingBomError } from '../../errors';
import { redactKnown } from '../../core/redaction';
import { connectionHint, connectionReason, errorCode } from './connection-reason';
import type { GiveUpReason, RetriesFailed } from './retry';

/** The server answered with a status other than 2xx. */
export class StatusFailure {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly retryAfter: string | null,
  ) {}
}

/** No usable answer arrived: refused, reset, DNS, TLS, the call's deadline expired, or the client was closed. */
export class ConnectionFailure {
  readonly reason: MlflowConnectionReason;

  constructor(
    readonly error: unknown,
    readonly timedOut: boolean,
    closed = false,
  ) {
    this.reason = connectionReason(error, timedOut, closed);
  }
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
  /** Whether the server had answered this client before the call failed (default true). */
  readonly answered?: boolean;
}

/** The API path MLflow's tracking server answers; a 404 there without MLflow's error body means no MLflow server. */
const TRACKING_API = '/api/2.0/mlflow/';

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

/** OpenSSL's `<hex>:error:<hex>:SSL routines:<function>:<reason>:<file>:<line>:`, of which people need the reason. */
const OPENSSL_MESSAGE = /^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):/;

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const text = (OPENSSL_MESSAGE.exec(cause.message)?.[1] ?? cause.message).trim();
    return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
  }
  return error.message;
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_BODY_IN_MESSAGE ? `${flat.slice(0, MAX_BODY_IN_MESSAGE)}…` : flat;
}

/** Seconds with one decimal, as messages show them. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function retrySuffix(reason: GiveUpReason, attempts: number, elapsedMs: number, timeoutMs: number): string {
  if (reason === 'not-retryable' && attempts === 1) return '';
  const tried = `${attempts} attempt${attempts === 1 ? '' : 's'} in ${seconds(elapsedMs)}`;
  if (reason === 'aborted') return ` (the client was closed after ${tried})`;
  if (reason === 'grace') return ` (gave up after ${tried}: the server has not answered once; wait longer with MLFLOW_HTTP_REQUEST_TIMEOUT)`;
  if (reason === 'deadline') return ` (gave up after ${tried}: the next retry would pass the ${timeoutMs / 1000} s deadline, MLFLOW_HTTP_REQUEST_TIMEOUT)`;
  if (reason === 'retries-exhausted') return ` (gave up after ${tried}: retries exhausted, MLFLOW_HTTP_REQUEST_MAX_RETRIES)`;
  return ` (gave up after ${tried})`;
}

/** What a failed attempt was, in one redacted line (for retry notices). */
export function describeFailure(failure: unknown, secrets: readonly string[]): string {
  if (failure instanceof StatusFailure) {
    const parsed = parseErrorBody(failure.body);
    return redactKnown(`HTTP ${failure.status} ${parsed.errorCode ?? STATUS_ERROR_CODES[failure.status] ?? ''}`.trim(), secrets);
  }
  if (failure instanceof ResponseFailure) return `HTTP ${failure.status} but ${failure.problem}`;
  return redactKnown(describeCause(failure instanceof ConnectionFailure ? failure.error : failure), secrets);
}

function statusHint(status: number, bodyErrorCode: string | undefined, ctx: CallContext): string {
  if (status === 401 || status === 403) return '; check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD';
  if (status === 404 && bodyErrorCode === undefined && ctx.path.startsWith(TRACKING_API)) {
    return `; nothing at ${ctx.baseUrl} answers MLflow's REST API: is it an MLflow tracking server, and does the tracking URI have the right base path?`;
  }
  return '';
}

/** Whether an error says the server at the tracking URI is not a usable MLflow server: 404 on the API path without MLflow's error body, or a 2xx that is not MLflow's JSON. */
export function isNotMlflow(error: MlflowError): boolean {
  return (error.status === 404 && error.errorCode === 'ENDPOINT_NOT_FOUND' && error.call.path.startsWith(TRACKING_API))
    || (error.status >= 200 && error.status < 300);
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
    const hint = statusHint(f.status, parsed.errorCode, ctx);
    return new MlflowError(f.status, errorCode, clean(`${what} failed with HTTP ${f.status} ${errorCode}: ${detail}${hint}${suffix}`), call);
  }
  if (f instanceof ResponseFailure) {
    const hint = `; is ${ctx.baseUrl} an MLflow tracking server?`;
    return new MlflowError(f.status, 'INTERNAL_ERROR', clean(`${what} answered HTTP ${f.status} but ${f.problem}${hint}${suffix}`), call);
  }
  const failure = f instanceof ConnectionFailure ? f : new ConnectionFailure(f, false);
  const { timedOut, reason, error: cause } = failure;
  const hint = connectionHint(reason, errorCode(cause), ctx.baseUrl, ctx.answered === false);
  let message: string;
  if (timedOut) message = `${what} at ${ctx.baseUrl} timed out: no answer within the ${ctx.timeoutMs / 1000} s deadline (MLFLOW_HTTP_REQUEST_TIMEOUT)${suffix}`;
  else if (reason === 'invalid-url') message = `Cannot use the MLflow tracking URI ${ctx.baseUrl} (${ctx.method} ${ctx.path}): ${describeCause(cause)}${hint}`;
  else if (reason === 'tls') message = `TLS with the MLflow tracking server at ${ctx.baseUrl} failed (${ctx.method} ${ctx.path}): ${describeCause(cause)}${hint}${suffix}`;
  else if (reason === 'closed') message = `${what} at ${ctx.baseUrl} was cut short: the client was closed before an answer arrived${suffix}`;
  else message = `Cannot reach the MLflow tracking server at ${ctx.baseUrl} (${ctx.method} ${ctx.path}): ${describeCause(cause)}${hint}${suffix}`;
  return new MlflowConnectionError(ctx.baseUrl, timedOut, clean(message), call, { cause, reason });
}
