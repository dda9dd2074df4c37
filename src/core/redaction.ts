/** Keeping credentials out of URLs, messages and errors. */
import { InvalidArgumentError } from '../errors';

/** A tracking URI split into a credential-free base URL and the credentials it carried. */
export interface SplitUri {
  readonly baseUrl: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
}

/** Removes `user:password@` from anything that looks like a URL in `text`. */
export function sanitizeUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1***@');
}

/**
 * Validates an `http(s)` tracking URI and takes the credentials out of it (fetch refuses URLs that carry
 * them; MLflow's Python client sends them as Basic auth). @throws InvalidArgumentError when unusable.
 */
export function splitCredentials(uri: string): SplitUri {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InvalidArgumentError('trackingUri', `not a URL: '${sanitizeUrls(uri)}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(
      'trackingUri',
      `only http:// and https:// tracking servers are supported, got '${url.protocol}' (databricks, file and database URIs need MLflow's Python client)`,
    );
  }
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return { baseUrl: url.toString().replace(/\/+$/, ''), username, password };
}

/** The `Authorization` value for HTTP Basic auth. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Replaces every occurrence of each secret in `text` with `***`, and URL credentials too. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return sanitizeUrls(out);
}
