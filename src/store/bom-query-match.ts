import { ownChild } from '../core/json-child';
import { paramText } from '../mlflow/bom/conventions';
import { sweepParentOf } from '../mlflow/bom/query-index';
import type { TrainingBOM } from '../models/training-bom';
import { bomTimeMs } from './bom-time-ms';
import type { MetricCondition, NormalizedBomQuery } from './bom-query';

/** `additional_values.dataset.digest` when it is a string, else undefined. */
export function bomDatasetDigest(bom: TrainingBOM): string | undefined {
  const digest = ownChild(ownChild(bom.additionalValues, 'dataset'), 'digest');
  return typeof digest === 'string' ? digest : undefined;
}

/** `mlflow_metrics[key]` when it is a finite number (the only values a metric condition or order reads). */
export function bomMetric(bom: TrainingBOM, key: string): number | undefined {
  const value = bom.mlflowMetrics[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Whether `actual <op> condition.value` holds. */
export function meetsCondition(actual: number, condition: MetricCondition): boolean {
  switch (condition.op) {
    case '>=': return actual >= condition.value;
    case '>': return actual > condition.value;
    case '<=': return actual <= condition.value;
    case '<': return actual < condition.value;
    case '=': return actual === condition.value;
    case '!=': return actual !== condition.value;
  }
}

/**
 * Whether a BOM matches a normalized query: the reference semantics every store's `query` must give
 * (the file store's index and MLflow's search are tested against it). Paging and order are not part of it.
 */
export function bomMatchesQuery(bom: TrainingBOM, query: NormalizedBomQuery): boolean {
  if (query.datasetDigest !== undefined && bomDatasetDigest(bom) !== query.datasetDigest) return false;
  if (query.datasetOrigin !== undefined && bom.datasetInfo.origin !== query.datasetOrigin) return false;
  if (query.features.length > 0) {
    const used = new Set([...bom.featureInfo.originalFeatures, ...bom.featureInfo.selectedFeatures]);
    if (!query.features.every((f) => used.has(f))) return false;
  }
  if (query.modelType !== undefined && bom.modelInfo.type !== query.modelType) return false;
  if (query.modelArchitecture !== undefined && bom.modelInfo.architecture !== query.modelArchitecture) return false;
  for (const [key, value] of query.params) {
    if (!Object.hasOwn(bom.mlflowParams, key) || paramText(bom.mlflowParams[key]) !== value) return false;
  }
  for (const condition of query.metrics) {
    const actual = bomMetric(bom, condition.key);
    if (actual === undefined || !meetsCondition(actual, condition)) return false;
  }
  if (query.sinceMs !== undefined || query.untilMs !== undefined) {
    const start = bomTimeMs(bom.startTime);
    if (start === undefined) return false;
    if (query.sinceMs !== undefined && start < query.sinceMs) return false;
    if (query.untilMs !== undefined && start >= query.untilMs) return false;
  }
  if (query.sweep !== undefined && sweepParentOf(bom) !== query.sweep) return false;
  return true;
}
