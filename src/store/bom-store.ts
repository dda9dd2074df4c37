import type { TrainingBOM } from '../models/training-bom';
import type { BomSummary } from './bom-summary';
import type { BomListOptions } from './select-summaries';

/**
 * Where finalized BOMs are kept, by id: a local directory ({@link FileBomStore}) or MLflow run artifacts
 * ({@link MlflowBomStore}).
 */
export interface BomStore {
  /**
   * Validates and stores `bom` under its id, replacing any BOM stored with that id.
   * Resolves with where it went (a file path, an MLflow artifact URI).
   * @throws BomValidationError when the BOM is not valid; InvalidArgumentError when its id cannot be stored.
   */
  put(bom: TrainingBOM): Promise<string>;
  /**
   * The BOM stored with this id, or `undefined` when there is none.
   * @throws BomValidationError when what is stored is not a valid BOM with that id.
   */
  get(id: string): Promise<TrainingBOM | undefined>;
  /** Summaries of the stored BOMs, filtered and sorted by start time, then id. */
  list(options?: BomListOptions): Promise<BomSummary[]>;
}
