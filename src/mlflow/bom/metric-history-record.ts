/** The full history of a run's metrics as a JSON value for `additional_values.mlflow_metric_history`. */
import type { JsonDict, JsonValue } from '../../core/json-types';
import { safeDict } from '../../core/safe-dict';
import type { MlflowClient } from '../client/mlflow-client';
import { encodeNonFinite, restoreInfinity } from '../../core/non-finite';

/** How {@link metricHistoryRecord} reads the history. */
export interface MetricHistorySettings {
  /** Points per `metrics/get-history` page; `undefined`: the server's default (all points in one answer). */
  readonly pageSize: number | undefined;
  readonly restoreInfinity: boolean;
}

/**
 * `{ <key>: { steps: number[], timestamps: number[], values: (number | "NaN" | "Infinity" | "-Infinity")[] } }`
 * for each key, in the server's order (timestamp, then step, then value), fetched page by page.
 */
export async function metricHistoryRecord(client: MlflowClient, runId: string, keys: readonly string[], settings: MetricHistorySettings): Promise<JsonDict> {
  const record = safeDict() as JsonDict;
  for (const key of keys) {
    const steps: number[] = [];
    const timestamps: number[] = [];
    const values: JsonValue[] = [];
    for await (const point of client.getMetricHistory(runId, key, { maxResults: settings.pageSize })) {
      steps.push(point.step);
      timestamps.push(point.timestamp);
      values.push(encodeNonFinite(settings.restoreInfinity ? restoreInfinity(point.value) : point.value));
    }
    record[key] = { steps, timestamps, values };
  }
  return record;
}
