import '../core/json-types';
import { Expose } from '../serialization/class-transformer-decorators';
import { IsUnicodeString } from '../validation/is-unicode-string';
import { initSection } from './section-init';

/** Constructor options of {@link ModelInfo}. */
export interface ModelInfoInit {
  /** Model type, e.g. `RandomForestClassifier`. */
  type: string;
  /** Architecture family, e.g. `ensemble_tree_based`. */
  architecture: string;
}

/** The model trained: its type and architecture (`model_info`). */
export class ModelInfo {
  /** Model type, e.g. `RandomForestClassifier`. */
  @Expose({ name: 'type' })
  @IsUnicodeString()
  type!: string;

  /** Architecture family, e.g. `ensemble_tree_based`. */
  @Expose({ name: 'architecture' })
  @IsUnicodeString()
  architecture!: string;

  /** @throws {BomValidationError} when `init` is given and invalid. */
  constructor(init?: ModelInfoInit) {
    if (init !== undefined) initSection(this, ModelInfo, init);
  }
}
