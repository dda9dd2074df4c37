/**
 * HTTP to the tracking server: undici `fetch` over one keep-alive `Agent`, authentication, the retry
 * policy, and error mapping. The `Authorization` value lives here and nowhere else.
 */
import type * as Undici from 'undici';
import { ConnectionFailure, ResponseFailure, StatusFailure, toMlflowError, type CallContext } from './error-mapping';
import type { ResolvedMlflowConfig } from './mlflow-config';
import { RETRYABLE_STATUSES, RetriesFailed, parseRetryAfter, runWithRetries, systemRetryRuntime, type RetryRuntime, type RetryVerdict } from './retry';

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

// TLS failures a retry cannot fix (urllib3 retries them; that only delays the inevitable).
const PERMANENT_TLS = /^(CERT_|ERR_TLS_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|HOSTNAME_MISMATCH)/;

function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

let loaded: typeof Undici | undefined;

/** undici, loaded with the first client: a training process that never talks to MLflow does not pay for it. */
function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}

/** Sends MLflow REST calls with retries; see docs/mlflow.md for the policy. */
export class MlflowTransport {
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

  /** Sends a call and returns the body's bytes. @throws MlflowError, MlflowConnectionError */
  async bytes(call: TransportCall): Promise<Uint8Array> {
    return this.send(call, async (response) => new Uint8Array(await response.arrayBuffer()));
  }

  /** Closes the keep-alive connections; later calls fail. */
  async close(): Promise<void> {
    await this.agent.close();
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
      const signal = AbortSignal.timeout(Math.max(1, remainingMs));
      let response: Undici.Response;
      try {
        response = await this.fetch(url, { method: call.method, headers, body, signal, dispatcher: this.agent });
        if (response.status >= 200 && response.status < 300) return await read(response);
        throw new StatusFailure(response.status, await response.text(), response.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof StatusFailure || error instanceof ResponseFailure) throw error;
        throw new ConnectionFailure(error, signal.aborted);
      }
    };
    try {
      return await runWithRetries(attempt, (f) => this.classify(f), this.config.retry, this.runtime);
    } catch (error) {
      if (!(error instanceof RetriesFailed)) throw error;
      const ctx: CallContext = {
        method: call.method, path: call.path, baseUrl: this.config.baseUrl,
        timeoutMs: this.config.retry.timeoutMs, secrets: this.config.secrets,
      };
      throw toMlflowError(error, ctx);
    }
  }

  private classify(failure: unknown): RetryVerdict {
    if (failure instanceof StatusFailure) {
      return { retry: RETRYABLE_STATUSES.has(failure.status), retryAfterMs: parseRetryAfter(failure.retryAfter, this.runtime.now()) };
    }
    if (failure instanceof ConnectionFailure) return { retry: !PERMANENT_TLS.test(errorCode(failure.error) ?? '') };
    return { retry: false };
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
