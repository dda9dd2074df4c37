import type { MetricHistory } from './metric-series';

/**
 * A frozen {@link MetricHistory} over these columns (taken as they are, not copied), with `nonFiniteCount`
 * and `latest` computed by the tracker's rule: highest step, then latest timestamp, then last in the columns.
 * The three columns must have the same length.
 */
export function metricHistoryOf(key: string, values: Float64Array, steps: Float64Array, timestamps: Float64Array): MetricHistory {
  const n = values.length;
  let nonFiniteCount = 0;
  let latest = NaN;
  let latestStep = -Infinity;
  let latestTimestamp = -Infinity;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    const step = steps[i];
    const timestamp = timestamps[i];
    if (value - value !== 0) nonFiniteCount++;
    if (step > latestStep || (step === latestStep && timestamp >= latestTimestamp)) {
      latest = value;
      latestStep = step;
      latestTimestamp = timestamp;
    }
  }
  return Object.freeze({ key, length: n, values, steps, timestamps, nonFiniteCount, latest });
}
