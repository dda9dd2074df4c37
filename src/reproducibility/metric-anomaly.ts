/** Which rule flagged a metric: a NaN/±Infinity value, a diverging loss, or a metric that stopped changing. */
export type AnomalyRule = 'non_finite' | 'divergence' | 'plateau';

/**
 * One anomaly, recorded once per metric and rule, as it appears in `additional_values.anomalies` (the
 * wire has `value` as a string for NaN/±Infinity and `timestamp` as ISO 8601).
 */
export interface MetricAnomaly {
  /** The metric's name. */
  readonly key: string;
  /** The rule that fired. */
  readonly rule: AnomalyRule;
  /** Step of the point that fired it. */
  readonly step: number;
  /** That point's value. */
  readonly value: number;
  /** That point's time, epoch milliseconds. */
  readonly timestampMs: number;
  /** What happened, in words. */
  readonly message: string;
}

/** Which metrics a rule watches: a predicate on the metric name. */
export type MetricFilter = (key: string) => boolean;

/**
 * Anomaly rules of the tracker; `false` turns a rule off. Each rule fires at most once per metric.
 * Defaults: `nonFinite` on; `divergence` on metrics whose name contains `loss` (any case), when a value
 * reaches 10× the metric's running minimum (positive minima only); `plateau` on every metric, when 20
 * consecutive points stay equal to the first of them (tolerance 0).
 */
export interface AnomalyOptions {
  /** NaN or ±Infinity values (default true). */
  readonly nonFinite?: boolean;
  /** A loss that grows to `factor` times its running minimum. */
  readonly divergence?: false | { readonly factor?: number; readonly keys?: MetricFilter };
  /** A metric whose last `patience` values all lie within `tolerance` of the first of them. */
  readonly plateau?: false | { readonly patience?: number; readonly tolerance?: number; readonly keys?: MetricFilter };
}
