/** Turning an MLflow tracking URI into a credential-free base URL and the credentials it carried. */
import { InvalidArgumentError } from '../../errors';

/** A tracking URI split into a credential-free base URL and the credentials it carried. */
export interface SplitUri {
  readonly baseUrl: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
}

/**
 * Validates an `http(s)` tracking URI and takes the credentials out of it (fetch refuses URLs that carry
 * them; MLflow's Python client sends them as Basic auth). Error messages are redacted by TrainingBomError.
 * @throws InvalidArgumentError when unusable.
 */
export function splitCredentials(uri: string): SplitUri {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new InvalidArgumentError('trackingUri', `not a URL: '${uri}'`);
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
