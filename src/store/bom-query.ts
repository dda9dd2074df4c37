import { InvalidArgumentError } from '../errors';
import type { BomSummary } from './bom-summary';

/** How a metric condition of a {@link BomQuery} compares `mlflow_metrics[key]` with its value. */
export type MetricOperator = '>=' | '>' | '<=' | '<' | '=' | '!=';

/** One metric condition of a {@link BomQuery}: `mlflow_metrics[key] <op> value` (a BOM without the metric fails it). */
export interface MetricCondition {
  /** The metric key, as in `mlflow_metrics`. */
  readonly key: string;
  /** The comparison. */
  readonly op: MetricOperator;
  /** A finite number. */
  readonly value: number;
}

/** A value a parameter condition compares with; numbers and booleans compare as MLflow writes them (`String(value)`). */
export type ParamValue = string | number | boolean;

/** What a query sorts by: the start time, or the value of a metric (BOMs without it last). */
export type BomQueryOrder = 'start_time' | `metric:${string}`;

/**
 * Which BOMs a store's `query` returns: every given condition must hold (AND). An empty query matches every BOM.
 * The same query gives the same BOMs in the same order from a {@link FileBomStore} and an {@link MlflowBomStore}.
 */
export interface BomQuery {
  /**
   * Only BOMs trained on this dataset: a digest (`sha256:<64 hex>`, or the 64 hex digits alone) equal to
   * `additional_values.dataset.digest`, else any other string equal to `dataset_info.origin`.
   */
  readonly dataset?: string;
  /** Only BOMs that used every one of these features (in `original_features` or `selected_features`). */
  readonly features?: readonly string[];
  /** Only BOMs whose `model_info.type` is exactly this. */
  readonly modelType?: string;
  /** Only BOMs whose `model_info.architecture` is exactly this. */
  readonly modelArchitecture?: string;
  /** Only BOMs whose `mlflow_params[key]`, as MLflow writes it (`String(value)`; objects as JSON), equals `String(value)`. */
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** Only BOMs whose metrics meet every condition. */
  readonly metrics?: readonly MetricCondition[];
  /** Only BOMs that started at or after this time (a Date or epoch milliseconds). */
  readonly since?: Date | number;
  /** Only BOMs that started before this time (a Date or epoch milliseconds). */
  readonly until?: Date | number;
  /** Only the trials of this hyper-parameter sweep: `additional_values.sweep.parent_run_id` (the parent MLflow run id). */
  readonly sweep?: string;
  /** Sort key (default `start_time`); ties are broken by id. BOMs whose start is not a date, or without the metric, come last. */
  readonly orderBy?: BomQueryOrder;
  /** Sort descending instead of ascending (default false); the "last" rule above holds either way. */
  readonly descending?: boolean;
  /** At most this many summaries per page (1 … 10,000; default 1,000). */
  readonly limit?: number;
  /** The `nextPageToken` of the previous page of the same query. */
  readonly pageToken?: string;
}

/** One page of a store's query answer. */
export interface BomQueryPage {
  /** The matching BOMs of this page, in the query's order. */
  readonly items: BomSummary[];
  /** Pass as `pageToken` to get the next page; absent on the last page. */
  readonly nextPageToken?: string;
}

/** A {@link BomQuery} after {@link normalizeBomQuery}: digests in `sha256:<hex>` form, times in epoch ms, defaults filled. */
export interface NormalizedBomQuery {
  readonly datasetDigest?: string;
  readonly datasetOrigin?: string;
  readonly features: readonly string[];
  readonly modelType?: string;
  readonly modelArchitecture?: string;
  readonly params: ReadonlyArray<readonly [string, string]>;
  readonly metrics: readonly MetricCondition[];
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly sweep?: string;
  /** `undefined` for start time, else the metric key. */
  readonly orderMetric?: string;
  readonly descending: boolean;
  readonly limit: number;
  readonly pageToken?: string;
}

/** The largest page a query returns. */
export const MAX_QUERY_PAGE = 10_000;
const DEFAULT_PAGE = 1_000;
const COMPARISONS: readonly MetricOperator[] = ['>=', '>', '<=', '<', '=', '!='];

