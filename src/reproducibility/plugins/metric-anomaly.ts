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

/** The divergence rule: a loss that grows to `factor` times its running minimum. */
export interface DivergenceRule {
  /** How many times its running minimum a value must reach (default 10). */
  readonly factor?: number;
  /** Which metrics it watches (default: names containing `loss`, any case). */
  readonly keys?: MetricFilter;
}

/** The plateau rule: a metric whose last `patience` values all lie within `tolerance` of the first of them. */
export interface PlateauRule {
  /** How many consecutive points (default 20, at least 2). */
  readonly patience?: number;
  /** Largest absolute difference that still counts as unchanged (default 0). */
  readonly tolerance?: number;
  /** Which metrics it watches (default: all). */
  readonly keys?: MetricFilter;
}

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
  readonly divergence?: false | DivergenceRule;
  /** A metric whose last `patience` values all lie within `tolerance` of the first of them. */
  readonly plateau?: false | PlateauRule;
}
