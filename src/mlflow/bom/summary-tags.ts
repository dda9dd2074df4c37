import type { TrainingBOM } from '../../models/training-bom';
import type { MlflowKeyValue } from '../client/types';
import { MLFLOW_LIMITS } from './conventions';

/**
 * Tags that let a store summarise a BOM run from one search without downloading its artifact: set by
 * `MlflowBomStore.put` and, since the query index, by MlflowRunSink when the run finalizes. Runs mirrored
 * by older versions lack them; their params (`model_type`, `dataset_path`, …) and times stand in.
 */
export const SUMMARY_TAGS = Object.freeze({
  startTime: 'training_bom.start_time',
  endTime: 'training_bom.end_time',
  modelType: 'training_bom.model_type',
  modelArchitecture: 'training_bom.model_architecture',
  datasetOrigin: 'training_bom.dataset_origin',
});

/** The summary tags of a BOM, each value cut at MLflow's tag limit. */
export function summaryTagsOf(bom: TrainingBOM): MlflowKeyValue[] {
  return [
    [SUMMARY_TAGS.startTime, bom.startTime], [SUMMARY_TAGS.endTime, bom.endTime], [SUMMARY_TAGS.modelType, bom.modelInfo.type],
    [SUMMARY_TAGS.modelArchitecture, bom.modelInfo.architecture], [SUMMARY_TAGS.datasetOrigin, bom.datasetInfo.origin],
  ].map(([key, value]) => ({ key, value: value.slice(0, MLFLOW_LIMITS.tagValueLength) }));
}
