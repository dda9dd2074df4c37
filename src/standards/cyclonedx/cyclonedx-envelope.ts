import type * as CycloneDxLibrary from '@cyclonedx/cyclonedx-library';
import type { BomParts } from '../bom-parts';
import type { CycloneDxDocument } from './cyclonedx-types';
import { PROPERTY, unknownFieldsProperty } from '../property-names';
import { toolInfo } from '../tool-info';
import { bomUuid } from '../uuid-v5';

/** The `bom-ref`s of what we write. */
export const REF = Object.freeze({
  model: 'model',
  dataset: 'dataset',
  formulation: 'formulation',
  trainingRun: 'training-run',
});

/** CycloneDX versions we write. */
export type CycloneDxSpecVersion = '1.6' | '1.7';

let loaded: typeof CycloneDxLibrary | undefined;

/** The CycloneDX library, loaded on first export: importing the package does not pay for it (~40 ms). */
function library(): typeof CycloneDxLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('@cyclonedx/cyclonedx-library') as typeof CycloneDxLibrary;
  return loaded;
}

function properties(entries: ReadonlyArray<readonly [string, string]>): CycloneDxLibrary.Models.PropertyRepository {
  const { Models } = library();
  return new Models.PropertyRepository(entries.map(([name, value]) => new Models.Property(name, value)));
}

function metadataProperties(parts: BomParts): CycloneDxLibrary.Models.PropertyRepository {
  const entries: Array<readonly [string, string]> = [];
  if (parts.wire.additional_values !== undefined) entries.push([PROPERTY.additionalValues, JSON.stringify(parts.wire.additional_values)]);
  for (const [section, fields] of parts.unknownFields) entries.push([unknownFieldsProperty(section), JSON.stringify(fields)]);
  return properties(entries);
}

/** The `bom-ref` of a model artifact's file component. */
export function artifactRef(name: string): string {
  return `model-artifact:${name}`;
}

/**
 * The model artifacts on the model component: one nested `file` component each (its name, SHA-256 in
 * `hashes`, size as a property), and the digest in the model's own `hashes` when there is exactly one
 * file (a component's `hashes` hold one value per algorithm: several files cannot share it).
 */
function addArtifacts(model: CycloneDxLibrary.Models.Component, artifacts: BomParts['artifacts']): void {
  const { Enums, Models } = library();
  const sha256 = (digest: string): CycloneDxLibrary.Models.HashDictionary => new Models.HashDictionary([[Enums.HashAlgorithm['SHA-256'], digest.slice('sha256:'.length)]]);
  if (artifacts.length === 1) model.hashes = sha256(artifacts[0].digest);
  for (const a of artifacts) {
    model.components.add(new Models.Component(Enums.ComponentType.File, a.name, {
      bomRef: artifactRef(a.name),
      hashes: sha256(a.digest),
      properties: properties([[PROPERTY.artifactBytes, String(a.bytes)]]),
    }));
  }
}

/**
 * What the CycloneDX library models: the envelope (deterministic serial number, version 1, metadata with
 * timestamp, tool and properties), the model as the described component (its files, when the BOM has
 * model artifacts, as nested `file` components with SHA-256 hashes) and the dataset as a component,
 * with their properties and the dependency between them, serialized by the library's JSON serializer.
 */
export function cycloneDxEnvelope(parts: BomParts, specVersion: CycloneDxSpecVersion): CycloneDxDocument {
  const { Enums, Models, Serialize, Spec } = library();
  const { wire } = parts;
  const tool = toolInfo();
  const dataset = new Models.Component(Enums.ComponentType.Data, wire.dataset_info.origin, {
    bomRef: REF.dataset,
    properties: properties([
      [PROPERTY.datasetSize, String(wire.dataset_info.size)],
      ...wire.feature_info.original_features.map((f) => [PROPERTY.originalFeature, f] as const),
    ]),
  });
  const model = new Models.Component(Enums.ComponentType.MachineLearningModel, wire.id, {
    bomRef: REF.model,
    properties: properties(wire.feature_info.selected_features.map((f) => [PROPERTY.selectedFeature, f] as const)),
  });
  addArtifacts(model, parts.artifacts);
  model.dependencies.add(dataset.bomRef);
  const when = parts.endMicros ?? parts.startMicros;
  const metadata = new Models.Metadata({
    timestamp: when === undefined ? undefined : new Date(Math.floor(when / 1000)),
    tools: new Models.Tools({
      components: new Models.ComponentRepository([
        new Models.Component(Enums.ComponentType.Library, tool.name, { version: tool.version, purl: tool.purl }),
      ]),
    }),
    component: model,
    properties: metadataProperties(parts),
  });
  const bom = new Models.Bom({
    metadata,
    components: new Models.ComponentRepository([dataset]),
    serialNumber: `urn:uuid:${bomUuid(wire.id)}`,
    version: 1,
  });
  const spec = specVersion === '1.7' ? Spec.Spec1dot7 : Spec.Spec1dot6;
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(spec));
  return JSON.parse(serializer.serialize(bom)) as CycloneDxDocument;
}
