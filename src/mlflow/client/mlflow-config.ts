/**
 * The MLflow client's configuration: explicit options first, then MLflow's own environment variables,
 * then MLflow 3's defaults (`mlflow/environment_variables.py`).
 */
import { InvalidArgumentError } from '../../errors';
import type { RetryPolicy } from './retry';
import { basicAuthorization } from '../../core/basic-authorization';
import { splitCredentials } from './tracking-uri';

/** Options of {@link MlflowClient}; each falls back to the environment variable named in its doc. */
export interface MlflowClientOptions {
  /** Tracking server, `http(s)://host[:port][/prefix]` (`MLFLOW_TRACKING_URI`; required). */
  readonly trackingUri?: string;
  /** Bearer token (`MLFLOW_TRACKING_TOKEN`). */
  readonly token?: string;
  /** Basic-auth user (`MLFLOW_TRACKING_USERNAME`); used with `password`, and wins over `token` as in MLflow. */
  readonly username?: string;
  /** Basic-auth password (`MLFLOW_TRACKING_PASSWORD`). */
  readonly password?: string;
  /** Skip TLS certificate verification (`MLFLOW_TRACKING_INSECURE_TLS`, default false). */
  readonly insecureTls?: boolean;
  /** Retries after the first request (`MLFLOW_HTTP_REQUEST_MAX_RETRIES`, default 7, at most 10). */
  readonly maxRetries?: number;
  /** Exponential backoff factor in seconds (`MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR`, default 2, at most 120). */
  readonly backoffFactorSeconds?: number;
  /** Random jitter added to each backoff, in seconds (`MLFLOW_HTTP_REQUEST_BACKOFF_JITTER`, default 1). */
  readonly backoffJitterSeconds?: number;
  /** Deadline of a whole call, retries included, in seconds (`MLFLOW_HTTP_REQUEST_TIMEOUT`, default 120). */
  readonly timeoutSeconds?: number;
  /** Honour `Retry-After` (`MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER`, default true). */
  readonly respectRetryAfter?: boolean;
  /**
   * Until the server has answered this client once, retry a connection failure (unresolvable name, refused,
   * reset) for only this many seconds, then fail with a hint; afterwards the full policy applies. Default:
   * no grace, the full policy from the start (the CLI uses 5 s).
   */
  readonly firstContactGraceSeconds?: number;
  /** Told before each retry: what failed, the attempt, the sleep; for telling people (must not throw). */
  readonly onRetry?: (notice: MlflowRetryNotice) => void;
  /** Experiment that helpers default to (`MLFLOW_EXPERIMENT_NAME`). */
  readonly experimentName?: string;
  /** Run that helpers attach to (`MLFLOW_RUN_ID`). */
  readonly runId?: string;
  /** Where environment variables are read from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A retry about to happen, as {@link MlflowClientOptions.onRetry} is told of it. Never holds credentials. */
export interface MlflowRetryNotice {
  /** HTTP method, e.g. `GET`. */
  readonly method: string;
  /** API path without the query. */
  readonly path: string;
  /** What the last attempt met, in one redacted line (`connect ECONNREFUSED 127.0.0.1:5000`, `HTTP 503 TEMPORARILY_UNAVAILABLE`). */
  readonly failure: string;
  /** Attempts made so far, all failed. */
  readonly attempt: number;
  /** Most attempts the policy allows (`MLFLOW_HTTP_REQUEST_MAX_RETRIES` + 1; the deadline may stop sooner). */
  readonly maxAttempts: number;
  /** Milliseconds until the next attempt. */
  readonly delayMs: number;
  /** Milliseconds since the call's first attempt. */
  readonly elapsedMs: number;
}

/** Configuration after defaults; `authorization` is secret and never leaves the transport. */
export interface ResolvedMlflowConfig {
  /** Base URL without credentials or trailing slash. */
  readonly baseUrl: string;
  readonly authorization: string | undefined;
  /** Strings to blank out of anything that could reach a message. */
  readonly secrets: readonly string[];
  readonly insecureTls: boolean;
  readonly retry: RetryPolicy;
  /** See {@link MlflowClientOptions.firstContactGraceSeconds}; undefined: no grace. */
  readonly firstContactGraceMs: number | undefined;
  readonly onRetry: ((notice: MlflowRetryNotice) => void) | undefined;
  readonly experimentName: string | undefined;
  readonly runId: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw new InvalidArgumentError(name, `expected true, false, 1 or 0, got '${value}'`);
}

interface NumberSpec {
  readonly env: string;
  readonly option: string;
  readonly fallback: number;
  readonly max: number;
  readonly int?: boolean;
  readonly positive?: boolean;
}

function num(env: Env, spec: NumberSpec, option: number | undefined): number {
  const raw = option ?? text(env, spec.env);
  const value = raw === undefined ? spec.fallback : Number(raw);
  const low = spec.positive === true ? value <= 0 : value < 0;
  if (!Number.isFinite(value) || low || value > spec.max || (spec.int === true && !Number.isInteger(value))) {
    const kind = spec.int === true ? 'an integer' : 'a number';
    const range = `${spec.positive === true ? '(0' : '[0'}, ${spec.max}]`;
    throw new InvalidArgumentError(option === undefined ? spec.env : spec.option, `expected ${kind} in ${range}, got '${String(raw)}'`);
  }
  return value;
}

// Defaults and limits are MLflow 3's (limits: _MLFLOW_HTTP_REQUEST_MAX_RETRIES_LIMIT and
// _MLFLOW_HTTP_REQUEST_MAX_BACKOFF_FACTOR_LIMIT); the jitter and timeout caps are ours, against typos.
const MAX_RETRIES: NumberSpec = { env: 'MLFLOW_HTTP_REQUEST_MAX_RETRIES', option: 'maxRetries', fallback: 7, max: 10, int: true };
const BACKOFF_FACTOR: NumberSpec = { env: 'MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR', option: 'backoffFactorSeconds', fallback: 2, max: 120 };
const BACKOFF_JITTER: NumberSpec = { env: 'MLFLOW_HTTP_REQUEST_BACKOFF_JITTER', option: 'backoffJitterSeconds', fallback: 1, max: 3600 };
const TIMEOUT: NumberSpec = { env: 'MLFLOW_HTTP_REQUEST_TIMEOUT', option: 'timeoutSeconds', fallback: 120, max: 86_400, positive: true };
const GRACE: NumberSpec = { env: '', option: 'firstContactGraceSeconds', fallback: 0, max: 86_400 };

/** Resolves options and environment into a configuration. @throws InvalidArgumentError on a bad value. */
export function resolveMlflowConfig(options: MlflowClientOptions = {}): ResolvedMlflowConfig {
  const env: Env = options.env ?? process.env;
  const uri = options.trackingUri ?? text(env, 'MLFLOW_TRACKING_URI');
  if (uri === undefined) {
    throw new InvalidArgumentError('trackingUri', 'no MLflow tracking server: pass trackingUri or set MLFLOW_TRACKING_URI');
  }
  const { baseUrl, username: uriUser, password: uriPassword } = splitCredentials(uri);
  const username = options.username ?? text(env, 'MLFLOW_TRACKING_USERNAME') ?? uriUser;
  const password = options.password ?? text(env, 'MLFLOW_TRACKING_PASSWORD') ?? uriPassword;
  const token = options.token ?? text(env, 'MLFLOW_TRACKING_TOKEN');
  let authorization: string | undefined;
  if (username !== undefined && password !== undefined) authorization = basicAuthorization(username, password);
  else if (token !== undefined) authorization = `Bearer ${token}`;
  // Longest first, so that a secret containing another is blanked whole.
  const secrets = [token, password, authorization, authorization?.replace(/^\w+ /, '')]
    .filter((s): s is string => s !== undefined && s.length > 0)
    .sort((a, b) => b.length - a.length);
  return {
    baseUrl,
    authorization,
    secrets,
    insecureTls: options.insecureTls ?? bool(env, 'MLFLOW_TRACKING_INSECURE_TLS', false),
    retry: {
      maxRetries: num(env, MAX_RETRIES, options.maxRetries),
      backoffFactorMs: num(env, BACKOFF_FACTOR, options.backoffFactorSeconds) * 1000,
      backoffJitterMs: num(env, BACKOFF_JITTER, options.backoffJitterSeconds) * 1000,
      timeoutMs: num(env, TIMEOUT, options.timeoutSeconds) * 1000,
      respectRetryAfter: options.respectRetryAfter ?? bool(env, 'MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER', true),
    },
    firstContactGraceMs: options.firstContactGraceSeconds === undefined ? undefined : num({}, GRACE, options.firstContactGraceSeconds) * 1000,
    onRetry: options.onRetry,
    experimentName: options.experimentName ?? text(env, 'MLFLOW_EXPERIMENT_NAME'),
    runId: options.runId ?? text(env, 'MLFLOW_RUN_ID'),
  };
}
