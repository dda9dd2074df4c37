/**
 * Why a request to the tracking server got no answer, read from undici's error (`fetch failed` with the
 * socket's, DNS's or TLS's error as `cause`), and which of those no retry can heal.
 */
import type { MlflowConnectionReason } from '../../errors';

// TLS failures a retry cannot fix (urllib3 retries them; that only delays the inevitable): certificate
// problems, and OpenSSL's ERR_SSL_* (ERR_SSL_WRONG_VERSION_NUMBER: plain HTTP answered a TLS handshake).
const PERMANENT_TLS = /^(CERT_|ERR_TLS_CERT|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|HOSTNAME_MISMATCH)/;
const UNRESOLVABLE: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/** Reasons no retry can heal: the URL itself is refused, or TLS cannot work as configured. */
export const PERMANENT_REASONS: ReadonlySet<MlflowConnectionReason> = new Set(['invalid-url', 'tls']);

/** The undici error's `cause` (where the socket, DNS or TLS error is), else the error itself. */
export function rootCause(error: unknown): unknown {
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  return cause instanceof Error ? cause : error;
}

/** The system or OpenSSL code of a failed fetch (`ECONNREFUSED`, `ERR_SSL_WRONG_VERSION_NUMBER`), if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (rootCause(error) as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Classifies a fetch that got no answer. `timedOut`: the call's deadline expired; `closed`: the client was
 * closed meanwhile. Fetch's "bad port" (https://fetch.spec.whatwg.org/#port-blocking) is an invalid URL.
 */
export function connectionReason(error: unknown, timedOut: boolean, closed: boolean): MlflowConnectionReason {
  if (closed) return 'closed';
  if (timedOut) return 'timeout';
  const cause = rootCause(error);
  const code = errorCode(error) ?? '';
  if (cause instanceof Error && /^bad port$|^URL scheme must be|^Failed to parse URL|^invalid url/i.test(cause.message)) return 'invalid-url';
  if (PERMANENT_TLS.test(code)) return 'tls';
  if (UNRESOLVABLE.has(code)) return 'unresolvable';
  if (code === 'ECONNREFUSED') return 'refused';
  return 'network';
}

/**
 * What to check, for each reason, in words that end a message (never credentials: `baseUrl` has none);
 * `firstContact`: the server never answered this client.
 */
export function connectionHint(reason: MlflowConnectionReason, code: string | undefined, baseUrl: string, firstContact: boolean): string {
  const https = baseUrl.startsWith('https:');
  switch (reason) {
    case 'invalid-url':
      return '; fetch never connects to this port (a "bad port" of the Fetch standard): serve MLflow on another port';
    case 'tls':
      return code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG'
        ? '; the server does not speak TLS: if it serves plain HTTP, use http:// in the tracking URI'
        : '; the certificate is not trusted: fix it, add its CA with NODE_EXTRA_CA_CERTS, or set MLFLOW_TRACKING_INSECURE_TLS=true';
    case 'unresolvable':
      return '; the host name does not resolve: is the tracking URI right?';
    case 'refused':
      return '; nothing accepts connections there: is the server running, and is the tracking URI right?';
    case 'network':
      return https || !firstContact ? '' : '; the server closed the connection without answering: if it serves HTTPS, use https:// in the tracking URI';
    default:
      return '';
  }
}
