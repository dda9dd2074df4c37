import { createPublicKey, verify } from 'node:crypto';
import { expect } from 'chai';
import { preAuthEncoding } from '../../../src';

/** A decimal integer as unpadded base64url of its 32-byte big-endian form (a JWK coordinate). */
function jwkCoordinate(decimal: string): string {
  return Buffer.from(BigInt(decimal).toString(16).padStart(64, '0'), 'hex').toString('base64url');
}

describe('preAuthEncoding (DSSE protocol.md)', () => {
  it('gives the spec test vector for http://example.com/HelloWorld and "hello world"', () => {
    const pae = preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world'));
    expect(pae.toString('latin1')).to.equal('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('verifies the spec vector signature (ECDSA P-256, raw r||s) over our encoding', () => {
    const key = createPublicKey({
      format: 'jwk',
      key: {
        kty: 'EC', crv: 'P-256',
        x: jwkCoordinate('46950820868899156662930047687818585632848591499744589407958293238635476079160'),
        y: jwkCoordinate('5640078356564379163099075877009565129882514886557779369047442380624545832820'),
      },
    });
    const sig = Buffer.from('A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==', 'base64');
    const pae = preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world'));
    expect(verify('sha256', pae, { key, dsaEncoding: 'ieee-p1363' }, sig)).to.equal(true);
    expect(verify('sha256', preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world!')), { key, dsaEncoding: 'ieee-p1363' }, sig)).to.equal(false);
  });

  it('counts bytes, not characters, of a non-ASCII type and body', () => {
    const pae = preAuthEncoding('tÿpe', Buffer.from('😀', 'utf8'));
    expect(pae.toString('utf8')).to.equal('DSSEv1 5 tÿpe 4 😀');
  });

  it('encodes an empty body as length 0', () => {
    expect(preAuthEncoding('t', Buffer.alloc(0)).toString('latin1')).to.equal('DSSEv1 1 t 0 ');
  });
});
