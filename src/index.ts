/**
 * training-bom: a Bill of Materials for every machine-learning training run.
 * This module is the package's whole public surface.
 */
export { TrainingBOM } from './models/training-bom';
export type { TrainingBOMInit } from './models/training-bom';
export type { TrainingBomWire } from './models/training-bom-wire';
export { DatasetInfo } from './models/dataset-info';
export type { DatasetInfoInit } from './models/dataset-info';
export { FeatureInfo } from './models/feature-info';
export type { FeatureInfoInit } from './models/feature-info';
export { ModelInfo } from './models/model-info';
export type { ModelInfoInit } from './models/model-info';
export type { JsonDict, JsonValue } from './core/json-types';
export type { ParseOptions } from './serialization/parse';
export { TrainingBomError, BomValidationError, TrackerStateError, InvalidArgumentError } from './errors';
export type { ValidationIssue, TrainingBomErrorCode } from './errors';
export { TrainingWorkflowTracker } from './tracker/training-workflow-tracker';
export type { TrainingWorkflowTrackerOptions, TrackerState } from './tracker/training-workflow-tracker';
export type { MetricHistory } from './tracker/metric-series';
export type { TrackerSink, RunStart, SinkErrorHandler } from './events/tracker-sink';
export type { Clock } from './core/clock';
export type { Logger } from './core/logger';
export { MlflowError, MlflowConnectionError } from './errors';
export type { MlflowErrorCode, MlflowCallInfo } from './errors';
export { MlflowClient } from './mlflow/client/mlflow-client';
export type { MlflowClientOptions } from './mlflow/client/mlflow-config';
export type {
  MlflowRunStatus, MlflowViewType, MlflowKeyValue, MlflowMetric, MlflowExperiment, MlflowRunInfo, MlflowDataset,
  MlflowDatasetInput, MlflowRun, MlflowFileInfo, MlflowRegisteredModel, MlflowModelVersion, MlflowPage,
  MlflowCreateRunRequest, MlflowUpdateRunRequest, MlflowSearchRunsRequest, MlflowLogBatchRequest,
  MlflowCreateModelVersionRequest,
} from './mlflow/client/types';
export { MlflowRunSink } from './mlflow/sink/mlflow-run-sink';
export type { MlflowRunSinkOptions, MlflowRunSinkStats } from './mlflow/sink/mlflow-run-sink';
export { createTrainingBomFromMlflow } from './mlflow/bom/create-training-bom-from-mlflow';
export type { CreateTrainingBomFromMlflowOptions } from './mlflow/bom/create-training-bom-from-mlflow';
export type { BomTimestampFormat } from './mlflow/bom/bom-from-run';
export type { MlflowClientChoice } from './mlflow/client/with-mlflow-client';
export { StandardsFormatError } from './errors';
export type { StandardsErrorCode } from './errors';
export { toCycloneDx } from './standards/cyclonedx/to-cyclonedx';
export type { CycloneDxExportOptions } from './standards/cyclonedx/to-cyclonedx';
export type { CycloneDxSpecVersion } from './standards/cyclonedx/cyclonedx-envelope';
export { fromCycloneDx } from './standards/cyclonedx/from-cyclonedx';
export type {
  CycloneDxDocument, CycloneDxComponent, CycloneDxComponentData, CycloneDxModelCard, CycloneDxPerformanceMetric,
  CycloneDxProperty, CycloneDxRef, CycloneDxFormula, CycloneDxWorkflow, CycloneDxWorkflowIo, CycloneDxParameter,
  CycloneDxDependency,
} from './standards/cyclonedx/cyclonedx-types';
export { linkBomToModelVersion } from './mlflow/bom/link-bom-to-model-version';
export type { LinkBomToModelVersionOptions, ModelVersionBomLink } from './mlflow/bom/link-bom-to-model-version';
export { trainingBomForModelVersion } from './mlflow/bom/training-bom-for-model-version';
export { toSpdx3 } from './standards/spdx3/to-spdx3';
export type { Spdx3ExportOptions } from './standards/spdx3/to-spdx3';
export type { Spdx3Document, Spdx3GraphObject } from './standards/spdx3/spdx3-types';
export { trainingBomJsonSchema } from './standards/training-bom-json-schema';
export { compareBoms } from './reproducibility/comparison/compare-boms';
export type {
  BomComparison, CompareBomsOptions, DictComparison, FeatureComparison, FeatureListComparison, FieldChange, KeyedChange,
  KeyedValue, MetricChange, MetricComparison,
} from './reproducibility/comparison/bom-comparison';
export { DatasetAccessError } from './errors';
export type { DatasetErrorCode, DatasetAccessReason } from './errors';
export { inspectDataset } from './reproducibility/dataset/inspect-dataset';
export type { InspectDatasetOptions } from './reproducibility/dataset/inspect-dataset-options';
export type { DatasetInspection, HttpCheck } from './reproducibility/dataset/dataset-inspection';
export type { DatasetFormat } from './reproducibility/dataset/dataset-format';
export { hashPath } from './reproducibility/dataset/hash-path';
export type { PathDigest } from './reproducibility/dataset/hash-path';
export { captureEnvironment } from './reproducibility/environment/capture-environment';
export type { EnvironmentInfo, GitInfo, LockfileInfo, CaptureEnvironmentOptions } from './reproducibility/environment/environment-info';
export { isMlPackage } from './reproducibility/environment/is-ml-package';
export type { MetricAnomaly, AnomalyRule, AnomalyOptions, MetricFilter, DivergenceRule, PlateauRule } from './reproducibility/plugins/metric-anomaly';
export { checkFeatureConsistency } from './reproducibility/comparison/check-feature-consistency';
export type {
  FeatureConsistencyReport, RunConsistency, DigestComparison, CheckFeatureConsistencyOptions,
} from './reproducibility/comparison/feature-consistency';
export type { BomStore } from './store/bom-store';
export type { BomSummary } from './store/bom-summary';
export type { BomListOptions } from './store/select-summaries';
export { FileBomStore } from './store/file-bom-store';
export { storeFileName } from './core/store-file-name';
export { defaultStoreDirectory } from './core/default-store-directory';
export { tfjsTrackerCallback } from './tfjs/tfjs-tracker-callback';
export type { TfjsCallbackConfig, TfjsCustomCallbackConstructor, TfjsCustomCallbackModule, TfjsLogs, TfjsTrackerCallbackOptions } from './tfjs/tfjs-tracker-callback';
export { MlflowBomStore } from './store/mlflow-bom-store';
export type { MlflowBomStoreOptions } from './store/mlflow-bom-store';
export { REDACTED } from './core/redaction';
export { DEFAULT_SECRET_PARAM_PATTERN } from './core/secret-names';
export type { SecretParamRule } from './core/secret-names';
export { DEFAULT_MAX_INPUT_BYTES, MAX_KEY_LENGTH, MAX_STRING_LENGTH, MAX_FEATURES } from './validation/limits';
export { MAX_JSON_DEPTH } from './validation/json-value';
export { JournalError } from './errors';
export type { JournalErrorCode } from './errors';
export type { JournalOptions } from './journal/journal-options';
export type { SinkJournal, JournaledPoint } from './journal/sink-journal';
export type { JournalSinkState } from './journal/journal-state';
export type { SinkDeliveryReport, CloseReport } from './events/tracker-sink';
export type { RecoveryResult } from './tracker/restore-run';
