/**
 * Tiny loopback HTTP servers that stand for a misconfigured front end or the wrong server at the tracking
 * URI (one that answers 401, or 404 on MLflow's API path): not fakes of MLflow, which they never imitate.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server answering every request with `status` and `body`. */
export interface LoopbackServer {
  readonly url: string;
  /** Requests received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 that answers every request with `status`, `body` and `headers`. */
export async function answering(status: number, body: string, headers: Record<string, string> = {}): Promise<LoopbackServer> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(status, { 'content-type': 'text/html', ...headers }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export function unusedPort(): Promise<number> {
  return new Promise((ok) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => ok(port));
    });
  });
}
