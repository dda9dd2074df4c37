/**
 * How the commands that talk to MLflow (from-mlflow, recover) wait and fail: a short grace on first contact
 * (unless the person asked to wait, `--retry-for` or MLFLOW_HTTP_REQUEST_TIMEOUT), a line on standard error
 * for each retry, and an exit code per kind of failure that stops the command (docs/cli.md).
 */
import { InvalidArgumentError as CommanderArgumentError, Option } from 'commander';
import { InvalidArgumentError, MlflowConnectionError, MlflowError } from '../errors';
import { redactText } from '../core/redaction';
import type { MlflowClientOptions, MlflowRetryNotice } from '../mlflow/client/mlflow-config';
import { isNotMlflow, seconds } from '../mlflow/client/error-mapping';
import { printable } from './printable';

/** Seconds a command retries an unresolvable name or a refused connection before the server ever answered. */
export const FIRST_CONTACT_GRACE_SECONDS = 5;
/** MLflow's own limit on MLFLOW_HTTP_REQUEST_MAX_RETRIES, which `--retry-for` uses unless that variable is set. */
const MAX_RETRIES_LIMIT = 10;

/** Exit codes of a command MLflow stopped: 2 no answer (try later), 3 the URI or server is wrong, 4 credentials refused. */
export const EXIT_UNREACHABLE = 2;
export const EXIT_WRONG_SERVER = 3;
export const EXIT_CREDENTIALS = 4;

/** `--retry-for <seconds>`: how long to keep trying MLflow (MLFLOW_HTTP_REQUEST_TIMEOUT). */
export function retryForOption(): Option {
  return new Option('--retry-for <seconds>', `keep retrying MLflow this long, also before it first answers (default: ${FIRST_CONTACT_GRACE_SECONDS} s before it first answers, then $MLFLOW_HTTP_REQUEST_TIMEOUT, 120 s)`)
    .argParser((value: string) => {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new CommanderArgumentError('expected a number of seconds in (0, 86400]');
      return n;
    });
}

/** Where a command's MLflow settings come from, as they shape its client. */
export interface MlflowCliSettings {
  readonly trackingUri?: string;
  readonly retryFor?: number;
  /** Where retry lines go (default: standard error). */
  readonly say?: (line: string) => void;
}

/** One retry, as a person reads it on standard error. */
export function retryLine(n: MlflowRetryNotice): string {
  return `training-bom: MLflow ${n.method} ${n.path}: ${printable(n.failure)}; attempt ${n.attempt} of at most ${n.maxAttempts} failed, next try in ${seconds(n.delayMs)}\n`;
}

/** The client options of a command: the grace, `--retry-for`, and a line per retry. */
export function cliClientOptions(settings: MlflowCliSettings, env: NodeJS.ProcessEnv = process.env): MlflowClientOptions {
  const say = settings.say ?? ((line: string): void => void process.stderr.write(line));
  const asked = settings.retryFor !== undefined || (env.MLFLOW_HTTP_REQUEST_TIMEOUT ?? '') !== '';
  return {
    ...(settings.trackingUri === undefined ? {} : { trackingUri: settings.trackingUri }),
    ...(settings.retryFor === undefined ? {} : { timeoutSeconds: settings.retryFor }),
    ...(settings.retryFor !== undefined && (env.MLFLOW_HTTP_REQUEST_MAX_RETRIES ?? '') === '' ? { maxRetries: MAX_RETRIES_LIMIT } : {}),
    ...(asked ? {} : { firstContactGraceSeconds: FIRST_CONTACT_GRACE_SECONDS }),
    onRetry: (n) => say(retryLine(n)),
  };
}

/** A failure that stops a command (it is about the server, not about one run), with its exit code and what to check. */
export interface MlflowStop {
  readonly exitCode: number;
  readonly headline: string;
  readonly hint: string;
}

/** The tracking URI a command used, credentials and signatures redacted, and where it came from. */
function uriUsed(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const uri = option ?? env.MLFLOW_TRACKING_URI;
  const from = option === undefined ? 'MLFLOW_TRACKING_URI' : '--tracking-uri';
  return uri === undefined || uri === '' ? 'no tracking URI is set (MLFLOW_TRACKING_URI)' : `${from} is ${printable(redactText(uri))}`;
}

/** The stop `error` calls for, or undefined when it concerns one run only. */
export function mlflowStop(error: unknown, trackingUri: string | undefined, env: NodeJS.ProcessEnv = process.env): MlflowStop | undefined {
  const used = uriUsed(trackingUri, env);
  if (error instanceof InvalidArgumentError && error.argument === 'trackingUri') {
    return { exitCode: EXIT_WRONG_SERVER, headline: 'the MLflow tracking URI is unusable', hint: `${used}` };
  }
  if (error instanceof MlflowConnectionError) {
    if (error.reason === 'invalid-url' || error.reason === 'tls') {
      return { exitCode: EXIT_WRONG_SERVER, headline: error.reason === 'tls' ? 'TLS with MLflow failed' : 'the MLflow tracking URI is unusable', hint: used };
    }
    return {
      exitCode: EXIT_UNREACHABLE, headline: 'MLflow is unreachable',
      hint: `is the server running, and is the URI right? ${used}; to wait longer for it, pass --retry-for <seconds> (or set MLFLOW_HTTP_REQUEST_TIMEOUT)`,
    };
  }
  if (error instanceof MlflowError && (error.status === 401 || error.status === 403)) {
    return { exitCode: EXIT_CREDENTIALS, headline: 'MLflow refused the credentials', hint: `check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD; ${used}` };
  }
  if (error instanceof MlflowError && isNotMlflow(error)) {
    return { exitCode: EXIT_WRONG_SERVER, headline: 'no MLflow tracking server answers at this URI', hint: `is it the MLflow server, with its base path? ${used}` };
  }
  return undefined;
}

/** Prints a stop: `training-bom <command>: stopped after <s>: <headline>: <message>` and the hint; sets the exit code. */
export function reportStop(command: string, stop: MlflowStop, error: unknown, elapsedMs: number): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`training-bom ${command}: stopped after ${seconds(elapsedMs)}, ${stop.headline}: ${printable(message)}\n`);
  process.stderr.write(`training-bom ${command}: ${stop.hint}\n`);
  process.exitCode = stop.exitCode;
}
