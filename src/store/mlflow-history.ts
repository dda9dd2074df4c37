/** A run's metric history in MLflow, as {@link MetricHistory} columns, read and written for MlflowBomStore. */
import { restoreInfinity } from '../core/non-finite';
import { MLFLOW_LIMITS } from '../mlflow/bom/conventions';
import type { MlflowClient } from '../mlflow/client/mlflow-client';
import type { MlflowMetric } from '../mlflow/client/types';
import { metricHistoryOf } from '../tracker/metric-history-of';
import type { MetricHistory } from '../tracker/metric-series';

/** Points per `metrics/get-history` page (MLflow's own cap for its bulk history endpoint). */
const PAGE_SIZE = 25_000;

/** Grows three Float64 columns by doubling; `history()` trims them. */
class Columns {
  length = 0;
  values = new Float64Array(1024);
  steps = new Float64Array(1024);
  timestamps = new Float64Array(1024);

  push(point: MlflowMetric): void {
    if (this.length === this.values.length) {
      const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.values = grow(this.values);
      this.steps = grow(this.steps);
      this.timestamps = grow(this.timestamps);
    }
    this.values[this.length] = restoreInfinity(point.value);
    this.steps[this.length] = point.step;
    this.timestamps[this.length] = point.timestamp;
    this.length++;
  }

  history(key: string): MetricHistory {
    const n = this.length;
    return metricHistoryOf(key, this.values.slice(0, n), this.steps.slice(0, n), this.timestamps.slice(0, n));
  }
}

/**
 * The full history of each of `keys` in the run, sorted by key, in the server's point order (timestamp, then
 * step, then value); ±Number.MAX_VALUE, how MLflow's SQL store keeps ±Infinity, read back as ±Infinity.
 */
export async function readRunHistory(client: MlflowClient, runId: string, keys: readonly string[]): Promise<MetricHistory[]> {
  const histories: MetricHistory[] = [];
  for (const key of [...keys].sort()) {
    const columns = new Columns();
    for await (const point of client.getMetricHistory(runId, key, { maxResults: PAGE_SIZE })) columns.push(point);
    histories.push(columns.history(key));
  }
  return histories;
}

/**
 * Logs every point of the histories whose key is not in `present` (the run's metrics), 1,000 points a
 * request; metrics the run already has are left as they are. Resolves with the keys it logged.
 */
export async function logMissingHistory(client: MlflowClient, runId: string, present: ReadonlySet<string>, histories: readonly MetricHistory[]): Promise<string[]> {
  const logged: string[] = [];
  let batch: MlflowMetric[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length > 0) await client.logBatch(runId, { metrics: batch });
    batch = [];
  };
  for (const h of histories) {
    if (present.has(h.key)) continue;
    logged.push(h.key);
    for (let i = 0; i < h.length; i++) {
      batch.push({ key: h.key, value: h.values[i], step: Math.trunc(h.steps[i]), timestamp: Math.trunc(h.timestamps[i]) });
      if (batch.length === MLFLOW_LIMITS.metricsPerBatch) await flush();
    }
  }
  await flush();
  return logged;
}
