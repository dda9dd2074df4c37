import '../core/json-types';
import { Expose } from '../serialization/class-transformer-decorators';
import { IsSafeNonNegativeInt } from '../validation/is-safe-non-negative-int';
import { IsUnicodeString } from '../validation/is-unicode-string';
import { initSection } from './section-init';

/** Constructor options of {@link DatasetInfo}. */
export interface DatasetInfoInit {
  /** Where the data came from (URI or path). */
  origin: string;
  /** Number of records; defaults to 0. */
  size?: number;
}

/** The training dataset: where it came from and how many records it holds (`dataset_info`). */
export class DatasetInfo {
  /** Where the data came from (URI or path). */
  @Expose({ name: 'origin' })
  @IsUnicodeString()
  origin!: string;

  /** Number of records (a non-negative safe integer); 0 when unknown. */
  @Expose({ name: 'size' })
  @IsSafeNonNegativeInt()
  size: number = 0;

  /** @throws {BomValidationError} when `init` is given and invalid. */
  constructor(init?: DatasetInfoInit) {
    if (init !== undefined) initSection(this, DatasetInfo, init);
  }
}
