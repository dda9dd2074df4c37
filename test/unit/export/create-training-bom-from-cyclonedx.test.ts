import { expect } from 'chai';
import fc from 'fast-check';
import { BomValidationError, createTrainingBomFromCycloneDx, StandardsFormatError, toCycloneDx, TrainingBOM, type JsonValue } from '../../../src';
import { hostileBom, trackerBom, wideBom } from '../../helpers/export-fixtures';
import { specExample, vectors } from '../../helpers/vectors';

/** The round trip through CycloneDX, via JSON text as a file would carry it. */
function roundTrip(bom: TrainingBOM, specVersion: '1.6' | '1.7' = '1.6'): TrainingBOM {
  return createTrainingBomFromCycloneDx(JSON.stringify(toCycloneDx(bom, { specVersion })));
}

function exported(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(toCycloneDx(TrainingBOM.parse(specExample())))) as Record<string, unknown>;
}

describe('createTrainingBomFromCycloneDx', () => {
  for (const vector of vectors('valid')) {
    it(`reads the export of ${vector.name} back to the same wire JSON`, () => {
      const bom = TrainingBOM.parse(vector.text);
      expect(roundTrip(bom).toJSONString(2)).to.equal(bom.toJSONString(2));
    });
  }

  it('round-trips through CycloneDX 1.7 as well', () => {
    const bom = TrainingBOM.parse(specExample());
    expect(roundTrip(bom, '1.7').toJSONString()).to.equal(bom.toJSONString());
  });

  it('round-trips the tracker-built demo BOM', async () => {
    const bom = await trackerBom();
    expect(roundTrip(bom).toJSONString()).to.equal(bom.toJSONString());
  });

  it('round-trips hostile keys, unknown fields, additional_values, duplicate features and non-times', () => {
    const bom = hostileBom();
    expect(roundTrip(bom).toJSONString(2)).to.equal(bom.toJSONString(2));
  });

  it('gives back non-finite metrics as numbers', () => {
    const metrics = roundTrip(hostileBom()).mlflowMetrics;
    expect([metrics['nan'], metrics['inf'], metrics['ninf']]).to.deep.equal([NaN, Infinity, -Infinity]);
  });

  it('keeps __proto__ an ordinary key', () => {
    const back = roundTrip(hostileBom());
    expect(Object.keys(back.mlflowParams)).to.include('__proto__');
    expect(back.mlflowParams['__proto__']).to.deep.equal({ a: 1 });
  });

  it('tells "absent" from null in additional_values', () => {
    const withNull = TrainingBOM.parse({ ...specExample(), additional_values: null });
    expect(roundTrip(withNull).toJSON()).to.have.property('additional_values', null);
    expect(roundTrip(TrainingBOM.parse(specExample())).toJSON()).to.not.have.property('additional_values');
  });

  it('round-trips a BOM with 2,000 features and 300 params', () => {
    const bom = wideBom(2000, 300);
    expect(roundTrip(bom).toJSONString()).to.equal(bom.toJSONString());
  });

  it('round-trips any JSON values as params and metrics (property-based)', () => {
    const dict = fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>, { maxKeys: 6 });
    fc.assert(
      fc.property(dict, dict, fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }), (params, metrics, features) => {
        const bom = TrainingBOM.parse(JSON.parse(JSON.stringify({ ...specExample(), mlflow_params: params, mlflow_metrics: metrics, feature_info: { original_features: features } })) as object);
        expect(roundTrip(bom).toJSONString()).to.equal(bom.toJSONString());
      }),
      { numRuns: 200 },
    );
  });

  it('accepts a parsed object as well as JSON text', () => {
    const bom = TrainingBOM.parse(specExample());
    expect(createTrainingBomFromCycloneDx(toCycloneDx(bom)).toJSONString()).to.equal(bom.toJSONString());
  });

  it('rejects text that is not JSON with a StandardsFormatError', () => {
    expect(() => createTrainingBomFromCycloneDx('{')).to.throw(StandardsFormatError, /not valid JSON/);
  });

  it('lists every part missing from a CycloneDX document it did not write', () => {
    try {
      createTrainingBomFromCycloneDx({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [] });
      expect.fail('no error');
    } catch (error) {
      expect(error).to.be.instanceOf(StandardsFormatError);
      const paths = (error as StandardsFormatError).issues.map((i) => i.path);
      expect(paths).to.include.members(['metadata', 'components', 'formulation']);
      expect((error as StandardsFormatError).code).to.equal('STANDARDS_FORMAT');
    }
  });

  it('rejects a document that is not CycloneDX', () => {
    expect(() => createTrainingBomFromCycloneDx({ ...exported(), bomFormat: 'SPDX' })).to.throw(StandardsFormatError, /bomFormat/);
  });

  it('rejects a dataset size that is not a decimal integer', () => {
    const doc = exported() as { components: Array<{ properties: Array<{ name: string; value: string }> }> };
    const size = doc.components[0]?.properties.find((p) => p.name === 'training-bom:dataset_info.size');
    if (size !== undefined) size.value = 'many';
    expect(() => createTrainingBomFromCycloneDx(doc)).to.throw(StandardsFormatError, /decimal integer/);
  });

  it('reports a missing model architecture by its path in the document', () => {
    const doc = exported() as { metadata: { component: { modelCard: { modelParameters: Record<string, unknown> } } } };
    delete doc.metadata.component.modelCard.modelParameters['modelArchitecture'];
    expect(() => createTrainingBomFromCycloneDx(doc)).to.throw(StandardsFormatError, /modelArchitecture: is required/);
  });

  it('validates the BOM it reads with the reference rules', () => {
    const doc = exported() as { formulation: Array<{ workflows: Array<{ uid: unknown }> }> };
    const flow = doc.formulation[0]?.workflows[0];
    if (flow !== undefined) flow.uid = '\ud800';
    expect(() => createTrainingBomFromCycloneDx(doc)).to.throw(BomValidationError, /id/);
  });
});
