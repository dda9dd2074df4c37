/**
 * The query options of `training-bom list` as `--mlflow` reads them (docs/cli.md#list): the same names and
 * forms as the file store's query options, parsed here until both stores share one parser.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { BomQuery, BomQueryOrder, MetricCondition, MetricOperator } from '../store/bom-query';

/** What commander collected. */
export interface ListQueryOptions {
  dataset?: string;
  feature?: string[];
  architecture?: string;
  param?: Array<readonly [string, string]>;
  metric?: string[];
  inSweep?: string;
  orderBy?: BomQueryOrder;
  desc?: boolean;
  limit?: number;
  pageToken?: string;
}

const collect = <T>(parse: (v: string) => T) => (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];

/** `accuracy>=0.9`, `loss<0.2`, `f1!=0` as a metric condition, or undefined for a bare name (`--sweep`'s ranking metric). */
export function parseMetricCondition(text: string): MetricCondition | undefined {
  const m = /^(.*[^<>=!])(>=|<=|!=|>|<|=)(.*)$/s.exec(text);
  if (m === null) {
    if (/[<>=!]/.test(text)) throw new InvalidArgumentError(`${JSON.stringify(text)}: expected <metric><op><number>, op one of >= > <= < = !=`);
    return undefined;
  }
  const value = m[3].trim() === '' ? Number.NaN : Number(m[3]);
  if (!Number.isFinite(value)) throw new InvalidArgumentError(`${JSON.stringify(text)}: expected a finite number after ${m[2]}`);
  return { key: m[1], op: m[2] as MetricOperator, value };
}

function parseParam(pair: string): readonly [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value');
  return [pair.slice(0, at), pair.slice(at + 1)];
}

function parseOrder(text: string): BomQueryOrder {
  if (text === 'start_time' || (text.startsWith('metric:') && text.length > 'metric:'.length)) return text as BomQueryOrder;
  throw new InvalidArgumentError("expected 'start_time' or 'metric:<key>'");
}

function parseLimit(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 10_000) throw new InvalidArgumentError('expected an integer from 1 to 10000');
  return Number(text);
}

/** Whether any option only a query answers (beyond `--model-type`, `--since`, `--until`) was given. */
export function isListQuery(o: ListQueryOptions): boolean {
  return [o.dataset, o.feature, o.architecture, o.param, o.metric, o.inSweep, o.orderBy, o.desc, o.limit, o.pageToken].some((v) => v !== undefined);
}

/** Adds the query options (not `--model-type`, `--since`, `--until`, `--metric`, which `list` has) to `command`. */
export function addListQueryOptions(command: Command): Command {
  return command
    .option('--dataset <digest|origin>', 'only BOMs trained on this dataset: a sha256 digest (additional_values.dataset.digest) or a dataset_info.origin')
    .option('--feature <name>', 'only BOMs that used this feature (original or selected); repeat for several (all must hold)', collect(String))
    .option('--architecture <a>', 'only BOMs whose model_info.architecture is exactly this')
    .option('--param <key=value>', 'only BOMs whose mlflow_params[key], as MLflow writes it, is this; repeatable', collect(parseParam))
    .option('--in-sweep <parent-run-id>', 'only the trials of this sweep (additional_values.sweep.parent_run_id)')
    .option('--order-by <key>', "sort by 'start_time' (default) or 'metric:<key>' (BOMs without it last)", parseOrder)
    .option('--desc', 'sort descending (BOMs without a start date or the metric still last)')
    .option('--limit <n>', 'at most n BOMs (1-10000); when more match, the next page token is printed on standard error', parseLimit)
    .option('--page-token <token>', 'the next page of the same query (from "more: --page-token …")');
}

/**
 * The BomQuery of the options (`modelType`, `since`, `until` are list's own; `metric` holds conditions).
 * @throws InvalidArgumentError for a `--metric` that is a bare name (only `--sweep` ranks by one).
 */
export function listQueryOf(options: ListQueryOptions & { modelType?: string; since?: Date; until?: Date }): BomQuery {
  const metrics = (options.metric ?? []).map((text) => {
    const c = parseMetricCondition(text);
    if (c === undefined) throw new InvalidArgumentError(`--metric ${JSON.stringify(text)}: without --sweep, --metric takes a condition such as accuracy>=0.9 (ops: >= > <= < = !=)`);
    return c;
  });
  return {
    dataset: options.dataset, features: options.feature, modelType: options.modelType, modelArchitecture: options.architecture,
    params: options.param === undefined ? undefined : Object.fromEntries(options.param), metrics: metrics.length === 0 ? undefined : metrics,
    since: options.since, until: options.until, sweep: options.inSweep, orderBy: options.orderBy, descending: options.desc,
    limit: options.limit, pageToken: options.pageToken,
  };
}
