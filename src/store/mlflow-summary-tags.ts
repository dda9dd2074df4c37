/**
 * Tags an {@link MlflowBomStore} sets on the runs it creates, so `list` can summarise BOMs from one search
 * without downloading each artifact. Runs mirrored by MlflowRunSink lack them; their params
 * (`model_type`, `dataset_path`, …) and start and end times stand in.
 */
export const SUMMARY_TAGS = Object.freeze({
  startTime: 'training_bom.start_time',
  endTime: 'training_bom.end_time',
  modelType: 'training_bom.model_type',
  modelArchitecture: 'training_bom.model_architecture',
  datasetOrigin: 'training_bom.dataset_origin',
});
