/**
 * training-bom: a Bill of Materials for every machine-learning training run.
 * This module is the package's whole public surface.
 */
export { TrainingBOM, type TrainingBOMInit } from './models/training-bom';
export type { TrainingBomWire } from './models/training-bom-wire';
export { DatasetInfo, type DatasetInfoInit } from './models/dataset-info';
export { FeatureInfo, type FeatureInfoInit } from './models/feature-info';
export { ModelInfo, type ModelInfoInit } from './models/model-info';
export { modelArtifactsOf, type ModelArtifact } from './models/model-artifact';
export type { JsonDict, JsonValue } from './core/json-types';
export type { ParseOptions } from './serialization/parse';
export {
  TrainingBomError, BomValidationError, TrackerStateError, InvalidArgumentError,
  type ValidationIssue, type TrainingBomErrorCode,
} from './errors';
export { TrainingWorkflowTracker, type TrainingWorkflowTrackerOptions, type TrackerState } from './tracker/training-workflow-tracker';
export type { MetricHistory } from './tracker/metric-series';
export type { MetricHistoryOptions } from './tracker/history-budget';
export type { TrackerSink, SinkErrorHandler } from './events/tracker-sink';
export type {
  RunEvent, RunEventType, RunEventSubscriber, RunStartEvent, EnvironmentEvent, DatasetEvent, FeaturesEvent, ModelEvent, ParamsEvent,
  SeedEvent, DataQualityEvent, ArtifactEvent, RanksEvent, SweepEvent, MetricPointEvent, FinalizeEvent,
} from './events/run-event';
export type { Clock } from './core/clock';
export type { Logger } from './core/logger';
export {
  MlflowError, MlflowConnectionError, MlflowUnavailableError, type MlflowErrorCode, type MlflowCallInfo, type MlflowConnectionReason,
  type MlflowUnavailableErrorCode,
} from './errors';
export { MlflowClient } from './mlflow/client/mlflow-client';
export type { MlflowClientOptions, MlflowRetryNotice } from './mlflow/client/mlflow-config';
export type {
  MlflowRunStatus, MlflowViewType, MlflowKeyValue, MlflowMetric, MlflowExperiment, MlflowRunInfo, MlflowDataset,
  MlflowDatasetInput, MlflowRun, MlflowFileInfo, MlflowRegisteredModel, MlflowModelVersion, MlflowPage,
  MlflowCreateRunRequest, MlflowUpdateRunRequest, MlflowSearchRunsRequest, MlflowSearchModelVersionsRequest, MlflowLogBatchRequest,
  MlflowCreateModelVersionRequest,
} from './mlflow/client/types';
export { MlflowRunSink, type MlflowRunSinkOptions, type MlflowRunSinkStats } from './mlflow/sink/mlflow-run-sink';
export {
  startSweep, sweepSummary, finishSweep, SWEEP_TAGS, SWEEP_ARTIFACT,
  type StartSweepOptions, type SweepRun, type SweepTrial, type SweepSummary, type SweepSummaryOptions, type SweepGoal,
} from './mlflow/sweep';
export type { DistributedRunOptions } from './mlflow/sink/distributed';
export type { DistributedRunReport, RankReport, RankEnvironment, RankStatus } from './models/distributed-run';
export { createTrainingBomFromMlflow, type CreateTrainingBomFromMlflowOptions, type MlflowBomWithAttestation } from './mlflow/bom/create-training-bom-from-mlflow';
export type { BomTimestampFormat } from './mlflow/bom/bom-from-run';
export type { MlflowClientChoice } from './mlflow/client/with-mlflow-client';
export { StandardsFormatError, type StandardsErrorCode } from './errors';
export { toCycloneDx, type CycloneDxExportOptions } from './standards/cyclonedx/to-cyclonedx';
export type { CycloneDxSpecVersion } from './standards/cyclonedx/cyclonedx-envelope';
export { createTrainingBomFromCycloneDx } from './standards/cyclonedx/create-training-bom-from-cyclonedx';
export type {
  CycloneDxDocument, CycloneDxComponent, CycloneDxComponentData, CycloneDxModelCard, CycloneDxPerformanceMetric,
  CycloneDxProperty, CycloneDxRef, CycloneDxFormula, CycloneDxWorkflow, CycloneDxWorkflowIo, CycloneDxParameter,
  CycloneDxDependency, CycloneDxHash,
} from './standards/cyclonedx/cyclonedx-types';
export { linkBomToModelVersion, type LinkBomToModelVersionOptions, type ModelVersionBomLink } from './mlflow/bom/link-bom-to-model-version';
export { createTrainingBomFromModelVersion } from './mlflow/bom/create-training-bom-from-model-version';
export { toSpdx3, type Spdx3ExportOptions } from './standards/spdx3/to-spdx3';
export type { Spdx3Document, Spdx3GraphObject } from './standards/spdx3/spdx3-types';
export { trainingBomJsonSchema } from './standards/training-bom-json-schema';
export { compareBoms } from './reproducibility/comparison/compare-boms';
export type {
  BomComparison, CompareBomsOptions, DictComparison, FeatureComparison, FeatureListComparison, FieldChange, KeyedChange,
  KeyedValue, MetricChange, MetricComparison,
} from './reproducibility/comparison/bom-comparison';
export { DatasetAccessError, type DatasetErrorCode, type DatasetAccessReason } from './errors';
export { inspectDataset } from './reproducibility/dataset/inspect-dataset';
export type { InspectDatasetOptions } from './reproducibility/dataset/inspect-dataset-options';
export type { DatasetInspection, HttpCheck } from './models/dataset-inspection';
export type { DatasetFormat } from './reproducibility/dataset/dataset-format';
export { hashPath, type PathDigest } from './reproducibility/dataset/hash-path';
export { hashModelArtifacts, type ModelArtifactOptions } from './reproducibility/artifacts/hash-model-artifacts';
export { captureEnvironment } from './reproducibility/environment/capture-environment';
export type { EnvironmentInfo, GitInfo, LockfileInfo, CaptureEnvironmentOptions } from './models/environment-info';
export { isMlPackage } from './reproducibility/environment/is-ml-package';
export type { MetricAnomaly, AnomalyRule, AnomalyOptions, MetricFilter, DivergenceRule, PlateauRule } from './reproducibility/plugins/metric-anomaly';
export { checkFeatureConsistency } from './reproducibility/comparison/check-feature-consistency';
export type {
  FeatureConsistencyReport, RunConsistency, DigestComparison, CheckFeatureConsistencyOptions,
} from './reproducibility/comparison/feature-consistency';
export type { BomStore, BomStorePutOptions } from './store/bom-store';
export type { BomSummary } from './store/bom-summary';
export type { BomListOptions } from './store/select-summaries';
export type { BomQuery, BomQueryOrder, BomQueryPage, MetricCondition, MetricOperator, ParamValue } from './store/bom-query';
export { FileBomStore, type FileBomStorePutOptions } from './store/file-bom-store';
export { HistoryFormatError, type HistoryErrorCode } from './errors';
export { encodeMetricHistories, type HistoryBinding } from './store/history/encode-history';
export { decodeMetricHistories, type DecodedHistory, type DecodeHistoryOptions } from './store/history/decode-history';
export { defaultStoreDirectory } from './core/default-store-directory';
export {
  tfjsTrackerCallback, type TfjsCallbackConfig, type TfjsCustomCallbackConstructor, type TfjsCustomCallbackModule,
  type TfjsLogs, type TfjsTrackerCallbackOptions,
} from './tfjs/tfjs-tracker-callback';
export { MlflowBomStore, type MlflowBomStoreOptions, type ReindexOptions, type ReindexReport } from './store/mlflow-bom-store';
export { REDACTED } from './core/redaction';
export { DEFAULT_SECRET_PARAM_PATTERN, type SecretParamRule } from './core/secret-names';
export { DEFAULT_MAX_INPUT_BYTES, MAX_KEY_LENGTH, MAX_STRING_LENGTH, MAX_FEATURES } from './validation/limits';
export { MAX_JSON_DEPTH } from './validation/json-value';
export { JournalError, type JournalErrorCode } from './errors';
export type { JournalOptions } from './journal/journal-options';
export type { SinkDeliveryReport, CloseReport, SinkWaitOptions } from './events/tracker-sink';
export type { RecoveryResult } from './tracker/recovery';
export { renderReport } from './report/render-report';
export { renderModelCard } from './report/model-card';
export type { ReportRun, ReportAttestation, RenderReportOptions } from './report/report-run';
export { AttestationError, type AttestationErrorCode, type AttestationFailure } from './errors';
export type { DsseEnvelope, DsseSignature } from './models/dsse-envelope';
export { signBom, type SignBomOptions } from './attestation/sign-bom';
export { verifyAttestation, type VerifyAttestationOptions, type VerifiedAttestation } from './attestation/verify-attestation';
export type { CheckedArtifact } from './attestation/match-artifacts';
export { keyIdOf, type AttestationKeyInput, type KeyAlgorithm } from './attestation/attestation-key';
export { generateAttestationKeyPair, type AttestationKeyPair } from './attestation/generate-key-pair';
export { preAuthEncoding } from './attestation/pae';
export { DEFAULT_MAX_ENVELOPE_BYTES } from './attestation/read-envelope';
export { DEFAULT_BUILDER_ID } from './attestation/slsa-predicate';
export {
  IN_TOTO_PAYLOAD_TYPE, IN_TOTO_STATEMENT_TYPE, TRAINING_BOM_PREDICATE_TYPE, SLSA_PROVENANCE_PREDICATE_TYPE, CYCLONEDX_PREDICATE_TYPE, TRAINING_RUN_BUILD_TYPE,
  type AttestationPredicate, type PredicateBuilder, type PredicateChoice, type PredicateName, type AttestationSubject, type StatementSubject, type InTotoStatement,
} from './attestation/attestation-types';
// Loading this module also registers the 'cyclonedx' predicate by name for signBom and the tracker's `sign`.
export { cycloneDxPredicate } from './standards/cyclonedx/cyclonedx-predicate';
export { attestationStatus, type AttestationStatus } from './attestation/attestation-status';
export { mlflowAttestationStatus, type MlflowAttestationOptions, type MlflowAttestationStatus } from './mlflow/bom/mlflow-attestation';
export type { MlflowAttestationCheck, RunAttestation } from './mlflow/bom/run-attestation';
export type { TrackerSigning } from './tracker/tracker-options';
export { datasetLineage, type DatasetLineageOptions } from './governance/lineage/dataset-lineage';
export { modelLineage, parseModelVersionRef, type ModelLineageOptions, type ModelVersionRef } from './governance/lineage/model-lineage';
export type {
  DatasetLineage, LineageDataset, LineageRun, LineageSignature, LineageSweep, LinkedModelVersion, ModelLineage, ModelVersionLinkKind,
  RegisteredModelVersion, RegistryConsulted,
} from './governance/lineage/lineage-types';
// Governance: which items of a framework (EU AI Act Annex IV, NIST AI RMF) a BOM answers (docs/governance.md).
export { assessEvidence } from './governance/assess-evidence';
export { evidenceFrameworks, evidenceFramework } from './governance/evidence-framework';
export type {
  AssessEvidenceOptions, EvidenceAssessment, EvidenceCheckResult, EvidenceField, EvidenceFramework, EvidenceFrameworkItem, EvidenceItemResult,
  EvidenceNotCovered, EvidenceStatus,
} from './governance/evidence-types';
