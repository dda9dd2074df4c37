import { expect } from 'chai';
import { decodeNonFinite, encodeNonFinite, isNonFiniteName, restoreInfinity } from '../../../src/core/non-finite';

describe('non-finite number encoding', () => {
  it('writes NaN and ±Infinity as their names and keeps finite numbers (-0 included)', () => {
    expect([NaN, Infinity, -Infinity, 1.5, -0, Number.MAX_VALUE].map(encodeNonFinite)).to.deep.equal(['NaN', 'Infinity', '-Infinity', 1.5, -0, Number.MAX_VALUE]);
  });

  it('reads the names back', () => {
    expect(decodeNonFinite('NaN')).to.be.NaN;
    expect(decodeNonFinite('Infinity')).to.equal(Infinity);
    expect(decodeNonFinite('-Infinity')).to.equal(-Infinity);
  });

  it('knows only the three exact names', () => {
    expect(['NaN', 'Infinity', '-Infinity'].every(isNonFiniteName)).to.equal(true);
    for (const other of ['nan', 'inf', '+Infinity', ' NaN', 'Infinity ', '', 'constructor', '__proto__', NaN, Infinity, null, undefined]) {
      expect(isNonFiniteName(other), String(other)).to.equal(false);
    }
  });

  it('round-trips every non-finite number through its name', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      const name = encodeNonFinite(value);
      expect(isNonFiniteName(name)).to.equal(true);
      expect(Object.is(decodeNonFinite(name as 'NaN'), value)).to.equal(true);
    }
  });

  it('maps ±Number.MAX_VALUE, how the MLflow SQL store keeps ±Infinity, back to ±Infinity', () => {
    expect([Number.MAX_VALUE, -Number.MAX_VALUE, NaN, 1].map(restoreInfinity)).to.deep.equal([Infinity, -Infinity, NaN, 1]);
  });
});
