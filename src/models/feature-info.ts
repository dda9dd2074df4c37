import '../core/json-types';
import { Expose } from '../serialization/class-transformer-decorators';
import { STRICT } from '../validation/messages';
import { IsStringArray } from '../validation/is-string-array';
import { IsSubsetOf } from '../validation/is-subset-of';
import { initSection } from './section-init';

/** Constructor options of {@link FeatureInfo}. */
export interface FeatureInfoInit {
  /** Every feature the data offered; defaults to `[]`. */
  originalFeatures?: string[];
  /** The features the model was trained on; defaults to `[]`. */
  selectedFeatures?: string[];
}

/** Feature engineering: the original features and the ones selected for training (`feature_info`). */
export class FeatureInfo {
  /** Every feature the data offered. */
  @Expose({ name: 'original_features' })
  @IsStringArray()
  originalFeatures: string[] = [];

  /** The features the model was trained on; in strict mode a subset of `originalFeatures`. */
  @Expose({ name: 'selected_features' })
  @IsStringArray()
  @IsSubsetOf('originalFeatures', 'original_features', STRICT)
  selectedFeatures: string[] = [];

  /** @throws {BomValidationError} when `init` is given and invalid. */
  constructor(init?: FeatureInfoInit) {
    if (init !== undefined) initSection(this, FeatureInfo, init);
  }
}
