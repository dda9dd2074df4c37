/** Model artifacts in the standard exports: CycloneDX `hashes` on the model, SPDX 3 `verifiedUsing` on the AI package. */
import { expect } from 'chai';
import { BomValidationError, createTrainingBomFromCycloneDx, modelArtifactsOf, toCycloneDx, toSpdx3, TrainingBOM, type CycloneDxDocument } from '../../../src';
import { checkCycloneDxReferences } from '../../../src/standards/cyclonedx/cyclonedx-references';
import { checkSpdx3References } from '../../../src/standards/spdx3/spdx3-references';
import { artifactBom } from '../../helpers/export-fixtures';
import { cycloneDxErrors, spdxSchemaErrors } from '../../helpers/standards-validators';
import { specExample } from '../../helpers/vectors';

const hex = (digest: string): string => digest.slice('sha256:'.length);

function model(doc: CycloneDxDocument): NonNullable<NonNullable<CycloneDxDocument['metadata']>['component']> {
  const component = doc.metadata?.component;
  if (component === undefined) throw new Error('no model component');
  return component;
}

describe('model artifacts in CycloneDX', () => {
  for (const version of ['1.6', '1.7'] as const) {
    it(`passes the official ${version} schema and the reference check with one and with several files`, async () => {
      for (const count of [1, 3]) {
        const doc = toCycloneDx(artifactBom(count), { specVersion: version });
        expect(await cycloneDxErrors(doc, version), `${count} files`).to.equal(null);
        expect(checkCycloneDxReferences(doc)).to.deep.equal([]);
      }
    });
  }

  it('puts the digest of a one-file model in the model component\'s hashes, and the file as a nested component', () => {
    const bom = artifactBom(1);
    const [artifact] = modelArtifactsOf(bom);
    const component = model(toCycloneDx(bom));
    expect(component.hashes).to.deep.equal([{ alg: 'SHA-256', content: hex(artifact.digest) }]);
    expect(component.components).to.deep.equal([{
      type: 'file', name: 'forest.json', 'bom-ref': 'model-artifact:forest.json',
      hashes: [{ alg: 'SHA-256', content: hex(artifact.digest) }],
      properties: [{ name: 'training-bom:model_artifacts.bytes', value: '1000' }],
    }]);
  });

  it('gives each file of a several-file model its own component with its hash, and the model no single hash', () => {
    const bom = artifactBom(3);
    const component = model(toCycloneDx(bom));
    expect(component.hashes).to.equal(undefined);
    expect(component.components?.map((c) => [c.name, c.hashes?.[0]?.content])).to.deep.equal(modelArtifactsOf(bom).map((a) => [a.name, hex(a.digest)]));
  });

  it('writes no hashes nor file components for a BOM without artifacts', () => {
    const component = model(toCycloneDx(TrainingBOM.parse(specExample())));
    expect(component).not.to.have.property('hashes');
    expect(component).not.to.have.property('components');
  });

  it('reads the artifacts back from the CycloneDX document', () => {
    const bom = artifactBom(3);
    expect(modelArtifactsOf(createTrainingBomFromCycloneDx(toCycloneDx(bom)))).to.deep.equal(modelArtifactsOf(bom));
  });

  it('refuses to export invalid artifacts, naming the field', () => {
    const bom = TrainingBOM.parse({ ...specExample(), additional_values: { model_artifacts: [{ name: 'm', digest: 'sha256:xyz', bytes: 1 }] } });
    expect(() => toCycloneDx(bom)).to.throw(BomValidationError, 'additional_values.model_artifacts.0.digest');
    expect(() => toSpdx3(bom)).to.throw(BomValidationError, 'additional_values.model_artifacts.0.digest');
  });
});

describe('model artifacts in SPDX 3', () => {
  it('passes the official JSON Schema and the reference check', () => {
    for (const count of [1, 3]) {
      const doc = toSpdx3(artifactBom(count));
      expect(spdxSchemaErrors(doc), `${count} files`).to.equal(null);
      expect(checkSpdx3References(doc)).to.deep.equal([]);
    }
  });

  it('lists each file as a sha256 Hash in the AI package\'s verifiedUsing, its comment naming the file', () => {
    const bom = artifactBom(3);
    const pkg = toSpdx3(bom)['@graph'].find((o) => o.type === 'ai_AIPackage');
    expect(pkg?.['verifiedUsing']).to.deep.equal(modelArtifactsOf(bom).map((a) => ({ type: 'Hash', algorithm: 'sha256', hashValue: hex(a.digest), comment: a.name })));
  });

  it('writes no verifiedUsing for a BOM without artifacts', () => {
    const pkg = toSpdx3(TrainingBOM.parse(specExample()))['@graph'].find((o) => o.type === 'ai_AIPackage');
    expect(pkg).not.to.have.property('verifiedUsing');
  });
});
