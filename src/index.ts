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
export type { JsonDict, JsonValue } from './models/metadata';
export type { ParseOptions } from './serialization/parse';
export { TrainingBomError, BomValidationError, TrackerStateError, InvalidArgumentError } from './errors';
export type { ValidationIssue, TrainingBomErrorCode } from './errors';
