/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of the real MLflow server, for outage tests: pass
 * requests through, refuse connections, answer an error status (with `Retry-After`) for the next N
 * requests, delay responses, or forward a request and then drop its response.
 */
import { createServer, request as upstream, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const REOPEN_TIMEOUT_MS = 30_000;

/** What the proxy does with the requests it receives. */
export type FaultMode =
  | { readonly kind: 'pass' }
  /** The listener is closed: new connections are refused (and open ones are cut). */
  | { readonly kind: 'refuse' }
  /**
   * Answer `status` without forwarding, for the next `count` requests, then pass; `body` is the JSON answered
   * (default: MLflow's shape, `{ error_code: 'TEMPORARILY_UNAVAILABLE', message }`).
   */
  | { readonly kind: 'status'; readonly status: number; readonly count: number; readonly retryAfter?: string; readonly body?: object }
  /** Forward, but hold each response back for `ms`. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Forward the next `count` requests, let the server handle them, then cut the connection instead of answering. */
  | { readonly kind: 'drop-response'; readonly count: number }
  /**
   * Answer 200 with a chunked body (no Content-Length) that repeats `chunk` for ever, until the client hangs
   * up: a hostile server's endless artifact. `sent` counts the bytes written.
   */
  | { readonly kind: 'endless'; readonly chunk: string };

/** One request as the proxy saw it. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** What the client got: a status, or `dropped`. */
  readonly outcome: number | 'dropped';
}

/** Options of {@link FaultProxy.start}. */
export interface FaultProxyOptions {
  /**
   * Answer 401 unless the request carries `Authorization: Bearer <requireBearer>`. MLflow OSS has no
   * authentication by default, so the proxy plays the authenticating front end; like a careless one, its
   * 401 body echoes the header it got, which lets tests check that clients redact it.
   */
  readonly requireBearer?: string;
  /** Only requests whose path contains this are faulted; the others pass. */
  readonly pathIncludes?: string;
}

/** The proxy; `url` stays the same across `refuse` and back. */
export class FaultProxy {
  /** Requests received, oldest first. */
  readonly requests: ProxiedRequest[] = [];
  /** Bytes of endless bodies written so far (`endless` mode). */
  endlessBytes = 0;
  private mode: FaultMode = { kind: 'pass' };
  private remaining = 0;
  private readonly sockets = new Set<Socket>();
  private listening = false;

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
    readonly port: number,
    private readonly options: FaultProxyOptions,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a proxy for `targetUrl` on a free loopback port. */
  static async start(targetUrl: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
    let proxy: FaultProxy | undefined;
    const server = createServer((req, res) => void proxy?.handle(req, res).catch(() => req.socket.destroy()));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    proxy = new FaultProxy(server, new URL(targetUrl), (server.address() as AddressInfo).port, options);
    proxy.listening = true;
    return proxy;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Switches mode; `refuse` closes the listener, any other mode reopens it on the same port. */
  async setMode(mode: FaultMode): Promise<void> {
    this.mode = mode;
    this.remaining = mode.kind === 'status' || mode.kind === 'drop-response' ? mode.count : 0;
    if (mode.kind === 'refuse' && this.listening) {
      this.listening = false;
      const closed = new Promise<void>((ok) => this.server.close(() => ok()));
      for (const socket of this.sockets) socket.destroy();
      await closed;
    } else if (mode.kind !== 'refuse' && !this.listening) {
      await this.reopen();
      this.listening = true;
    }
  }

  /**
   * Listens on the proxy's port again. Another process may have bound it while the proxy refused: then it
   * tries again every 100 ms for up to 30 s, since clients know the proxy by that port only.
   */
  private async reopen(): Promise<void> {
    const deadline = Date.now() + REOPEN_TIMEOUT_MS;
    for (;;) {
      try {
        await new Promise<void>((ok, fail) => {
          this.server.once('error', fail);
          this.server.listen(this.port, '127.0.0.1', () => {
            this.server.removeListener('error', fail);
            ok();
          });
        });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Stops listening and cuts every connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.listening) await new Promise<void>((ok) => this.server.close(() => ok()));
    this.listening = false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const log = (outcome: number | 'dropped'): void => void this.requests.push({ method, path, outcome });
    const auth = this.options.requireBearer;
    if (auth !== undefined && req.headers.authorization !== `Bearer ${auth}`) {
      const got = req.headers.authorization ?? '(none)';
      log(401);
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 'UNAUTHENTICATED', message: `invalid credentials: got Authorization: ${got}` }));
      return;
    }
    const faulted = this.options.pathIncludes === undefined || path.includes(this.options.pathIncludes);
    const mode = this.mode;
    if (faulted && mode.kind === 'status' && this.remaining > 0) {
      this.remaining--;
      log(mode.status);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (mode.retryAfter !== undefined) headers['retry-after'] = mode.retryAfter;
      res.writeHead(mode.status, headers);
      res.end(JSON.stringify(mode.body ?? { error_code: 'TEMPORARILY_UNAVAILABLE', message: `fault proxy: injected ${mode.status}` }));
      return;
    }
    if (faulted && mode.kind === 'endless') {
      log(200);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.from(mode.chunk);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) this.endlessBytes += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
    const drop = faulted && mode.kind === 'drop-response' && this.remaining > 0;
    if (drop) this.remaining--;
    let answer: { status: number; headers: Record<string, string>; body: Buffer };
    try {
      answer = await this.forward(req, path, Buffer.concat(chunks));
    } catch {
      answer = { status: 502, headers: { 'content-type': 'text/plain' }, body: Buffer.from('fault proxy: upstream unreachable') };
    }
    if (drop) {
      log('dropped');
      req.socket.destroy();
      return;
    }
    if (faulted && mode.kind === 'delay') await new Promise((r) => setTimeout(r, mode.ms));
    log(answer.status);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  private forward(req: IncomingMessage, path: string, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const headers = { ...req.headers, host: this.target.host };
    delete headers.authorization; // the proxy is the authenticating front end; MLflow OSS ignores it anyway
    return new Promise((ok, fail) => {
      const out = upstream(
        { host: this.target.hostname, port: this.target.port, method: req.method, path, headers },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (c: Buffer) => parts.push(c));
          response.on('end', () => {
            const kept: Record<string, string> = {};
            for (const [k, v] of Object.entries(response.headers)) {
              if (typeof v === 'string' && k !== 'transfer-encoding' && k !== 'connection') kept[k] = v;
            }
            ok({ status: response.statusCode ?? 502, headers: kept, body: Buffer.concat(parts) });
          });
          response.on('error', fail);
        },
      );
      out.on('error', fail);
      out.end(body);
    });
  }
}
