import type { JsonDict } from '../../core/json-types';
import { dictEntries, type BomParts } from '../bom-parts';
import { isAbsoluteIri } from '../iri';
import { PROPERTY, unknownFieldsProperty } from '../property-names';
import type { Spdx3GraphObject } from './spdx3-types';
import { spdxDateTime } from '../timestamps';
import { encodeValueText } from '../value-text';

/** The blank node id of the document's one `CreationInfo`. */
export const CREATION_INFO = '_:creationinfo';
/** What SPDX 3 writes where a value is required but unknown. */
export const NOASSERTION = 'NOASSERTION';
/** `build_buildType` of a training run. */
export const TRAINING_BUILD_TYPE = 'urn:training-bom:build-type:training-run';

/** The IRIs of the elements one export writes. */
export interface Spdx3Ids {
  readonly model: string;
  readonly dataset: string;
  readonly build: string;
  readonly supplier: string;
}

/** The three times an SPDX export states, as SPDX date-times. */
export interface Spdx3Times {
  /** When the document was created (the BOM's end, else its start, else the clock). */
  readonly created: string;
  /** When the model was built and released (the end, else the start, else `created`). */
  readonly model: string;
  /** When the dataset was built and released, at the latest (the start, else the end, else `created`). */
  readonly dataset: string;
}

type Property = readonly [string, string];

function dictionary(dict: JsonDict): Spdx3GraphObject[] {
  return dictEntries(dict).map(([key, v]) => ({ type: 'DictionaryEntry', key, value: encodeValueText(v) }));
}

/** `extension` holding CycloneDX-style properties (`extension_CdxPropertiesExtension`), or nothing. */
function extension(properties: readonly Property[]): { extension?: Spdx3GraphObject[] } {
  if (properties.length === 0) return {};
  const entries = properties.map(([name, value]) => ({ type: 'extension_CdxPropertyEntry', extension_cdxPropName: name, extension_cdxPropValue: value }));
  return { extension: [{ type: 'extension_CdxPropertiesExtension', extension_cdxProperty: entries }] };
}

/**
 * The model artifacts as the AI package's `verifiedUsing`: one `Hash` (sha256) per file, its `comment`
 * naming the file (relative to the model's root), so that a multi-file model keeps which digest is whose.
 */
function verifiedUsing(parts: BomParts): { verifiedUsing?: Spdx3GraphObject[] } {
  if (parts.artifacts.length === 0) return {};
  return {
    verifiedUsing: parts.artifacts.map((a) => ({ type: 'Hash', algorithm: 'sha256', hashValue: a.digest.slice('sha256:'.length), comment: a.name })),
  };
}

/** The trained model as an `ai_AIPackage`, its files' digests in `verifiedUsing`. */
export function aiPackage(parts: BomParts, ids: Spdx3Ids, times: Spdx3Times): Spdx3GraphObject {
  const { wire } = parts;
  const features = wire.feature_info;
  const props: Property[] = [[PROPERTY.architecture, wire.model_info.architecture]];
  for (const f of features.selected_features) props.push([PROPERTY.selectedFeature, f]);
  if (wire.additional_values !== undefined) props.push([PROPERTY.additionalValues, JSON.stringify(wire.additional_values)]);
  for (const [section, fields] of parts.unknownFields) props.push([unknownFieldsProperty(section), JSON.stringify(fields)]);
  const hyper = dictionary(wire.mlflow_params);
  const metrics = dictionary(wire.mlflow_metrics);
  return {
    type: 'ai_AIPackage',
    spdxId: ids.model,
    creationInfo: CREATION_INFO,
    name: wire.id,
    builtTime: times.model,
    releaseTime: times.model,
    suppliedBy: ids.supplier,
    software_downloadLocation: NOASSERTION,
    software_packageVersion: NOASSERTION,
    software_primaryPurpose: 'model',
    ai_typeOfModel: [wire.model_info.type],
    ai_informationAboutTraining:
      `Trained by run ${wire.id} on ${wire.dataset_info.origin} (${wire.dataset_info.size} records), ` +
      `${features.selected_features.length} of ${features.original_features.length} features selected.`,
    ...(hyper.length > 0 ? { ai_hyperparameter: hyper } : {}),
    ...(metrics.length > 0 ? { ai_metric: metrics } : {}),
    ...verifiedUsing(parts),
    ...extension(props),
  };
}

/** The training data as a `dataset_DatasetPackage`; the row count and the original features go in properties. */
export function datasetPackage(parts: BomParts, ids: Spdx3Ids, times: Spdx3Times): Spdx3GraphObject {
  const { dataset_info: dataset, feature_info: features } = parts.wire;
  const props: Property[] = [[PROPERTY.datasetSize, String(dataset.size)]];
  for (const f of features.original_features) props.push([PROPERTY.originalFeature, f]);
  return {
    type: 'dataset_DatasetPackage',
    spdxId: ids.dataset,
    creationInfo: CREATION_INFO,
    name: dataset.origin,
    builtTime: times.dataset,
    releaseTime: times.dataset,
    originatedBy: [ids.supplier],
    software_downloadLocation: isAbsoluteIri(dataset.origin) ? dataset.origin : NOASSERTION,
    software_primaryPurpose: 'data',
    dataset_datasetType: ['noAssertion'],
    ...extension(props),
  };
}

/** The training run as a `build_Build`; times SPDX cannot state exactly are kept in properties. */
export function trainingBuild(parts: BomParts, ids: Spdx3Ids): Spdx3GraphObject {
  const { wire } = parts;
  const props: Property[] = [];
  const time = (raw: string, micros: number | undefined, name: string): { [key: string]: string } => {
    const stated = micros === undefined ? undefined : spdxDateTime(micros);
    if (stated !== raw) props.push([name, raw]);
    return stated === undefined ? {} : { [name === PROPERTY.startTime ? 'build_buildStartTime' : 'build_buildEndTime']: stated };
  };
  const params = dictionary(wire.mlflow_params);
  return {
    type: 'build_Build',
    spdxId: ids.build,
    creationInfo: CREATION_INFO,
    build_buildType: TRAINING_BUILD_TYPE,
    build_buildId: wire.id,
    ...time(wire.start_time, parts.startMicros, PROPERTY.startTime),
    ...time(wire.end_time, parts.endMicros, PROPERTY.endTime),
    ...(params.length > 0 ? { build_parameter: params } : {}),
    ...extension(props),
  };
}
