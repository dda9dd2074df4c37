/**
 * HTTP to the tracking server: undici `fetch` over one keep-alive `Agent`, authentication, the retry
 * policy, and error mapping. The `Authorization` value lives here and nowhere else.
 */
import type * as Undici from 'undici';
import { PERMANENT_REASONS } from './connection-reason';
import { ConnectionFailure, describeFailure, ResponseFailure, StatusFailure, toMlflowError, type CallContext } from './error-mapping';
import type { ResolvedMlflowConfig } from './mlflow-config';
import {
  RETRYABLE_STATUSES, RetriesFailed, parseRetryAfter, runWithRetries, systemRetryRuntime, type RetryHooks, type RetryRuntime, type RetryVerdict,
} from './retry';

/** Query parameters; arrays repeat the key, `undefined` is left out. */
export type Query = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** One call: JSON in and out, or raw bytes. */
export interface TransportCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Query;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is (artifact uploads). */
  readonly bytes?: Uint8Array;
  readonly contentType?: string;
}

let loaded: typeof Undici | undefined;

/** The first `limit` bytes of a response body; the rest is not read (the connection is dropped). */
async function readAtMost(response: Undici.Response, limit: number): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/** undici, loaded with the first client: a training process that never talks to MLflow does not pay for it. */
function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}

/**
 * Sends MLflow REST calls with retries; see docs/mlflow.md for the policy. Failures no retry can heal
 * (a refused URL, TLS, any 4xx but 408 and 429) fail at once; before the server has answered once, a
 * connection failure is retried only for the first-contact grace, when one is configured.
 */
export class MlflowTransport {
  /** Whether the server has answered this client (any status). */
  private answered = false;
  /** Fires at `close()`: calls in flight and retry sleeps end at once. */
  private readonly closed = new AbortController();
  private readonly agent: Undici.Agent;
  private readonly fetch: typeof Undici.fetch;
  private readonly headers: Readonly<Record<string, string>>;

  constructor(
    private readonly config: ResolvedMlflowConfig,
    private readonly runtime: RetryRuntime = systemRetryRuntime,
  ) {
    const { Agent, fetch } = undici();
    this.agent = new Agent({ connect: config.insecureTls ? { rejectUnauthorized: false } : undefined });
    this.fetch = fetch;
    const headers: Record<string, string> = { 'user-agent': `training-bom (node ${process.version})` };
    if (config.authorization !== undefined) headers.authorization = config.authorization;
    this.headers = headers;
  }

  /** Sends a call and parses the JSON answer (`{}` for an empty body). @throws MlflowError, MlflowConnectionError */
  async json<T>(call: TransportCall): Promise<T> {
    return this.send(call, async (response) => {
      const text = await response.text();
      if (text.trim() === '') return {} as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ResponseFailure(response.status, 'its body is not JSON');
      }
    });
  }

  /**
   * Sends a call and returns the body's bytes; with `maxBytes`, at most `maxBytes + 1` of them are read (the
   * rest of a larger body is never buffered), so that a caller sees that the body exceeds its limit.
   * @throws MlflowError, MlflowConnectionError
   */
  async bytes(call: TransportCall, maxBytes?: number): Promise<Uint8Array> {
    return this.send(call, async (response) => (maxBytes === undefined ? new Uint8Array(await response.arrayBuffer()) : readAtMost(response, maxBytes + 1)));
  }

  /** Closes the keep-alive connections and ends the calls in flight (they fail with reason `closed`); later calls fail. */
  async close(): Promise<void> {
    this.closed.abort();
    await this.agent.destroy();
  }

  private async send<T>(call: TransportCall, read: (response: Undici.Response) => Promise<T>): Promise<T> {
    const url = this.url(call);
    const headers: Record<string, string> = { ...this.headers };
    let body: string | Uint8Array | undefined;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
    } else if (call.bytes !== undefined) {
      body = call.bytes;
      headers['content-type'] = call.contentType ?? 'application/octet-stream';
    }
    const attempt = async (remainingMs: number): Promise<T> => {
      const deadline = AbortSignal.timeout(Math.max(1, remainingMs));
      const signal = AbortSignal.any([deadline, this.closed.signal]);
      let response: Undici.Response;
      try {
        response = await this.fetch(url, { method: call.method, headers, body, signal, dispatcher: this.agent });
        this.answered = true;
        if (response.status >= 200 && response.status < 300) return await read(response);
        throw new StatusFailure(response.status, await response.text(), response.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof StatusFailure || error instanceof ResponseFailure) throw error;
        throw new ConnectionFailure(error, deadline.aborted, this.closed.signal.aborted);
      }
    };
    const { onRetry, secrets } = this.config;
    const hooks: RetryHooks = {
      signal: this.closed.signal,
      onRetry: onRetry === undefined ? undefined : (n) => onRetry({
        method: call.method, path: call.path, failure: describeFailure(n.failure, secrets), attempt: n.attempts,
        maxAttempts: n.maxAttempts, delayMs: n.delayMs, elapsedMs: n.elapsedMs,
      }),
    };
    try {
      return await runWithRetries(attempt, (f) => this.classify(f), this.config.retry, this.runtime, hooks);
    } catch (error) {
      if (!(error instanceof RetriesFailed)) throw error;
      const ctx: CallContext = {
        method: call.method, path: call.path, baseUrl: this.config.baseUrl,
        timeoutMs: this.config.retry.timeoutMs, secrets, answered: this.answered,
      };
      throw toMlflowError(error, ctx);
    }
  }

  private classify(failure: unknown): RetryVerdict {
    if (failure instanceof StatusFailure) {
      return { retry: RETRYABLE_STATUSES.has(failure.status), retryAfterMs: parseRetryAfter(failure.retryAfter, this.runtime.now()) };
    }
    if (!(failure instanceof ConnectionFailure) || failure.reason === 'closed' || PERMANENT_REASONS.has(failure.reason)) return { retry: false };
    const grace = this.config.firstContactGraceMs;
    return !this.answered && grace !== undefined ? { retry: true, withinMs: grace } : { retry: true };
  }

  private url(call: TransportCall): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
      else params.append(key, String(value));
    }
    const query = params.toString();
    return `${this.config.baseUrl}${call.path}${query === '' ? '' : `?${query}`}`;
  }
}
