import { InvalidArgumentError, StandardsFormatError } from '../../errors';
import { TrainingBOM } from '../../models/training-bom';
import { systemClock, type Clock } from '../../core/clock';
import { bomParts } from '../bom-parts';
import { isAbsoluteIri } from '../iri';
import { aiPackage, CREATION_INFO, datasetPackage, NOASSERTION, trainingBuild, type Spdx3Ids, type Spdx3Times } from './spdx3-elements';
import { checkSpdx3References } from './spdx3-references';
import type { Spdx3Document, Spdx3GraphObject } from './spdx3-types';
import { spdxDateTime } from '../timestamps';
import { toolInfo } from '../tool-info';
import { bomUuid } from '../uuid-v5';

/** Options of {@link toSpdx3}. */
export interface Spdx3ExportOptions {
  /** IRI the element ids start with, followed by `#model`, `#dataset`, … (default `https://spdx.org/spdxdocs/training-bom-<uuid>`). */
  readonly namespace?: string;
  /** Name of the organization that supplied the model and the data (default: an agent named `NOASSERTION`). */
  readonly supplier?: string;
  /** Time source, read only when the BOM holds no readable time (default `Date.now`). */
  readonly clock?: Clock;
}

const CONTEXT = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld';
const NO_LICENSE = 'expandedlicensing_NoAssertionLicense';

function namespaceOf(bomId: string, options: Spdx3ExportOptions): string {
  const ns = options.namespace ?? `https://spdx.org/spdxdocs/training-bom-${bomUuid(bomId)}`;
  if (!isAbsoluteIri(ns) || ns.includes('#')) throw new InvalidArgumentError('namespace', `must be an absolute IRI without a fragment, got ${JSON.stringify(ns)}`);
  return ns;
}

function element(type: string, spdxId: string, fields: Record<string, unknown>): Spdx3GraphObject {
  return { type, spdxId, creationInfo: CREATION_INFO, ...fields };
}

function relationship(ns: string, name: string, from: string, relationshipType: string, to: string): Spdx3GraphObject {
  return element('Relationship', `${ns}#relationship-${name}`, { from, relationshipType, to: [to] });
}

/**
 * Writes a training BOM as SPDX 3.0.1 JSON-LD: the model as an `ai_AIPackage` (hyperparameters and metrics
 * as dictionary entries), the data as a `dataset_DatasetPackage`, the run as a `build_Build`, linked by
 * `trainedOn`, `hasInput` and `hasOutput`, with the fields the AI and Dataset profiles require.
 * @throws {InvalidArgumentError} for a `namespace` that is not an absolute IRI or a blank `supplier`.
 * @throws {BomValidationError} when the BOM is not valid.
 * @throws {StandardsFormatError} when the document would have duplicate or dangling references.
 */
export function toSpdx3(bom: TrainingBOM, options: Spdx3ExportOptions = {}): Spdx3Document {
  if (!(bom instanceof TrainingBOM)) throw new InvalidArgumentError('bom', 'must be a TrainingBOM');
  if (options.supplier !== undefined && options.supplier.trim() === '') throw new InvalidArgumentError('supplier', 'must not be blank');
  const parts = bomParts(bom);
  const ns = namespaceOf(parts.wire.id, options);
  const ids: Spdx3Ids = { model: `${ns}#model`, dataset: `${ns}#dataset`, build: `${ns}#training-run`, supplier: `${ns}#supplier` };
  const end = parts.endMicros ?? parts.startMicros;
  const createdMicros = end ?? (options.clock ?? systemClock).now() * 1000;
  const created = spdxDateTime(createdMicros);
  const times: Spdx3Times = {
    created,
    model: spdxDateTime(end ?? createdMicros),
    dataset: spdxDateTime(parts.startMicros ?? end ?? createdMicros),
  };
  const tool = toolInfo();
  const supplier =
    options.supplier === undefined
      ? element('Agent', ids.supplier, { name: NOASSERTION, comment: 'The supplier is not recorded in the training BOM.' })
      : element('Organization', ids.supplier, { name: options.supplier });
  const elements: Spdx3GraphObject[] = [
    element('SoftwareAgent', `${ns}#creator`, { name: tool.name }),
    element('Tool', `${ns}#tool`, {
      name: `${tool.name} ${tool.version}`,
      externalIdentifier: [{ type: 'ExternalIdentifier', externalIdentifierType: 'packageUrl', identifier: tool.purl }],
    }),
    supplier,
    element('simplelicensing_LicenseExpression', `${ns}#data-license`, { simplelicensing_licenseExpression: 'CC0-1.0' }),
    aiPackage(parts, ids, times),
    datasetPackage(parts, ids, times),
    trainingBuild(parts, ids),
    relationship(ns, 'trained-on', ids.model, 'trainedOn', ids.dataset),
    relationship(ns, 'build-input', ids.build, 'hasInput', ids.dataset),
    relationship(ns, 'build-output', ids.build, 'hasOutput', ids.model),
    relationship(ns, 'model-concluded-license', ids.model, 'hasConcludedLicense', NO_LICENSE),
    relationship(ns, 'model-declared-license', ids.model, 'hasDeclaredLicense', NO_LICENSE),
    relationship(ns, 'dataset-concluded-license', ids.dataset, 'hasConcludedLicense', NO_LICENSE),
    relationship(ns, 'dataset-declared-license', ids.dataset, 'hasDeclaredLicense', NO_LICENSE),
  ];
  const document = element('SpdxDocument', `${ns}#document`, {
    name: `Training BOM ${bom.id}`,
    dataLicense: `${ns}#data-license`,
    profileConformance: ['core', 'software', 'simpleLicensing', 'expandedLicensing', 'ai', 'dataset', 'build'],
    rootElement: [ids.model],
    element: elements.map((e) => e.spdxId),
  });
  const creationInfo = { type: 'CreationInfo', '@id': CREATION_INFO, specVersion: '3.0.1', created, createdBy: [`${ns}#creator`], createdUsing: [`${ns}#tool`] };
  const doc: Spdx3Document = { '@context': CONTEXT, '@graph': [creationInfo, document, ...elements] };
  const issues = checkSpdx3References(doc);
  if (issues.length > 0) throw new StandardsFormatError('spdx3', 'Inconsistent SPDX document', issues);
  return doc;
}
