import '../core/json-types';
import { Expose, Type } from '../serialization/class-transformer-decorators';
import { IsInstance, IsOptional, ValidateNested } from '../validation/class-validator-core';
import { NonFiniteAsString } from '../validation/wire-schema';
import { parseBom, type ParseOptions } from '../serialization/parse';
import { toWire, toWireText } from '../serialization/to-wire';
import { expected, STRICT } from '../validation/messages';
import { IsIsoTimestamp } from '../validation/is-iso-timestamp';
import { IsJsonDict } from '../validation/is-json-dict';
import { IsNotBefore } from '../validation/is-not-before';
import { HasFiniteNumberValues } from '../validation/has-finite-number-values';
import { HasReproducibilityFacts } from '../validation/has-reproducibility-facts';
import { DatasetInfo as DatasetInfoClass, type DatasetInfoInit } from './dataset-info';
import { FeatureInfo as FeatureInfoClass, type FeatureInfoInit } from './feature-info';
import { ModelInfo as ModelInfoClass, type ModelInfoInit } from './model-info';
import type { JsonDict } from '../core/json-types';
import { IsUnicodeString } from '../validation/is-unicode-string';
import { initSection } from './section-init';
import type { TrainingBomWire } from './training-bom-wire';

/** Constructor options of {@link TrainingBOM}; sections may be instances or their init objects. */
export interface TrainingBOMInit {
  /** Training run identifier (`id`). */
  id: string;
  /** Start timestamp (`start_time`), ISO 8601 recommended. */
  startTime: string;
  /** End timestamp (`end_time`). */
  endTime: string;
  /** Dataset section (`dataset_info`). */
  datasetInfo: DatasetInfoClass | DatasetInfoInit;
  /** Feature section (`feature_info`). */
  featureInfo: FeatureInfoClass | FeatureInfoInit;
  /** Model section (`model_info`). */
  modelInfo: ModelInfoClass | ModelInfoInit;
  /** Training parameters (`mlflow_params`). */
  mlflowParams: JsonDict;
  /** Metric values (`mlflow_metrics`). */
  mlflowMetrics: JsonDict;
  /** Extra facts (`additional_values`), omitted from the wire when absent. */
  additionalValues?: JsonDict;
}

/** A Bill of Materials for one training run, field for field the Python reference's `TrainingBOM`. */
export class TrainingBOM {
  /** The dataset section's class (`TrainingBOM.DatasetInfo === DatasetInfo`). */
  static readonly DatasetInfo = DatasetInfoClass;
  /** The feature section's class (`TrainingBOM.FeatureInfo === FeatureInfo`). */
  static readonly FeatureInfo = FeatureInfoClass;
  /** The model section's class (`TrainingBOM.ModelInfo === ModelInfo`). */
  static readonly ModelInfo = ModelInfoClass;

  /** Training run identifier. */
  @Expose({ name: 'id' })
  @IsUnicodeString()
  id!: string;

  /** When training started (ISO 8601 from the tracker; any string in lax mode). */
  @Expose({ name: 'start_time' })
  @IsUnicodeString()
  @IsIsoTimestamp(STRICT)
  startTime!: string;

  /** When training ended (not before `startTime` in strict mode). */
  @Expose({ name: 'end_time' })
  @IsUnicodeString()
  @IsIsoTimestamp(STRICT)
  @IsNotBefore('startTime', 'start_time', STRICT)
  endTime!: string;

  /** The dataset section. */
  @Expose({ name: 'dataset_info' })
  @ValidateNested()
  @Type(() => DatasetInfoClass)
  @IsInstance(DatasetInfoClass, { message: expected('an object with origin and size') })
  datasetInfo!: DatasetInfoClass;

  /** The feature section. */
  @Expose({ name: 'feature_info' })
  @ValidateNested()
  @Type(() => FeatureInfoClass)
  @IsInstance(FeatureInfoClass, { message: expected('an object with original_features and selected_features') })
  featureInfo!: FeatureInfoClass;

  /** The model section. */
  @Expose({ name: 'model_info' })
  @ValidateNested()
  @Type(() => ModelInfoClass)
  @IsInstance(ModelInfoClass, { message: expected('an object with type and architecture') })
  modelInfo!: ModelInfoClass;

  /** Training parameters (free-form JSON values, as MLflow params). */
  @Expose({ name: 'mlflow_params' })
  @IsJsonDict()
  mlflowParams!: JsonDict;

  /** Latest metric values (free-form JSON values; finite numbers in strict mode). */
  @Expose({ name: 'mlflow_metrics' })
  @NonFiniteAsString()
  @IsJsonDict()
  @HasFiniteNumberValues(STRICT)
  mlflowMetrics!: JsonDict;

  /** Extra facts (environment, data quality, …); absent from the wire unless set. Ignored by the reference. */
  @Expose({ name: 'additional_values' })
  @IsOptional()
  @IsJsonDict()
  @HasReproducibilityFacts(STRICT)
  additionalValues?: JsonDict;

  /** @throws {@link BomValidationError} when `init` is given and invalid (like pydantic's constructor). */
  constructor(init?: TrainingBOMInit) {
    if (init !== undefined) initSection(this, TrainingBOM, init);
  }

  /**
   * Parses and validates a BOM from JSON text (string or UTF-8 bytes) or an already-parsed plain object.
   * @throws {BomValidationError} with wire paths when the input is not a valid BOM.
   */
  static parse(input: string | Uint8Array | object, options?: ParseOptions): TrainingBOM {
    return parseBom(TrainingBOM, input, options);
  }

  /** The wire form (snake_case keys, Python-reference layout); `JSON.stringify(bom)` uses it. */
  toJSON(): TrainingBomWire {
    return toWire(this) as unknown as TrainingBomWire;
  }

  /** The wire JSON text; with `indent` 2 it matches pydantic's `model_dump_json(indent=2)`. */
  toJSONString(indent?: number): string {
    return toWireText(this, indent);
  }
}

/** Type aliases so `TrainingBOM.DatasetInfo` also works in type positions. */
export declare namespace TrainingBOM {
  /** The dataset section's type. */
  type DatasetInfo = DatasetInfoClass;
  /** The feature section's type. */
  type FeatureInfo = FeatureInfoClass;
  /** The model section's type. */
  type ModelInfo = ModelInfoClass;
}
