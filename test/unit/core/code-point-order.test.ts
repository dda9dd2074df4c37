import { expect } from 'chai';
import { codePointKey, compareByCodePoint } from '../../../src/core/code-point-order';

const SAMPLES = ['', 'a', 'ab', 'B', 'é', 'e\u0301', '\uFF21', '\uFFFF', '😀', '𝒳', 'a😀', 'a\uFF21', '\u0000', 'x\u0000y', '\ud800', '\udfff', 'a\ud800b'];

/** The reference: UTF-8 bytes compare by code point (lone surrogates aside, which Buffer cannot encode). */
const utf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('code-point order (core/code-point-order)', () => {
  it('agrees with UTF-8 byte order on well-formed strings', () => {
    const wellFormed = SAMPLES.filter((s) => s.isWellFormed());
    for (const a of wellFormed) for (const b of wellFormed) expect(Math.sign(compareByCodePoint(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).to.equal(utf8(a, b));
  });

  it('differs from JavaScript\'s < where UTF-16 code units do: U+FF21 before U+1F600', () => {
    expect('😀' < '\uFF21').to.equal(true);
    expect(compareByCodePoint('\uFF21', '😀')).to.be.lessThan(0);
  });

  it('orders a lone surrogate by its own value, between U+D7FF and U+E000', () => {
    expect(compareByCodePoint('\ud7ff', '\ud800')).to.be.lessThan(0);
    expect(compareByCodePoint('\udfff', '\ue000')).to.be.lessThan(0);
    expect(compareByCodePoint('\ud800', '\ud800')).to.equal(0);
  });

  it('gives keys whose byte order is the same order, prefixes first', () => {
    for (const a of SAMPLES) {
      for (const b of SAMPLES) {
        expect(Math.sign(Buffer.compare(Buffer.from(codePointKey(a)), Buffer.from(codePointKey(b)))), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).to.equal(Math.sign(compareByCodePoint(a, b)));
      }
    }
    expect(codePointKey('a😀')).to.deep.equal(Uint8Array.from([0, 0, 0x61, 0x01, 0xf6, 0x00]));
  });
});
