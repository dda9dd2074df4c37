import { DatasetAccessError } from '../../errors';
import { basicAuthorization } from '../../core/basic-authorization';
import type { HttpCheck } from '../../models/dataset-inspection';

const header = (response: Response, name: string): string | null => response.headers.get(name);

async function request(url: URL, method: 'HEAD' | 'GET', headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  const response = await fetch(url, { method, headers: method === 'GET' ? { ...headers, range: 'bytes=0-0' } : headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  await response.body?.cancel();
  return response;
}

/**
 * Checks that an `http(s)` dataset answers: a HEAD request (a one-byte ranged GET when HEAD is not
 * allowed), credentials in the URL sent as Basic auth and never recorded.
 * @throws {@link DatasetAccessError} `unreachable` without an answer in time, `http-status` on a 4xx/5xx.
 */
export async function checkRemote(origin: string, shown: string, timeoutMs: number): Promise<HttpCheck> {
  const url = new URL(origin);
  const headers: Record<string, string> = {};
  if (url.username !== '' || url.password !== '') {
    headers['authorization'] = basicAuthorization(decodeURIComponent(url.username), decodeURIComponent(url.password));
    url.username = '';
    url.password = '';
  }
  let response: Response;
  try {
    response = await request(url, 'HEAD', headers, timeoutMs);
    if (response.status === 405 || response.status === 501) response = await request(url, 'GET', headers, timeoutMs);
  } catch (error) {
    const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String((error as { cause?: unknown }).cause ?? error);
    throw new DatasetAccessError(shown, 'unreachable', `Dataset '${shown}' could not be reached: ${why}`, { cause: error });
  }
  if (response.status >= 400) {
    throw new DatasetAccessError(shown, 'http-status', `Dataset '${shown}' answered HTTP ${response.status}`, { status: response.status });
  }
  const length = header(response, 'content-length');
  const range = /\/(\d+)$/.exec(header(response, 'content-range') ?? '');
  const bytes = range !== null ? Number(range[1]) : length !== null && response.status !== 206 ? Number(length) : NaN;
  return {
    status: response.status,
    length: Number.isSafeInteger(bytes) ? bytes : null,
    etag: header(response, 'etag'),
    modified: header(response, 'last-modified'),
    type: header(response, 'content-type'),
  };
}
