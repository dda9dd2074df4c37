/** The query options of `training-bom list` (docs/cli.md#list), shared by every store `list` can read. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { InvalidArgumentError as BadArgument } from '../errors';
import type { BomQuery, BomQueryOrder, MetricCondition, MetricOperator } from '../store/bom-query';

/** What commander gives the action for the query options. */
export interface QueryOptionValues {
  dataset?: string;
  feature?: string[];
  modelType?: string;
  architecture?: string;
  param?: Array<[string, string]>;
  metric?: string[];
  inSweep?: string;
  since?: Date;
  until?: Date;
  orderBy?: BomQueryOrder;
  desc?: boolean;
  limit?: number;
  pageToken?: string;
}

const collect = <T>(parse: (v: string) => T) => (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];

function param(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected <key>=<value>');
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `accuracy>=0.9` as a condition, or undefined for a bare name (the `--sweep` ranking metric). */
export function metricCondition(text: string): MetricCondition | undefined {
  const m = /^([^<>=!].*?)(>=|<=|!=|>|<|=)(.*)$/s.exec(text);
  if (m === null) return undefined;
  const value = m[3].trim() === '' ? Number.NaN : Number(m[3]);
  if (!Number.isFinite(value)) throw new BadArgument('--metric', `${JSON.stringify(text)}: the value after ${m[2]} must be a finite number`);
  return { key: m[1], op: m[2] as MetricOperator, value };
}

function order(text: string): BomQueryOrder {
  if (text === 'start_time' || (text.startsWith('metric:') && text.length > 'metric:'.length)) return text as BomQueryOrder;
  throw new InvalidArgumentError("expected 'start_time' or 'metric:<key>'");
}

function limit(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 10_000) throw new InvalidArgumentError('expected an integer from 1 to 10000');
  return Number(text);
}

/** Adds the query options (not `--model-type`, `--since`, `--until`, `--metric`, which `list` had before) to `command`. */
export function addQueryOptions(command: Command): Command {
  return command
    .addOption(new Option('--dataset <digest|origin>', 'only BOMs trained on this dataset: a sha256 digest (additional_values.dataset.digest) or a dataset_info.origin'))
    .addOption(new Option('--feature <name>', 'only BOMs that used this feature (original or selected); repeat for several (all must hold)').argParser(collect(String)))
    .addOption(new Option('--architecture <a>', 'only BOMs whose model_info.architecture is exactly this'))
    .addOption(new Option('--param <key=value>', 'only BOMs whose mlflow_params[key], as MLflow writes it, is this; repeatable').argParser(collect(param)))
    .addOption(new Option('--in-sweep <parent-run-id>', 'only the trials of this sweep (additional_values.sweep.parent_run_id)'))
    .addOption(new Option('--order-by <key>', "sort by 'start_time' (default) or 'metric:<key>' (BOMs without it last)").argParser(order))
    .addOption(new Option('--desc', 'sort descending (BOMs without a start date or the metric still last)'))
    .addOption(new Option('--limit <n>', 'at most n BOMs (1-10000); when more match, the next page token is printed on standard error').argParser(limit))
    .addOption(new Option('--page-token <token>', 'the next page of the same query (from "more: --page-token …")'));
}

/** Whether any option only a query answers (beyond `--model-type`, `--since`, `--until`) was given. */
export function isQuery(o: QueryOptionValues): boolean {
  return o.dataset !== undefined || o.feature !== undefined || o.architecture !== undefined || o.param !== undefined
    || o.metric !== undefined || o.inSweep !== undefined || o.orderBy !== undefined || o.desc === true || o.limit !== undefined || o.pageToken !== undefined;
}

/**
 * The {@link BomQuery} the options ask for.
 * @throws InvalidArgumentError (`--metric`) for a metric option that is not a condition.
 */
export function queryFromOptions(o: QueryOptionValues): BomQuery {
  const metrics = (o.metric ?? []).map((text) => {
    const c = metricCondition(text);
    if (c === undefined) throw new BadArgument('--metric', `${JSON.stringify(text)}: without --sweep, --metric takes a condition such as accuracy>=0.9 (ops: >= > <= < = !=)`);
    return c;
  });
  const params = o.param === undefined ? undefined : Object.fromEntries(o.param);
  return {
    dataset: o.dataset, features: o.feature, modelType: o.modelType, modelArchitecture: o.architecture, params,
    metrics: metrics.length === 0 ? undefined : metrics, since: o.since, until: o.until, sweep: o.inSweep,
    orderBy: o.orderBy, descending: o.desc, limit: o.limit, pageToken: o.pageToken,
  };
}
