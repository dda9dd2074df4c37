import { StandardsFormatError } from '../../errors';
import { TrainingBOM } from '../../models/training-bom';
import { safeDict, type SafeDict } from '../../core/safe-dict';
import { REF } from './cyclonedx-envelope';
import { checkCycloneDxReferences } from './cyclonedx-references';
import { DocumentReader } from '../document-reader';
import { PROPERTY, UNKNOWN_FIELD_SECTIONS, unknownFieldsProperty } from '../property-names';
import { decodeValueText } from '../value-text';

type Dict = Record<string, unknown>;

function parseDocument(input: string | object): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (error) {
    throw new StandardsFormatError('cyclonedx', 'Not a CycloneDX document', [{ path: '', message: `is not valid JSON: ${(error as Error).message}` }]);
  }
}

function parseJsonProperty(r: DocumentReader, text: string | undefined, path: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    r.problem(path, 'holds a property whose value is not JSON');
    return undefined;
  }
}

/** The workflow whose output is the model (our training run), and its path. */
function findWorkflow(r: DocumentReader, doc: Dict): [Dict | undefined, string] {
  const formulas = r.array(doc['formulation'], 'formulation');
  for (let i = 0; i < formulas.length; i++) {
    const workflows = r.array(r.object(formulas[i], `formulation.${i}`)?.['workflows'], `formulation.${i}.workflows`, true);
    for (let j = 0; j < workflows.length; j++) {
      const flow = r.object(workflows[j], `formulation.${i}.workflows.${j}`);
      const outputs = Array.isArray(flow?.['outputs']) ? (flow['outputs'] as unknown[]) : [];
      if (outputs.some((o) => (o as { resource?: { ref?: unknown } } | null)?.resource?.ref === REF.model)) return [flow, `formulation.${i}.workflows.${j}`];
    }
  }
  r.problem('formulation', 'has no workflow whose output is the model (bom-ref "model")');
  return [undefined, 'formulation'];
}

function decodedDict(r: DocumentReader, list: unknown, path: string, key: string, value: string): SafeDict {
  const out = safeDict();
  r.array(list, path, true).forEach((entry, i) => {
    const item = r.object(entry, `${path}.${i}`);
    const name = r.string(item?.[key], `${path}.${i}.${key}`);
    const text = r.string(item?.[value], `${path}.${i}.${value}`);
    if (name !== undefined && text !== undefined) out[name] = decodeValueText(text);
  });
  return out;
}

/**
 * Reads a CycloneDX document written by {@link toCycloneDx} (object or JSON text) back into the training BOM
 * it came from; the round trip is exact (the same wire JSON).
 * @throws {StandardsFormatError} when the document is not one that `toCycloneDx` wrote (paths in the document).
 * @throws {BomValidationError} when what it holds is not a valid training BOM.
 */
export function createTrainingBomFromCycloneDx(input: string | object): TrainingBOM {
  const r = new DocumentReader();
  const doc = r.object(parseDocument(input), '') ?? {};
  if (doc['bomFormat'] !== 'CycloneDX') r.problem('bomFormat', 'must be "CycloneDX"');
  const metadata = r.object(doc['metadata'], 'metadata') ?? {};
  const model = r.object(metadata['component'], 'metadata.component') ?? {};
  const card = r.object(model['modelCard'], 'metadata.component.modelCard') ?? {};
  const params = r.object(card['modelParameters'], 'metadata.component.modelCard.modelParameters') ?? {};
  const components = r.array(doc['components'], 'components');
  const datasetAt = components.findIndex((c) => (c as Dict | null)?.['bom-ref'] === REF.dataset);
  if (datasetAt < 0) r.problem('components', 'has no dataset component (bom-ref "dataset")');
  const dataset = (components[datasetAt] ?? {}) as Dict;
  const [flow, flowPath] = findWorkflow(r, doc);
  const run = flow ?? {};
  const dsPath = `components.${datasetAt}.properties`;
  const size = r.property(dataset['properties'], dsPath, PROPERTY.datasetSize);
  if (size !== undefined && !/^\d+$/.test(size)) r.problem(dsPath, `${PROPERTY.datasetSize} must be a decimal integer, got ${JSON.stringify(size)}`);
  const start = r.property(run['properties'], `${flowPath}.properties`, PROPERTY.startTime) ?? r.string(run['timeStart'], `${flowPath}.timeStart`);
  const end = r.property(run['properties'], `${flowPath}.properties`, PROPERTY.endTime) ?? r.string(run['timeEnd'], `${flowPath}.timeEnd`);
  const inputs = r.array(run['inputs'], `${flowPath}.inputs`, true);
  const paramsAt = inputs.findIndex((i) => Array.isArray((i as Dict | null)?.['parameters']));
  const wire: SafeDict = safeDict();
  wire['id'] = r.string(run['uid'], `${flowPath}.uid`);
  wire['start_time'] = start;
  wire['end_time'] = end;
  wire['dataset_info'] = Object.assign(safeDict(), { origin: r.string(dataset['name'], `components.${datasetAt}.name`) }, size === undefined ? {} : { size: Number(size) });
  wire['feature_info'] = Object.assign(safeDict(), {
    original_features: r.properties(dataset['properties'], dsPath, PROPERTY.originalFeature),
    selected_features: r.properties(model['properties'], 'metadata.component.properties', PROPERTY.selectedFeature),
  });
  wire['model_info'] = Object.assign(safeDict(), {
    type: r.string(params['modelArchitecture'], 'metadata.component.modelCard.modelParameters.modelArchitecture'),
    architecture: r.string(params['architectureFamily'], 'metadata.component.modelCard.modelParameters.architectureFamily'),
  });
  const paramsPath = `${flowPath}.inputs.${paramsAt}.parameters`;
  wire['mlflow_params'] = paramsAt < 0 ? safeDict() : decodedDict(r, (inputs[paramsAt] as Dict)['parameters'], paramsPath, 'name', 'value');
  const analysis = r.object(card['quantitativeAnalysis'], 'metadata.component.modelCard.quantitativeAnalysis', true) ?? {};
  wire['mlflow_metrics'] = decodedDict(r, analysis['performanceMetrics'], 'metadata.component.modelCard.quantitativeAnalysis.performanceMetrics', 'type', 'value');
  const extra = (name: string): unknown => parseJsonProperty(r, r.property(metadata['properties'], 'metadata.properties', name), 'metadata.properties');
  const additional = extra(PROPERTY.additionalValues);
  if (additional !== undefined) wire['additional_values'] = additional;
  for (const section of UNKNOWN_FIELD_SECTIONS) {
    const fields = r.object(extra(unknownFieldsProperty(section)), 'metadata.properties', true);
    if (fields === undefined) continue;
    const target = (section === '' ? wire : wire[section]) as SafeDict;
    for (const key of Object.keys(fields)) if (!(key in target)) target[key] = fields[key];
  }
  r.issues.push(...checkCycloneDxReferences(doc));
  if (r.issues.length > 0) throw new StandardsFormatError('cyclonedx', 'Not a CycloneDX document written by training-bom', r.issues);
  return TrainingBOM.parse(wire);
}
