import { expect } from 'chai';
import { connectionHint, connectionReason, PERMANENT_REASONS } from '../../../src/mlflow/client/connection-reason';

/** undici's shape: `TypeError('fetch failed')` with the socket's, DNS's or TLS's error as `cause`. */
function fetchFailed(message: string, code?: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), code === undefined ? {} : { code }) });
}

describe('why a request got no answer', () => {
  const cases: Array<[string, TypeError, string]> = [
    ['a "bad port" (fetch refuses 127.0.0.1:9)', fetchFailed('bad port'), 'invalid-url'],
    ['a self-signed certificate', fetchFailed('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
    ['an expired certificate', fetchFailed('certificate has expired', 'CERT_HAS_EXPIRED'), 'tls'],
    ['plain HTTP answering https://', fetchFailed('ssl3_get_record:wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER'), 'tls'],
    ['a name that does not resolve', fetchFailed('getaddrinfo ENOTFOUND no-such-host.invalid', 'ENOTFOUND'), 'unresolvable'],
    ['a refused connection', fetchFailed('connect ECONNREFUSED 127.0.0.1:5000', 'ECONNREFUSED'), 'refused'],
    ['a connection the server closed', fetchFailed('other side closed', 'UND_ERR_SOCKET'), 'network'],
    ['a reset', fetchFailed('read ECONNRESET', 'ECONNRESET'), 'network'],
  ];
  for (const [what, error, reason] of cases) {
    it(`calls ${what} ${reason}`, () => {
      expect(connectionReason(error, false, false)).to.equal(reason);
    });
  }

  it('calls an expired deadline a timeout and a closed client closed, whatever the error', () => {
    expect(connectionReason(fetchFailed('aborted'), true, false)).to.equal('timeout');
    expect(connectionReason(fetchFailed('aborted'), true, true)).to.equal('closed');
  });

  it('counts only an invalid URL and TLS as permanent', () => {
    expect([...PERMANENT_REASONS].sort()).to.deep.equal(['invalid-url', 'tls']);
  });

  it('hints at http:// when plain HTTP answered a TLS handshake, and at trust otherwise', () => {
    expect(connectionHint('tls', 'ERR_SSL_WRONG_VERSION_NUMBER', 'https://h', true)).to.contain('use http://');
    expect(connectionHint('tls', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'https://h', true)).to.contain('MLFLOW_TRACKING_INSECURE_TLS');
  });

  it('hints at https:// only when an http:// server closed the very first connection', () => {
    expect(connectionHint('network', 'UND_ERR_SOCKET', 'http://h', true)).to.contain('use https://');
    expect(connectionHint('network', 'UND_ERR_SOCKET', 'http://h', false)).to.equal('');
    expect(connectionHint('network', 'UND_ERR_SOCKET', 'https://h', true)).to.equal('');
  });
});
