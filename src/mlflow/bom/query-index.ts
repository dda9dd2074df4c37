/**
 * The query index of a BOM run (docs/mlflow.md, "Query tags"): the tags and metrics MLflow's `runs/search`
 * filters and orders on so that `MlflowBomStore.query` never downloads an artifact. Written from the final
 * BOM, by `MlflowBomStore.put` and by MlflowRunSink when the run finalizes, with one function, so both kinds
 * of run answer a query alike. MLflow's filter syntax has no escapes, no OR, 250-character keys of a narrow
 * charset and 8000-character tag values: every value compared for equality is stored and queried as its
 * SHA-256 (hex has no quote and no wildcard), and sets of names (features, metrics) as 16-hex tokens in
 * 256 tags chosen by the token's first two hex digits, so one `LIKE '%|token|%'` on one tag finds a name.
 */
import { createHash } from 'node:crypto';
import { ownChild } from '../../core/json-child';
import type { TrainingBOM } from '../../models/training-bom';
import type { MlflowClient } from '../client/mlflow-client';
import type { MlflowKeyValue, MlflowMetric, MlflowRun } from '../client/types';
import { bomTimeMs } from '../../validation/bom-time-ms';
import { MLFLOW_LIMITS, paramText } from './conventions';
import { summaryTagsOf } from './summary-tags';

/** The prefix of every query-index tag and metric. */
export const QUERY_PREFIX = 'training_bom.q.';

/** The layout version of the index this SDK writes (tag `training_bom.q.version`). */
export const QUERY_INDEX_VERSION = '1';

/** The keys of the query index (tags unless said otherwise); docs/mlflow.md has the table. */
export const QUERY_KEYS = Object.freeze({
  /** Layout version of the index, `1`: runs without it were stored before the index existed. */
  version: `${QUERY_PREFIX}version`,
  /** `additional_values.dataset.digest` when it is `sha256:<64 lowercase hex>`. */
  datasetDigest: `${QUERY_PREFIX}dataset_digest`,
  /** SHA-256 hex of `dataset_info.origin`. */
  origin: `${QUERY_PREFIX}origin`,
  /** SHA-256 hex of `model_info.type`. */
  modelType: `${QUERY_PREFIX}model_type`,
  /** SHA-256 hex of `model_info.architecture`. */
  modelArchitecture: `${QUERY_PREFIX}model_architecture`,
  /** SHA-256 hex of `additional_values.sweep.parent_run_id`. */
  sweepParent: `${QUERY_PREFIX}sweep_parent`,
  /** `1` when `start_time` is a date (then metric `start_ms` holds it). */
  hasStart: `${QUERY_PREFIX}has_start`,
  /** Metric: `start_time` in epoch ms (NaN once a replacing BOM's start is not a date). */
  startMs: `${QUERY_PREFIX}start_ms`,
  /** The BOM id as 6 hex digits per code point: sorts like the id's code points in any collation. */
  idOrder: `${QUERY_PREFIX}id_order`,
  /** Token tags of the features used: `features.<2 hex>` = `|token|token|`. */
  features: `${QUERY_PREFIX}features.`,
  /** Token tags of the metrics with a finite value: `metrics.<2 hex>`. */
  metrics: `${QUERY_PREFIX}metrics.`,
});

const PLAIN = /^[A-Za-z0-9_.-]+$/;

/** Hex SHA-256 of a string's UTF-8. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The 16-hex token of a name in a token tag. */
export function nameToken(name: string): string {
  return sha256Hex(name).slice(0, 16);
}

/** The token tag a name's token goes in. */
export function tokenTagKey(prefix: string, token: string): string {
  return `${prefix}${token.slice(0, 2)}`;
}

/** A per-name key: `<kind>.<name>` for plain ASCII names that fit, else `<kind>_sha256.<hex of the name>`. */
function namedKey(kind: string, name: string): string {
  const readable = `${QUERY_PREFIX}${kind}.${name}`;
  return PLAIN.test(name) && !/^\.+$/.test(name) && readable.length <= MLFLOW_LIMITS.keyLength ? readable : `${QUERY_PREFIX}${kind}_sha256.${sha256Hex(name)}`;
}

/** The tag holding the SHA-256 of parameter `key`'s value. */
export function paramKey(key: string): string {
  return namedKey('param', key);
}

/** The metric holding the BOM's value of metric `key`. */
export function metricKey(key: string): string {
  return namedKey('metric', key);
}

/**
 * The BOM id as a collation-proof sort key: 6 hex digits per code point, so that comparing the values byte by
 * byte (any database collation does, for lower-case hex) orders ids by code point, as SQLite's and `LC_ALL=C`
 * byte order of UTF-8 do. Cut at the tag limit (1,333 code points).
 */
export function idOrderValue(id: string): string {
  let out = '';
  for (const ch of id) {
    if (out.length + 6 > MLFLOW_LIMITS.tagValueLength) break;
    out += (ch.codePointAt(0) as number).toString(16).padStart(6, '0');
  }
  return out;
}

