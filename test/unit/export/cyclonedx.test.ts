import { expect } from 'chai';
import {
  BomValidationError, InvalidArgumentError, toCycloneDx, TrainingBOM, type CycloneDxDocument, type CycloneDxProperty,
} from '../../../src';
import { checkCycloneDxReferences } from '../../../src/standards/cyclonedx/cyclonedx-references';
import { hostileBom, trackerBom } from '../../helpers/export-fixtures';
import { cycloneDxErrors } from '../../helpers/standards-validators';
import { specExample, vectors } from '../../helpers/vectors';

const VERSIONS = ['1.6', '1.7'] as const;

function propertyValues(list: CycloneDxProperty[] | undefined, name: string): Array<string | undefined> {
  return (list ?? []).filter((p) => p.name === name).map((p) => p.value);
}

function workflowOf(doc: CycloneDxDocument): NonNullable<NonNullable<CycloneDxDocument['formulation']>[number]['workflows']>[number] {
  const flow = doc.formulation?.[0]?.workflows?.[0];
  if (flow === undefined) throw new Error('no workflow');
  return flow;
}

describe('toCycloneDx', () => {
  for (const version of VERSIONS) {
    describe(`official CycloneDX ${version} JSON Schema`, () => {
      for (const vector of vectors('valid')) {
        it(`accepts the export of ${vector.name}`, async () => {
          expect(await cycloneDxErrors(toCycloneDx(TrainingBOM.parse(vector.text), { specVersion: version }), version)).to.equal(null);
        });
      }

      it('accepts the export of the tracker-built demo BOM', async () => {
        expect(await cycloneDxErrors(toCycloneDx(await trackerBom(), { specVersion: version }), version)).to.equal(null);
      });

      it('accepts the export of a BOM with hostile keys, unknown fields and non-finite metrics', async () => {
        expect(await cycloneDxErrors(toCycloneDx(hostileBom(), { specVersion: version }), version)).to.equal(null);
      });

      it('rejects a document with properties inside modelParameters (the validator is not a rubber stamp)', async () => {
        const doc = toCycloneDx(TrainingBOM.parse(specExample()), { specVersion: version });
        const card = doc.metadata?.component?.modelCard;
        if (card?.modelParameters === undefined) throw new Error('no modelParameters');
        card.modelParameters['properties'] = [{ name: 'n_estimators', value: '100' }];
        expect(await cycloneDxErrors(doc, version)).to.not.equal(null);
      });

      it('rejects a workflow with the task type "train", which the standard lacks', async () => {
        const doc = toCycloneDx(TrainingBOM.parse(specExample()), { specVersion: version });
        workflowOf(doc).taskTypes = ['train'];
        expect(await cycloneDxErrors(doc, version)).to.not.equal(null);
      });
    });
  }

  it('writes the requested specVersion and defaults to 1.6', () => {
    const bom = TrainingBOM.parse(specExample());
    expect(toCycloneDx(bom).specVersion).to.equal('1.6');
    expect(toCycloneDx(bom, { specVersion: '1.7' }).specVersion).to.equal('1.7');
  });

  it('rejects an unsupported specVersion with an InvalidArgumentError', () => {
    const options = { specVersion: '1.5' } as unknown as { specVersion: '1.6' };
    expect(() => toCycloneDx(TrainingBOM.parse(specExample()), options)).to.throw(InvalidArgumentError, /specVersion/);
  });

  it('is deterministic: the same BOM gives the same document', () => {
    const text = JSON.stringify(toCycloneDx(TrainingBOM.parse(specExample())));
    expect(JSON.stringify(toCycloneDx(TrainingBOM.parse(specExample())))).to.equal(text);
  });

  it('derives a lowercase UUID v5 serial number from the BOM id', () => {
    const serial = toCycloneDx(TrainingBOM.parse(specExample())).serialNumber;
    expect(serial).to.match(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = toCycloneDx(TrainingBOM.parse({ ...specExample(), id: 'another-run' })).serialNumber;
    expect(other).to.not.equal(serial);
  });

  it('writes version 1, the end time as metadata.timestamp and names itself in metadata.tools', () => {
    const doc = toCycloneDx(TrainingBOM.parse(specExample()));
    expect(doc.version).to.equal(1);
    expect(doc.metadata?.timestamp).to.equal('2024-09-05T11:30:00.000Z');
    expect(JSON.stringify(doc.metadata?.['tools'])).to.contain('"name":"training-bom"').and.contain('pkg:npm/training-bom@');
  });

  it('describes the model as a machine-learning-model with a model card from model_info', () => {
    const model = toCycloneDx(TrainingBOM.parse(specExample())).metadata?.component;
    expect(model?.type).to.equal('machine-learning-model');
    expect(model?.modelCard?.modelParameters).to.deep.equal({
      task: 'classification',
      architectureFamily: 'ensemble_tree_based',
      modelArchitecture: 'RandomForestClassifier',
      datasets: [{ ref: 'dataset' }],
    });
  });

  it('writes every metric as a performance metric with a string value', () => {
    const metrics = toCycloneDx(TrainingBOM.parse(specExample())).metadata?.component?.modelCard?.quantitativeAnalysis?.performanceMetrics;
    expect(metrics?.[0]).to.deep.equal({ type: 'accuracy', value: '0.87' });
    expect(metrics).to.have.length(5);
  });

  it('writes the hyperparameters as model card properties and as typed workflow input parameters', () => {
    const doc = toCycloneDx(TrainingBOM.parse(specExample()));
    expect(propertyValues(doc.metadata?.component?.modelCard?.properties, 'training-bom:mlflow_params.n_estimators')).to.deep.equal(['100']);
    const parameters = workflowOf(doc).inputs?.find((i) => i.parameters !== undefined)?.parameters;
    expect(parameters?.[0]).to.deep.equal({ name: 'n_estimators', value: '100', dataType: 'number' });
  });

  it('describes the dataset as a data component with a dataset entry, its URL, size and original features', () => {
    const dataset = toCycloneDx(TrainingBOM.parse(specExample())).components?.[0];
    expect(dataset?.type).to.equal('data');
    expect(dataset?.data).to.deep.equal([
      { type: 'dataset', name: 's3://ml-data-bucket/training-data-v2.0.parquet', contents: { url: 's3://ml-data-bucket/training-data-v2.0.parquet' } },
    ]);
    expect(propertyValues(dataset?.properties, 'training-bom:dataset_info.size')).to.deep.equal(['1500000']);
    expect(propertyValues(dataset?.properties, 'training-bom:feature_info.original_features')).to.have.length(5);
  });

  it('leaves out contents.url when the origin is not an IRI reference', () => {
    const dataset = toCycloneDx(hostileBom()).components?.[0];
    expect(dataset?.data?.[0]).to.deep.equal({ type: 'dataset', name: 'local data/中文 file.csv' });
  });

  it('records the selected features on the model, in order', () => {
    const model = toCycloneDx(TrainingBOM.parse(specExample())).metadata?.component;
    expect(propertyValues(model?.properties, 'training-bom:feature_info.selected_features')).to.deep.equal(['age', 'income', 'credit_score', 'employment_years']);
  });

  it('models the run as a build workflow with the BOM id as uid, the dataset as input and the model as output', () => {
    const flow = workflowOf(toCycloneDx(TrainingBOM.parse(specExample())));
    expect(flow.uid).to.equal('training-run-2024-09-05-001');
    expect(flow.taskTypes).to.deep.equal(['build']);
    expect(flow.inputs?.[0]).to.deep.equal({ resource: { ref: 'dataset' } });
    expect(flow.outputs).to.deep.equal([{ type: 'artifact', resource: { ref: 'model' } }]);
  });

  it('normalises naive timestamps to UTC and keeps the text the BOM wrote', () => {
    const flow = workflowOf(toCycloneDx(TrainingBOM.parse(specExample())));
    expect([flow.timeStart, flow.timeEnd]).to.deep.equal(['2024-09-05T10:00:00.000Z', '2024-09-05T11:30:00.000Z']);
    expect(propertyValues(flow.properties, 'training-bom:start_time')).to.deep.equal(['2024-09-05T10:00:00.000000']);
  });

  it('writes no time property when the BOM already holds RFC 3339 UTC times (tracker BOMs)', async () => {
    const flow = workflowOf(toCycloneDx(await trackerBom()));
    expect(flow.timeStart).to.equal('2024-09-05T10:00:00.000Z');
    expect(flow.properties).to.equal(undefined);
  });

  it("reads MLflow's epoch milliseconds as times", () => {
    const flow = workflowOf(toCycloneDx(TrainingBOM.parse(vectors('valid').find((v) => v.name === 'mlflow-shaped')?.text ?? '')));
    expect(flow.timeStart).to.equal('2024-09-05T10:00:00.000Z');
  });

  it('omits times that are not times and keeps their text', () => {
    const flow = workflowOf(toCycloneDx(hostileBom()));
    expect(flow.timeStart).to.equal(undefined);
    expect(propertyValues(flow.properties, 'training-bom:start_time')).to.deep.equal(['yesterday']);
    expect(propertyValues(flow.properties, 'training-bom:end_time')).to.deep.equal(['']);
  });

  it('keeps additional_values and unknown fields as JSON in metadata properties', () => {
    const props = toCycloneDx(hostileBom()).metadata?.properties;
    expect(JSON.parse(propertyValues(props, 'training-bom:additional_values')[0] ?? '')).to.have.property('data_quality');
    expect(propertyValues(props, 'training-bom:unknown_fields')).to.deep.equal(['{"top":{"deep":[true,{"hasOwnProperty":1}]}}']);
    expect(propertyValues(props, 'training-bom:dataset_info.unknown_fields')).to.deep.equal(['{"extra":{"__proto__":1},"__proto__":[1]}']);
  });

  it('writes non-finite metrics as NaN, Infinity and -Infinity', () => {
    const metrics = toCycloneDx(hostileBom()).metadata?.component?.modelCard?.quantitativeAnalysis?.performanceMetrics ?? [];
    expect(metrics.slice(0, 3).map((m) => m.value)).to.deep.equal(['NaN', 'Infinity', '-Infinity']);
  });

  it('writes a string that looks like JSON in quotes, so it stays a string', () => {
    const metrics = toCycloneDx(hostileBom()).metadata?.component?.modelCard?.quantitativeAnalysis?.performanceMetrics ?? [];
    expect(metrics.find((m) => m.type === 'str')?.value).to.equal('"0.95"');
  });

  it('does not pollute Object.prototype with hostile keys', () => {
    toCycloneDx(hostileBom());
    expect(({} as Record<string, unknown>)['a']).to.equal(undefined);
  });

  it('has unique bom-refs and no dangling references', () => {
    expect(checkCycloneDxReferences(toCycloneDx(hostileBom()))).to.deep.equal([]);
  });

  it('rejects a BOM that was changed into an invalid state', () => {
    const bom = TrainingBOM.parse(specExample());
    (bom as unknown as { id: unknown }).id = 42;
    expect(() => toCycloneDx(bom)).to.throw(BomValidationError, /id/);
  });
});

describe('checkCycloneDxReferences', () => {
  it('reports a bom-ref used twice', () => {
    const doc = toCycloneDx(TrainingBOM.parse(specExample()));
    const dataset = doc.components?.[0];
    if (dataset !== undefined) dataset['bom-ref'] = 'model';
    expect(checkCycloneDxReferences(doc).map((i) => i.path)).to.include('components.0.bom-ref');
  });

  it('reports a reference to a bom-ref the document lacks', () => {
    const doc = toCycloneDx(TrainingBOM.parse(specExample()));
    workflowOf(doc).outputs = [{ type: 'artifact', resource: { ref: 'nowhere' } }];
    expect(checkCycloneDxReferences(doc)).to.deep.equal([
      { path: 'formulation.0.workflows.0.outputs.0.resource.ref', message: 'refers to "nowhere", which no bom-ref in the document has' },
    ]);
  });

  it('does not check BOM-Links into other documents', () => {
    const doc = toCycloneDx(TrainingBOM.parse(specExample()));
    doc.dependencies?.push({ ref: 'model', dependsOn: ['urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#dataset'] });
    expect(checkCycloneDxReferences(doc)).to.deep.equal([]);
  });
});
