import { expect } from 'chai';
import { BomValidationError, TrainingBOM } from '../../../src';
import { expectedInvalidPaths, vectors } from '../../helpers/vectors';

describe('reference vectors', () => {
  describe('valid/', () => {
    for (const vector of vectors('valid')) {
      it(`${vector.name} parses and re-emits byte for byte`, () => {
        expect(TrainingBOM.parse(vector.text).toJSONString(2)).to.equal(vector.text);
      });
    }

    it('covers every vector in the folder', () => {
      expect(vectors('valid')).to.have.length.greaterThan(9);
    });
  });

  describe('invalid/', () => {
    const expected = expectedInvalidPaths();

    for (const vector of vectors('invalid')) {
      it(`${vector.name} is rejected at the reference's paths`, () => {
        const paths = expected[vector.name];
        expect(paths, `expected.json lists ${vector.name}`).to.be.an('array');
        let error: unknown;
        try {
          TrainingBOM.parse(vector.text);
        } catch (e) {
          error = e;
        }
        expect(error).to.be.instanceOf(BomValidationError);
        const got = [...new Set((error as BomValidationError).issues.map((i) => i.path))].sort();
        expect(got).to.deep.equal([...(paths)].sort());
      });
    }

    it('has an expectation for every file', () => {
      expect(vectors('invalid').map((v) => v.name).sort()).to.deep.equal(Object.keys(expected).sort());
    });
  });
});