function tokenTags(prefix: string, names: Iterable<string>): Map<string, string> {
  const buckets = new Map<string, Set<string>>();
  for (const name of names) {
    const token = nameToken(name);
    const key = tokenTagKey(prefix, token);
    let set = buckets.get(key);
    if (set === undefined) buckets.set(key, (set = new Set()));
    set.add(token);
  }
  const perTag = Math.floor((MLFLOW_LIMITS.tagValueLength - 1) / 17);
  const out = new Map<string, string>();
  // A bucket beyond 470 tokens (about 60,000 names in all) keeps its first 470: docs/mlflow.md says so.
  for (const [key, set] of buckets) out.set(key, `|${[...set].sort().slice(0, perTag).join('|')}|`);
  return out;
}

/** `additional_values.sweep.parent_run_id` when it is a string (what a sweep query compares with). */
export function sweepParentOf(bom: TrainingBOM): string | undefined {
  const parent = ownChild(ownChild(bom.additionalValues, 'sweep'), 'parent_run_id');
  return typeof parent === 'string' ? parent : undefined;
}

/** What the index of one BOM is: tag values and metric values by key. */
export interface QueryIndex {
  readonly tags: ReadonlyMap<string, string>;
  readonly metrics: ReadonlyMap<string, number>;
}

/** The query index of a BOM, with its summary tags (the readable part a store's summary is made of). */
export function queryIndexOf(bom: TrainingBOM): QueryIndex {
  const tags = new Map<string, string>(summaryTagsOf(bom).map((t) => [t.key, t.value]));
  const startMs = bomTimeMs(bom.startTime);
  tags.set(QUERY_KEYS.version, QUERY_INDEX_VERSION);
  const digest = ownChild(ownChild(bom.additionalValues, 'dataset'), 'digest');
  if (typeof digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(digest)) tags.set(QUERY_KEYS.datasetDigest, digest);
  tags.set(QUERY_KEYS.origin, sha256Hex(bom.datasetInfo.origin));
  tags.set(QUERY_KEYS.modelType, sha256Hex(bom.modelInfo.type));
  tags.set(QUERY_KEYS.modelArchitecture, sha256Hex(bom.modelInfo.architecture));
  const parent = sweepParentOf(bom);
  if (parent !== undefined) tags.set(QUERY_KEYS.sweepParent, sha256Hex(parent));
  tags.set(QUERY_KEYS.idOrder, idOrderValue(bom.id));
  for (const [key, value] of tokenTags(QUERY_KEYS.features, [...bom.featureInfo.originalFeatures, ...bom.featureInfo.selectedFeatures])) tags.set(key, value);
  for (const key of Object.keys(bom.mlflowParams)) tags.set(paramKey(key), sha256Hex(paramText(bom.mlflowParams[key])));
  const metrics = new Map<string, number>();
  const finite = Object.keys(bom.mlflowMetrics).filter((k) => typeof bom.mlflowMetrics[k] === 'number' && Number.isFinite(bom.mlflowMetrics[k]));
  for (const [key, value] of tokenTags(QUERY_KEYS.metrics, finite)) tags.set(key, value);
  for (const key of finite) metrics.set(metricKey(key), bom.mlflowMetrics[key] as number);
  if (startMs !== undefined) {
    tags.set(QUERY_KEYS.hasStart, '1');
    metrics.set(QUERY_KEYS.startMs, startMs);
  }
  return { tags, metrics };
}

/**
 * Writes a BOM's query index on a run. What an earlier index of the run has and this one lacks is undone:
 * tags are set to `''` (which no query matches) and metrics get a NaN point (which no order puts first and
 * the token tags keep out of every filter). `previous` is the run as last read (its tags and latest metrics; empty for a new run).
 */
export async function writeQueryIndex(client: MlflowClient, runId: string, previous: Pick<MlflowRun, 'tags' | 'metrics'>, index: QueryIndex, nowMs: number): Promise<void> {
  const run = previous;
  const tags: MlflowKeyValue[] = [...index.tags].map(([key, value]) => ({ key, value }));
  for (const key of Object.keys(run.tags)) if (key.startsWith(QUERY_PREFIX) && !index.tags.has(key) && run.tags[key] !== '') tags.push({ key, value: '' });
  const metrics: MlflowMetric[] = [...index.metrics].map(([key, value]) => ({ key, value, timestamp: nowMs, step: 0 }));
  for (const key of Object.keys(run.metrics)) {
    if (key.startsWith(QUERY_PREFIX) && !index.metrics.has(key) && !Number.isNaN(run.metrics[key].value)) metrics.push({ key, value: Number.NaN, timestamp: nowMs, step: 0 });
  }
  // The version tag goes last: a run interrupted midway has no (or its old) version, and a backfill redoes it.
  const version = tags.findIndex((t) => t.key === QUERY_KEYS.version);
  if (version >= 0) tags.push(...tags.splice(version, 1));
  for (let m = 0; m < metrics.length; m += MLFLOW_LIMITS.metricsPerBatch) await client.logBatch(runId, { metrics: metrics.slice(m, m + MLFLOW_LIMITS.metricsPerBatch) });
  for (let t = 0; t < tags.length; t += MLFLOW_LIMITS.tagsPerBatch) await client.logBatch(runId, { tags: tags.slice(t, t + MLFLOW_LIMITS.tagsPerBatch) });
}

/** The run's own metric keys: every one but the query index's (`training_bom.q.*`, a prefix the SDK keeps for itself). */
export function runMetricKeys(run: Pick<MlflowRun, 'metrics'>): string[] {
  return Object.keys(run.metrics).filter((key) => !key.startsWith(QUERY_PREFIX));
}
