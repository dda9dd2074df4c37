import { expect } from 'chai';
import { BomValidationError, InvalidArgumentError, toSpdx3, TrainingBOM, type Spdx3Document, type Spdx3GraphObject } from '../../../src';
import { checkSpdx3References } from '../../../src/standards/spdx3/spdx3-references';
import { hostileBom, trackerBom } from '../../helpers/export-fixtures';
import { FakeClock } from '../../helpers/fake-clock';
import { spdxSchemaErrors } from '../../helpers/standards-validators';
import { specExample, vectors } from '../../helpers/vectors';

function byType(doc: Spdx3Document, type: string): Spdx3GraphObject[] {
  return doc['@graph'].filter((o) => o.type === type);
}

function one(doc: Spdx3Document, type: string): Spdx3GraphObject {
  const found = byType(doc, type);
  if (found.length !== 1) throw new Error(`${found.length} objects of type ${type}`);
  return found[0];
}

function relationships(doc: Spdx3Document, type: string): Spdx3GraphObject[] {
  return byType(doc, 'Relationship').filter((r) => r['relationshipType'] === type);
}

function cdxProperties(object: Spdx3GraphObject, name: string): unknown[] {
  const ext = (object['extension'] as Array<{ extension_cdxProperty: Array<{ extension_cdxPropName: string; extension_cdxPropValue: string }> }> | undefined) ?? [];
  return ext.flatMap((e) => e.extension_cdxProperty).filter((p) => p.extension_cdxPropName === name).map((p) => p.extension_cdxPropValue);
}

