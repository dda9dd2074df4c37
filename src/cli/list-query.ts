/**
 * The query options of `training-bom list` that `--mlflow` answers (docs/cli.md#from-mlflow-list---mlflow-experiment):
 * a minimal parser until the shared query options replace it; values go to `normalizeBomQuery`, which checks them.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { BomQuery, MetricCondition, MetricOperator } from '../store/bom-query';

/** What commander collected. */
export interface ListQueryOptions {
  dataset?: string;
  feature?: string[];
  modelArchitecture?: string;
  param?: Array<readonly [string, string]>;
  where?: MetricCondition[];
  orderBy?: string;
  descending?: boolean;
  limit?: number;
}

const collect = <T>(value: T, previous: T[] | undefined): T[] => [...(previous ?? []), value];

/** `accuracy>=0.9`, `loss<0.2`, `epoch=10`, `f1!=0`: a metric condition. */
export function parseMetricCondition(text: string): MetricCondition {
  const m = /^(.*[^<>=!])(>=|<=|!=|>|<|=)([^<>=!]+)$/.exec(text);
  const value = m === null ? Number.NaN : Number(m[3]);
  if (m === null || m[3].trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError('expected <metric><op><number> with op one of >= > <= < = != (e.g. accuracy>=0.9)');
  return { key: m[1], op: m[2] as MetricOperator, value };
}

function parseParam(pair: string): readonly [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value');
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** Whether any query option that only `--mlflow` answers was given. */
export function hasMlflowOnlyOptions(options: ListQueryOptions): boolean {
  return [options.dataset, options.feature, options.modelArchitecture, options.param, options.where, options.orderBy, options.descending, options.limit].some((o) => o !== undefined);
}

/** Adds the query options to `list`. */
export function addListQueryOptions(command: Command): Command {
  return command
    .option('--dataset <digest|origin>', 'with --mlflow: only BOMs trained on this dataset (sha256 digest, else dataset_info.origin)')
    .option('--feature <name>', 'with --mlflow: only BOMs that used this feature (repeat: all of them)', collect<string>)
    .option('--model-architecture <arch>', 'with --mlflow: only BOMs whose model_info.architecture is exactly this')
    .option('--param <key=value>', 'with --mlflow: only BOMs whose parameter has this value as MLflow writes it (repeat: all)', (v: string, p: Array<readonly [string, string]> | undefined) => collect(parseParam(v), p))
    .option('--where <condition>', 'with --mlflow: a metric condition such as accuracy>=0.9 (repeat: all)', (v: string, p: MetricCondition[] | undefined) => collect(parseMetricCondition(v), p))
    .option('--order-by <key>', "with --mlflow: 'start_time' (default) or 'metric:<name>'")
    .option('--descending', 'with --mlflow: sort descending (BOMs without the key stay last)')
    .option('--limit <n>', 'with --mlflow: at most this many BOMs', (v: string) => Number(v));
}

/** The BomQuery of the options (`modelType`, `since`, `until` are list's own). */
export function listQueryOf(options: ListQueryOptions & { modelType?: string; since?: Date; until?: Date }): BomQuery {
  const params: Record<string, string> = {};
  for (const [key, value] of options.param ?? []) params[key] = value;
  return {
    dataset: options.dataset, features: options.feature, modelType: options.modelType, modelArchitecture: options.modelArchitecture,
    params, metrics: options.where, since: options.since, until: options.until, orderBy: options.orderBy as BomQuery['orderBy'],
    descending: options.descending, limit: options.limit,
  };
}
