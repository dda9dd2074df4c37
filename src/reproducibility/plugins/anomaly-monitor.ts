import type { TrackerSink } from '../../events/tracker-sink';
import type { AnomalyOptions, AnomalyRule, MetricAnomaly, MetricFilter } from './metric-anomaly';

const NON_FINITE = 1;
const DIVERGENCE = 2;
const PLATEAU = 4;

/** Per-metric state: O(1) memory, updated in O(1) per point. */
interface Watch {
  /** Rules that watch this metric and have not fired yet (bit set). */
  armed: number;
  min: number;
  anchor: number;
  run: number;
}

const isLoss: MetricFilter = (key) => /loss/i.test(key);
const everything: MetricFilter = () => true;

/**
 * Watches metric points as the tracker logs them (it is the tracker's first sink) and records each
 * anomaly once per metric and rule. Rules are checked in O(1) per point with a few comparisons; the
 * per-metric filters run once, on a metric's first point. An `onAnomaly` callback that throws is
 * reported to the tracker's `onError` and never reaches the training loop.
 */
export class AnomalyMonitor implements TrackerSink {
  private readonly watches = new Map<string, Watch>();
  private readonly found: MetricAnomaly[] = [];
  private readonly rules: number;
  private readonly factor: number;
  private readonly patience: number;
  private readonly tolerance: number;
  private readonly divergenceKeys: MetricFilter;
  private readonly plateauKeys: MetricFilter;
  private report: (error: unknown) => void = () => undefined;
  private replaying = false;

  constructor(
    options: AnomalyOptions,
    private readonly onAnomaly: ((anomaly: MetricAnomaly) => void) | undefined,
  ) {
    const { divergence = {}, plateau = {} } = options;
    this.rules = (options.nonFinite === false ? 0 : NON_FINITE) | (divergence === false ? 0 : DIVERGENCE) | (plateau === false ? 0 : PLATEAU);
    this.factor = (divergence === false ? undefined : divergence.factor) ?? 10;
    this.divergenceKeys = (divergence === false ? undefined : divergence.keys) ?? isLoss;
    this.patience = Math.max(2, (plateau === false ? undefined : plateau.patience) ?? 20);
    this.tolerance = (plateau === false ? undefined : plateau.tolerance) ?? 0;
    this.plateauKeys = (plateau === false ? undefined : plateau.keys) ?? everything;
  }

  /** Anomalies found so far, oldest first (a copy). */
  anomalies(): MetricAnomaly[] {
    return this.found.slice();
  }

  /** Checks a point logged in an earlier process of the run (resume): records its anomalies without calling `onAnomaly`. */
  replay(key: string, value: number, step: number, timestampMs: number): void {
    this.replaying = true;
    try {
      this.onMetric(key, value, step, timestampMs);
    } finally {
      this.replaying = false;
    }
  }

  bindErrorHandler(report: (error: unknown) => void): void {
    this.report = report;
  }

  onMetric(key: string, value: number, step: number, timestampMs: number): void {
    let watch = this.watches.get(key);
    if (watch === undefined) {
      watch = { armed: this.armFor(key), min: Infinity, anchor: value, run: 0 };
      this.watches.set(key, watch);
    }
    const armed = watch.armed;
    if (armed === 0) return;
    if (value - value !== 0) {
      if ((armed & NON_FINITE) !== 0) this.fire(watch, NON_FINITE, key, 'non_finite', value, step, timestampMs, `${key} is ${value} at step ${step}`);
      return;
    }
    if ((armed & DIVERGENCE) !== 0) {
      if (value < watch.min) watch.min = value;
      else if (watch.min > 0 && value >= this.factor * watch.min) {
        this.fire(watch, DIVERGENCE, key, 'divergence', value, step, timestampMs, `${key} reached ${value} at step ${step}, ${(value / watch.min).toPrecision(3)}× its minimum ${watch.min}`);
      }
    }
    if ((armed & PLATEAU) !== 0) {
      if (Math.abs(value - watch.anchor) <= this.tolerance) {
        if (++watch.run >= this.patience) {
          this.fire(watch, PLATEAU, key, 'plateau', value, step, timestampMs, `${key} stayed at ${watch.anchor} for ${this.patience} points up to step ${step}`);
        }
      } else {
        watch.anchor = value;
        watch.run = 1;
      }
    }
  }

  private armFor(key: string): number {
    let armed = this.rules & NON_FINITE;
    try {
      if ((this.rules & DIVERGENCE) !== 0 && this.divergenceKeys(key)) armed |= DIVERGENCE;
      if ((this.rules & PLATEAU) !== 0 && this.plateauKeys(key)) armed |= PLATEAU;
    } catch (error) {
      this.report(new Error(`anomaly rule filter failed on metric "${key}": ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
    }
    return armed;
  }

  private fire(watch: Watch, bit: number, key: string, rule: AnomalyRule, value: number, step: number, timestampMs: number, message: string): void {
    watch.armed &= ~bit;
    const anomaly: MetricAnomaly = Object.freeze({ key, rule, step, value, timestampMs, message });
    this.found.push(anomaly);
    if (this.onAnomaly === undefined || this.replaying) return;
    try {
      this.onAnomaly(anomaly);
    } catch (error) {
      this.report(new Error(`onAnomaly callback failed on ${rule} of metric "${key}": ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
    }
  }
}
