import type { TrainingBOM } from '../models/training-bom';
import type { MetricHistory } from '../tracker/metric-series';
import type { BomQuery, BomQueryPage } from './bom-query';
import type { BomSummary } from './bom-summary';
import type { BomListOptions } from './select-summaries';

/** Options of {@link BomStore.put}. */
export interface BomStorePutOptions {
  /**
   * The run's full metric history, stored with the BOM (keys must be distinct; any order). Without it,
   * a {@link FileBomStore} removes any history stored before under the id; an {@link MlflowBomStore} keeps
   * the run's metric history as it is.
   */
  readonly history?: readonly MetricHistory[];
}

/**
 * Where finalized BOMs are kept, by id: a local directory ({@link FileBomStore}) or MLflow run artifacts
 * ({@link MlflowBomStore}).
 */
export interface BomStore {
  /**
   * Validates and stores `bom` under its id, replacing any BOM stored with that id, with its metric history
   * when `options.history` is given. Resolves with where it went (a file path, an MLflow artifact URI).
   * @throws BomValidationError when the BOM is not valid; InvalidArgumentError when its id cannot be stored
   *   or the history is malformed.
   */
  put(bom: TrainingBOM, options?: BomStorePutOptions): Promise<string>;
  /**
   * The BOM stored with this id, or `undefined` when there is none.
   * @throws BomValidationError when what is stored is not a valid BOM with that id.
   */
  get(id: string): Promise<TrainingBOM | undefined>;
  /**
   * The metric history stored with the BOM of this id, one entry per metric sorted by key, or `undefined`
   * when there is no such BOM or no history was stored with it.
   * @throws HistoryFormatError when the stored history is corrupt.
   */
  history(id: string): Promise<MetricHistory[] | undefined>;
  /** Summaries of the stored BOMs, filtered and sorted by start time, then id. */
  list(options?: BomListOptions): Promise<BomSummary[]>;
  /**
   * One page of the BOMs that match every condition of `query`, in its order, answered without reading each
   * BOM: by the file store's index, by MLflow's search on the query tags. Both stores give the same answer.
   * @throws InvalidArgumentError naming the field for a malformed query or a page token not of this query.
   */
  query(query?: BomQuery): Promise<BomQueryPage>;
}