describe('toSpdx3', () => {
  describe('official SPDX 3.0.1 JSON Schema (ajv, draft 2020-12)', () => {
    for (const vector of vectors('valid')) {
      it(`accepts the export of ${vector.name}`, () => {
        expect(spdxSchemaErrors(toSpdx3(TrainingBOM.parse(vector.text)))).to.equal(null);
      });
    }

    it('accepts the export of the tracker-built demo BOM', async () => {
      expect(spdxSchemaErrors(toSpdx3(await trackerBom()))).to.equal(null);
    });

    it('accepts the export of a BOM with hostile keys, unknown fields and non-finite metrics', () => {
      expect(spdxSchemaErrors(toSpdx3(hostileBom(), { supplier: 'ACME Corp' }))).to.equal(null);
    });

    it('rejects a release time with fractional seconds (the validator is not a rubber stamp)', () => {
      const doc = toSpdx3(TrainingBOM.parse(specExample()));
      one(doc, 'ai_AIPackage')['releaseTime'] = '2024-09-05T11:30:00.5Z';
      expect(spdxSchemaErrors(doc)).to.not.equal(null);
    });

    it('rejects a dataset without dataset_datasetType', () => {
      const doc = toSpdx3(TrainingBOM.parse(specExample()));
      delete one(doc, 'dataset_DatasetPackage')['dataset_datasetType'];
      expect(spdxSchemaErrors(doc)).to.not.equal(null);
    });
  });

  it('writes the SPDX 3.0.1 context and one CreationInfo naming this tool', () => {
    const doc = toSpdx3(TrainingBOM.parse(specExample()));
    expect(doc['@context']).to.equal('https://spdx.org/rdf/3.0.1/spdx-context.jsonld');
    const info = one(doc, 'CreationInfo');
    expect(info['specVersion']).to.equal('3.0.1');
    expect(info['created']).to.equal('2024-09-05T11:30:00Z');
    expect(one(doc, 'Tool')['name']).to.match(/^training-bom \d/);
  });

  it('describes the model as an ai_AIPackage with hyperparameters, metrics and its type', () => {
    const model = one(toSpdx3(TrainingBOM.parse(specExample())), 'ai_AIPackage');
    expect(model['ai_typeOfModel']).to.deep.equal(['RandomForestClassifier']);
    expect((model['ai_hyperparameter'] as unknown[])[0]).to.deep.equal({ type: 'DictionaryEntry', key: 'n_estimators', value: '100' });
    expect((model['ai_metric'] as unknown[])[0]).to.deep.equal({ type: 'DictionaryEntry', key: 'accuracy', value: '0.87' });
    expect(cdxProperties(model, 'training-bom:model_info.architecture')).to.deep.equal(['ensemble_tree_based']);
  });

  it('fills the fields the AI profile requires, with NOASSERTION where the BOM has nothing', () => {
    const model = one(toSpdx3(TrainingBOM.parse(specExample())), 'ai_AIPackage');
    expect(model).to.include({
      releaseTime: '2024-09-05T11:30:00Z',
      software_downloadLocation: 'NOASSERTION',
      software_packageVersion: 'NOASSERTION',
      software_primaryPurpose: 'model',
    });
    expect(model['suppliedBy']).to.be.a('string');
  });

  it('describes the data as a dataset_DatasetPackage with its origin, type, and the row count in a property', () => {
    const dataset = one(toSpdx3(TrainingBOM.parse(specExample())), 'dataset_DatasetPackage');
    expect(dataset).to.include({ name: 's3://ml-data-bucket/training-data-v2.0.parquet', software_downloadLocation: 's3://ml-data-bucket/training-data-v2.0.parquet' });
    expect(dataset['dataset_datasetType']).to.deep.equal(['noAssertion']);
    expect(dataset).to.not.have.property('dataset_datasetSize');
    expect(cdxProperties(dataset, 'training-bom:dataset_info.size')).to.deep.equal(['1500000']);
    expect(cdxProperties(dataset, 'training-bom:feature_info.original_features')).to.have.length(5);
  });

  it('writes NOASSERTION as the download location of an origin that is not an absolute IRI', () => {
    expect(one(toSpdx3(hostileBom()), 'dataset_DatasetPackage')['software_downloadLocation']).to.equal('NOASSERTION');
  });

  it('describes the run as a build_Build with UTC whole-second times and the parameters', () => {
    const build = one(toSpdx3(TrainingBOM.parse(specExample())), 'build_Build');
    expect(build).to.include({ build_buildId: 'training-run-2024-09-05-001', build_buildStartTime: '2024-09-05T10:00:00Z', build_buildEndTime: '2024-09-05T11:30:00Z' });
    expect(build['build_parameter']).to.have.length(4);
  });

  it('links model, dataset and run with trainedOn, hasInput and hasOutput', () => {
    const doc = toSpdx3(TrainingBOM.parse(specExample()));
    const [model, dataset, build] = ['ai_AIPackage', 'dataset_DatasetPackage', 'build_Build'].map((t) => one(doc, t).spdxId);
    expect(relationships(doc, 'trainedOn').map((r) => [r['from'], r['to']])).to.deep.equal([[model, [dataset]]]);
    expect(relationships(doc, 'hasInput').map((r) => [r['from'], r['to']])).to.deep.equal([[build, [dataset]]]);
    expect(relationships(doc, 'hasOutput').map((r) => [r['from'], r['to']])).to.deep.equal([[build, [model]]]);
  });

  it('gives the model and the dataset exactly one concluded and one declared license, NOASSERTION', () => {
    const doc = toSpdx3(TrainingBOM.parse(specExample()));
    for (const type of ['ai_AIPackage', 'dataset_DatasetPackage']) {
      const id = one(doc, type).spdxId;
      for (const kind of ['hasConcludedLicense', 'hasDeclaredLicense']) {
        expect(relationships(doc, kind).filter((r) => r['from'] === id).map((r) => r['to'])).to.deep.equal([['expandedlicensing_NoAssertionLicense']]);
      }
    }
  });

  it('names the model the document root and lists every element', () => {
    const doc = toSpdx3(TrainingBOM.parse(specExample()));
    const root = one(doc, 'SpdxDocument');
    expect(root['rootElement']).to.deep.equal([one(doc, 'ai_AIPackage').spdxId]);
    const elements = doc['@graph'].filter((o) => o.spdxId !== undefined && o.type !== 'SpdxDocument').map((o) => o.spdxId);
    expect(root['element']).to.deep.equal(elements);
  });

  it('names a given supplier as an Organization', () => {
    const doc = toSpdx3(TrainingBOM.parse(specExample()), { supplier: 'ACME Corp' });
    expect(one(doc, 'Organization')['name']).to.equal('ACME Corp');
    expect(byType(doc, 'Agent')).to.have.length(0);
  });

  it('uses the given namespace for element ids', () => {
    const doc = toSpdx3(TrainingBOM.parse(specExample()), { namespace: 'https://example.com/boms/run-1' });
    expect(one(doc, 'ai_AIPackage').spdxId).to.equal('https://example.com/boms/run-1#model');
  });

  it('rejects a namespace that is not an absolute IRI', () => {
    expect(() => toSpdx3(TrainingBOM.parse(specExample()), { namespace: 'boms/run 1' })).to.throw(InvalidArgumentError, /namespace/);
  });

  it('is deterministic for a BOM with times', () => {
    expect(JSON.stringify(toSpdx3(TrainingBOM.parse(specExample())))).to.equal(JSON.stringify(toSpdx3(TrainingBOM.parse(specExample()))));
  });

  it('falls back to the clock only when the BOM holds no readable time, and keeps the text', () => {
    const doc = toSpdx3(hostileBom(), { clock: new FakeClock(Date.UTC(2025, 0, 2, 3, 4, 5, 678)) });
    expect(one(doc, 'CreationInfo')['created']).to.equal('2025-01-02T03:04:05Z');
    const build = one(doc, 'build_Build');
    expect(build).to.not.have.property('build_buildStartTime');
    expect(cdxProperties(build, 'training-bom:start_time')).to.deep.equal(['yesterday']);
  });

  it('keeps additional_values, unknown fields and the selected features on the model', () => {
    const model = one(toSpdx3(hostileBom()), 'ai_AIPackage');
    expect(cdxProperties(model, 'training-bom:additional_values')).to.have.length(1);
    expect(cdxProperties(model, 'training-bom:unknown_fields')).to.deep.equal(['{"top":{"deep":[true,{"hasOwnProperty":1}]}}']);
    expect(cdxProperties(model, 'training-bom:feature_info.selected_features')).to.deep.equal(['a']);
  });

  it('writes non-finite metrics as NaN, Infinity and -Infinity', () => {
    const metrics = one(toSpdx3(hostileBom()), 'ai_AIPackage')['ai_metric'] as Array<{ value: string }>;
    expect(metrics.slice(0, 3).map((m) => m.value)).to.deep.equal(['NaN', 'Infinity', '-Infinity']);
  });

  it('has unique ids and no dangling references', () => {
    expect(checkSpdx3References(toSpdx3(hostileBom()))).to.deep.equal([]);
  });

  it('reports a dangling reference and a duplicate id', () => {
    const doc = toSpdx3(TrainingBOM.parse(specExample()));
    one(doc, 'ai_AIPackage')['suppliedBy'] = 'https://example.com/nobody';
    one(doc, 'build_Build').spdxId = one(doc, 'Tool').spdxId;
    expect(checkSpdx3References(doc).map((i) => i.message)).to.have.length.greaterThan(1);
  });

  it('rejects a BOM that was changed into an invalid state', () => {
    const bom = TrainingBOM.parse(specExample());
    (bom as unknown as { modelInfo: unknown }).modelInfo = 'x';
    expect(() => toSpdx3(bom)).to.throw(BomValidationError, /model_info/);
  });
});
