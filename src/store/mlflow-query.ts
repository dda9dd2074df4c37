import { BOM_TAGS } from '../mlflow/bom/conventions';
import { metricKey, nameToken, paramKey, QUERY_KEYS, sha256Hex, tokenTagKey } from '../mlflow/bom/query-index';
import type { MetricCondition, NormalizedBomQuery } from './bom-query';

/** A {@link NormalizedBomQuery} as one MLflow `runs/search` request's filter and order. */
export interface MlflowSearchOfQuery {
  readonly filter: string;
  readonly orderBy: string[];
}

const tag = (key: string): string => `tags.\`${key}\``;
const metric = (key: string): string => `metrics.\`${key}\``;

/**
 * A finite number in plain decimal (no exponent, which MLflow's filter parser may not take), with the
 * shortest digits that read back to the same double: `1e-7` is `0.0000001`, `1e21` is `1000000000000000000000`.
 */
export function numberText(value: number): string {
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(exponentText) + 1;   // where the decimal point goes after the first digit
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = `${digits}${'0'.repeat(point - digits.length)}`;
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return value < 0 ? `-${text}` : text;
}

function metricConditions(condition: MetricCondition): string[] {
  const token = nameToken(condition.key);
  // The token tag says the BOM has a finite value (a replaced BOM's stale metric is NaN, stored by MLflow as 0).
  return [`${tag(tokenTagKey(QUERY_KEYS.metrics, token))} LIKE '%|${token}|%'`, `${metric(metricKey(condition.key))} ${condition.op} ${numberText(condition.value)}`];
}

/**
 * The search that answers a query from the query index (src/mlflow/bom/query-index.ts): every condition is
 * exact on the server (hashes and hex tokens need no quoting), so MLflow's pages are the query's pages.
 * Ordered by the start-time or metric value (MLflow puts runs without it, or with NaN, last either way),
 * then by the id's sort key.
 */
export function mlflowSearchOfQuery(query: NormalizedBomQuery): MlflowSearchOfQuery {
  const where = [`attributes.status = 'FINISHED'`, `${tag(BOM_TAGS.bomId)} LIKE '%'`];
  if (query.datasetDigest !== undefined) where.push(`${tag(QUERY_KEYS.datasetDigest)} = '${query.datasetDigest}'`);
  if (query.datasetOrigin !== undefined) where.push(`${tag(QUERY_KEYS.origin)} = '${sha256Hex(query.datasetOrigin)}'`);
  for (const feature of query.features) {
    const token = nameToken(feature);
    where.push(`${tag(tokenTagKey(QUERY_KEYS.features, token))} LIKE '%|${token}|%'`);
  }
  if (query.modelType !== undefined) where.push(`${tag(QUERY_KEYS.modelType)} = '${sha256Hex(query.modelType)}'`);
  if (query.modelArchitecture !== undefined) where.push(`${tag(QUERY_KEYS.modelArchitecture)} = '${sha256Hex(query.modelArchitecture)}'`);
  for (const [key, value] of query.params) where.push(`${tag(paramKey(key))} = '${sha256Hex(value)}'`);
  for (const condition of query.metrics) where.push(...metricConditions(condition));
  if (query.sinceMs !== undefined || query.untilMs !== undefined) where.push(`${tag(QUERY_KEYS.hasStart)} = '1'`);
  if (query.sinceMs !== undefined) where.push(`${metric(QUERY_KEYS.startMs)} >= ${numberText(query.sinceMs)}`);
  if (query.untilMs !== undefined) where.push(`${metric(QUERY_KEYS.startMs)} < ${numberText(query.untilMs)}`);
  if (query.sweep !== undefined) where.push(`${tag(QUERY_KEYS.sweepParent)} = '${sha256Hex(query.sweep)}'`);
  const sortKey = query.orderMetric === undefined ? QUERY_KEYS.startMs : metricKey(query.orderMetric);
  const orderBy = [`${metric(sortKey)} ${query.descending ? 'DESC' : 'ASC'}`, `${tag(QUERY_KEYS.idOrder)} ASC`];
  return { filter: where.join(' and '), orderBy };
}
