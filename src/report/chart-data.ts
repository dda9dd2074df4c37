import { printable } from '../core/printable';
import type { MetricHistory } from '../tracker/metric-series';
import { downsample, type DrawnSeries } from './downsample';
import type { ReportRun } from './report-run';
import type { RunView } from './run-view';

/** An anomaly marker on a chart: which run, which rule, at which step and second since the run's start. */
export interface ChartMark {
  readonly run: number;
  readonly rule: string;
  readonly s: number | null;
  readonly t: number | null;
}

/** One run's curve on a chart. */
export interface ChartSeries extends DrawnSeries {
  readonly run: number;
}

/** One chart: a metric, its curves (one per run that logged it) and anomaly markers. The key stays out of the page's JSON. */
export interface ChartSpec {
  readonly key: string;
  /** Points logged, per series (before downsampling). */
  readonly points: readonly number[];
  /** Non-finite points logged, per series. */
  readonly nonFinite: readonly number[];
  /** Logarithmic y: every finite value is positive and they span at least two decades. */
  readonly log: boolean;
  readonly series: readonly ChartSeries[];
  readonly marks: readonly ChartMark[];
}

/** The anomaly rules the page colours; any other rule a BOM names is drawn as `other` (the name stays out of the JSON). */
const RULES = new Set(['non_finite', 'divergence', 'plateau']);

/** Okabe-Ito colours (distinguishable with colour-blindness), then darker repeats. */
export const RUN_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#56b4e9', '#e69f00', '#000000', '#8c564b'];

function startOf(view: RunView, history: readonly MetricHistory[]): number {
  if (view.startMs !== undefined) return view.startMs;
  let min = Infinity;
  for (const h of history) for (const t of h.timestamps) if (t < min) min = t;
  return Number.isFinite(min) ? min : 0;
}

function spansDecades(histories: readonly MetricHistory[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const h of histories) {
    for (const v of h.values) {
      if (!Number.isFinite(v)) continue;
      if (v <= 0) return false;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return max / min >= 100;
}

/** A chart per metric logged at two points or more in some run, in the order the metrics first appear. */
export function chartSpecs(runs: readonly ReportRun[], views: readonly RunView[], maxPoints: number): ChartSpec[] {
  const byKey = new Map<string, { run: number; history: MetricHistory }[]>();
  runs.forEach((run, r) => {
    for (const h of run.history ?? []) {
      if (h.length === 0) continue;
      let list = byKey.get(h.key);
      if (list === undefined) byKey.set(h.key, (list = []));
      list.push({ run: r, history: h });
    }
  });
  const starts = runs.map((run, r) => startOf(views[r], run.history ?? []));
  const specs: ChartSpec[] = [];
  for (const [key, list] of byKey) {
    if (!list.some((x) => x.history.length >= 2)) continue;
    const marks: ChartMark[] = [];
    for (const { run } of list) {
      for (const a of views[run].anomalies) {
        if (a.key !== key) continue;
        marks.push({ run, rule: RULES.has(a.rule) ? a.rule : 'other', s: a.step ?? null, t: a.timeMs === undefined ? null : (a.timeMs - starts[run]) / 1000 });
      }
    }
    specs.push({
      key,
      points: list.map((x) => x.history.length),
      nonFinite: list.map((x) => x.history.nonFiniteCount),
      log: spansDecades(list.map((x) => x.history)),
      series: list.map(({ run, history }) => ({ run, ...downsample(history, starts[run], maxPoints) })),
      marks,
    });
  }
  return specs;
}

/** The JSON the page's script reads: run labels and colours, and the charts' numbers (no metric names). */
export function chartPayload(views: readonly RunView[], specs: readonly ChartSpec[]): unknown {
  return {
    runs: views.map((v, r) => ({ label: printable(v.id), color: RUN_COLORS[r % RUN_COLORS.length] })),
    charts: specs.map((c) => ({ log: c.log, series: c.series, marks: c.marks })),
  };
}
