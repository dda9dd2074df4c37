/**
 * Names of the properties (CycloneDX `properties[]`, SPDX `CdxPropertyEntry`) that carry what the
 * standards have no field for. All live under `training-bom:`, followed by the wire path they hold.
 */
export const PROPERTY = Object.freeze({
  /** The dataset's row count (`dataset_info.size`), in decimal. */
  datasetSize: 'training-bom:dataset_info.size',
  /** One original feature; repeated, in order. */
  originalFeature: 'training-bom:feature_info.original_features',
  /** One selected feature; repeated, in order. */
  selectedFeature: 'training-bom:feature_info.selected_features',
  /** The model's architecture (`model_info.architecture`); SPDX only, CycloneDX has `architectureFamily`. */
  architecture: 'training-bom:model_info.architecture',
  /** Prefix of one hyperparameter: the key follows it. */
  paramPrefix: 'training-bom:mlflow_params.',
  /** The start time as the BOM wrote it, when the standard's normalised time differs from it. */
  startTime: 'training-bom:start_time',
  /** The end time as the BOM wrote it, when the standard's normalised time differs from it. */
  endTime: 'training-bom:end_time',
  /** `additional_values` as JSON text (present only when the BOM has it). */
  additionalValues: 'training-bom:additional_values',
  /** A model artifact's size in bytes (`additional_values.model_artifacts.*.bytes`), in decimal. */
  artifactBytes: 'training-bom:model_artifacts.bytes',
});

/** The sections whose unknown fields are kept: `''` is the document itself. */
export const UNKNOWN_FIELD_SECTIONS = Object.freeze(['', 'dataset_info', 'feature_info', 'model_info'] as const);

/** One of {@link UNKNOWN_FIELD_SECTIONS}. */
export type UnknownFieldSection = (typeof UNKNOWN_FIELD_SECTIONS)[number];

/** The property holding a section's unknown fields as a JSON object (`training-bom:dataset_info.unknown_fields`). */
export function unknownFieldsProperty(section: UnknownFieldSection): string {
  return section === '' ? 'training-bom:unknown_fields' : `training-bom:${section}.unknown_fields`;
}