function text(path: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new InvalidArgumentError(path, 'must be a non-empty string');
  if (!value.isWellFormed()) throw new InvalidArgumentError(path, 'must be well-formed Unicode (no lone surrogate)');
  return value;
}

function time(path: string, value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new InvalidArgumentError(path, 'must be a valid Date or epoch milliseconds');
  return ms;
}

function paramText(path: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  throw new InvalidArgumentError(path, 'must be a string, a finite number or a boolean');
}

function metricCondition(path: string, value: unknown): MetricCondition {
  if (typeof value !== 'object' || value === null) throw new InvalidArgumentError(path, 'must be { key, op, value }');
  const c = value as Record<string, unknown>;
  const key = text(`${path}.key`, c.key);
  if (!COMPARISONS.includes(c.op as MetricOperator)) throw new InvalidArgumentError(`${path}.op`, `must be one of ${COMPARISONS.join(' ')}`);
  if (typeof c.value !== 'number' || !Number.isFinite(c.value)) throw new InvalidArgumentError(`${path}.value`, 'must be a finite number');
  return { key, op: c.op as MetricOperator, value: c.value };
}

/**
 * Checks a query and brings it to one form, so that both stores read the same thing.
 * @throws InvalidArgumentError naming the field (`query.metrics.0.op`, …) for anything malformed.
 */
export function normalizeBomQuery(query: BomQuery = {}): NormalizedBomQuery {
  if (typeof query !== 'object' || query === null) throw new InvalidArgumentError('query', 'must be an object');
  let datasetDigest: string | undefined;
  let datasetOrigin: string | undefined;
  if (query.dataset !== undefined) {
    const dataset = text('query.dataset', query.dataset);
    const digest = /^(?:sha256:)?([0-9a-fA-F]{64})$/.exec(dataset);
    if (digest !== null) datasetDigest = `sha256:${digest[1].toLowerCase()}`;
    else datasetOrigin = dataset;
  }
  if (query.features !== undefined && !Array.isArray(query.features)) throw new InvalidArgumentError('query.features', 'must be an array of strings');
  const features = [...new Set((query.features ?? []).map((f, i) => text(`query.features.${i}`, f)))];
  const paramsObject = query.params ?? {};
  if (typeof paramsObject !== 'object' || paramsObject === null || Array.isArray(paramsObject)) throw new InvalidArgumentError('query.params', 'must be an object of parameter values');
  const params = Object.entries(paramsObject).map(([k, v]) => [text(`query.params`, k), paramText(`query.params.${k}`, v)] as const);
  if (query.metrics !== undefined && !Array.isArray(query.metrics)) throw new InvalidArgumentError('query.metrics', 'must be an array of { key, op, value }');
  const metrics = (query.metrics ?? []).map((m, i) => metricCondition(`query.metrics.${i}`, m));
  const order = query.orderBy ?? 'start_time';
  let orderMetric: string | undefined;
  if (order !== 'start_time') {
    if (typeof order !== 'string' || !order.startsWith('metric:') || order.length === 'metric:'.length) throw new InvalidArgumentError('query.orderBy', "must be 'start_time' or 'metric:<key>'");
    orderMetric = order.slice('metric:'.length);
  }
  const limit = query.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_PAGE) throw new InvalidArgumentError('query.limit', `must be an integer from 1 to ${MAX_QUERY_PAGE}`);
  if (query.descending !== undefined && typeof query.descending !== 'boolean') throw new InvalidArgumentError('query.descending', 'must be a boolean');
  return {
    datasetDigest, datasetOrigin, features, params, metrics, orderMetric, limit,
    modelType: query.modelType === undefined ? undefined : text('query.modelType', query.modelType),
    modelArchitecture: query.modelArchitecture === undefined ? undefined : text('query.modelArchitecture', query.modelArchitecture),
    sinceMs: query.since === undefined ? undefined : time('query.since', query.since),
    untilMs: query.until === undefined ? undefined : time('query.until', query.until),
    sweep: query.sweep === undefined ? undefined : text('query.sweep', query.sweep),
    descending: query.descending ?? false,
    pageToken: query.pageToken === undefined ? undefined : text('query.pageToken', query.pageToken),
  };
}
