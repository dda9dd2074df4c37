import type { JsonDict } from '../../core/json-types';
import { dictEntries, type BomParts } from '../bom-parts';
import { REF } from './cyclonedx-envelope';
import type { CycloneDxDocument, CycloneDxModelCard, CycloneDxProperty, CycloneDxWorkflow } from './cyclonedx-types';
import { isIriReference } from '../iri';
import { PROPERTY } from '../property-names';
import { rfc3339Utc } from '../timestamps';
import { encodeValueText, jsonTypeOf } from '../value-text';

const TASKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/classif/i, 'classification'],
  [/regress/i, 'regression'],
  [/cluster|k-?means/i, 'clustering'],
];

/** The learning task read off a model type (`RandomForestClassifier` → `classification`), if it names one. */
export function taskOf(modelType: string): string | undefined {
  return TASKS.find(([pattern]) => pattern.test(modelType))?.[1];
}

function modelCard(parts: BomParts): CycloneDxModelCard {
  const { model_info: model, mlflow_params: params, mlflow_metrics: metrics } = parts.wire;
  const task = taskOf(model.type);
  const card: CycloneDxModelCard = {
    modelParameters: {
      ...(task === undefined ? {} : { task }),
      architectureFamily: model.architecture,
      modelArchitecture: model.type,
      datasets: [{ ref: REF.dataset }],
    },
  };
  const metricEntries = dictEntries(metrics);
  if (metricEntries.length > 0) {
    card.quantitativeAnalysis = { performanceMetrics: metricEntries.map(([type, v]) => ({ type, value: encodeValueText(v) })) };
  }
  const paramEntries = dictEntries(params);
  if (paramEntries.length > 0) {
    card.properties = paramEntries.map(([key, v]) => ({ name: `${PROPERTY.paramPrefix}${key}`, value: encodeValueText(v) }));
  }
  return card;
}

function workflow(parts: BomParts, params: JsonDict): CycloneDxWorkflow {
  const flow: CycloneDxWorkflow = { 'bom-ref': REF.trainingRun, uid: parts.wire.id, taskTypes: ['build'] };
  const parameters = dictEntries(params).map(([name, v]) => ({ name, value: encodeValueText(v), dataType: jsonTypeOf(v) }));
  flow.inputs = [{ resource: { ref: REF.dataset } }, ...(parameters.length > 0 ? [{ parameters }] : [])];
  flow.outputs = [{ type: 'artifact', resource: { ref: REF.model } }];
  const props: CycloneDxProperty[] = [];
  const time = (raw: string, micros: number | undefined, key: 'timeStart' | 'timeEnd', name: string): void => {
    const normalised = micros === undefined ? undefined : rfc3339Utc(micros);
    if (normalised !== undefined) flow[key] = normalised;
    if (normalised !== raw) props.push({ name, value: raw });
  };
  time(parts.wire.start_time, parts.startMicros, 'timeStart', PROPERTY.startTime);
  time(parts.wire.end_time, parts.endMicros, 'timeEnd', PROPERTY.endTime);
  if (props.length > 0) flow.properties = props;
  return flow;
}

/**
 * Adds what the CycloneDX library has no model for: the model card (architecture, dataset reference,
 * metrics, hyperparameters), the dataset's `data[]` entry, and the training run as a `formulation` workflow.
 */
export function addMachineLearning(doc: CycloneDxDocument, parts: BomParts): void {
  const model = doc.metadata?.component;
  const dataset = doc.components?.find((c) => c['bom-ref'] === REF.dataset);
  if (model === undefined || dataset === undefined) throw new Error('the CycloneDX envelope lost the model or the dataset');
  model.modelCard = modelCard(parts);
  const origin = parts.wire.dataset_info.origin;
  dataset.data = [{ type: 'dataset', name: origin, ...(isIriReference(origin) ? { contents: { url: origin } } : {}) }];
  doc.formulation = [{ 'bom-ref': REF.formulation, workflows: [workflow(parts, parts.wire.mlflow_params)] }];
}
