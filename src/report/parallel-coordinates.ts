import type { JsonValue } from '../core/json-types';
import { escapeHtml } from './html-escape';
import { RUN_COLORS } from './chart-data';
import { displayValue, type RunView } from './run-view';

const W = 960;
const H = 340;
const TOP = 48;
const BOTTOM = 36;
const MAX_AXES = 10;

interface Axis {
  readonly name: string;
  /** Position in [0, 1] per run (0 at the bottom), undefined where the run has no value. */
  readonly pos: readonly (number | undefined)[];
  readonly low: string;
  readonly high: string;
}

const short = (text: string): string => (text.length > 18 ? `${text.slice(0, 17)}…` : text);
const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

function axisOf(name: string, values: readonly (JsonValue | undefined)[]): Axis | undefined {
  const present = values.filter((v) => v !== undefined);
  if (present.length < 2 || present.every((v) => same(v, present[0]))) return undefined;
  if (present.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const nums = present as number[];
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    return { name, pos: values.map((v) => (typeof v === 'number' ? (v - lo) / (hi - lo || 1) : undefined)), low: displayValue(lo), high: displayValue(hi) };
  }
  const levels = [...new Set(present.map((v) => displayValue(v)))].sort();
  const at = (v: JsonValue | undefined): number | undefined => (v === undefined ? undefined : levels.length === 1 ? 0.5 : levels.indexOf(displayValue(v)) / (levels.length - 1));
  return { name, pos: values.map(at), low: levels[0], high: levels[levels.length - 1] };
}

/** The parameters that differ between runs, as axes (at most ten, in first-seen order). */
export function parameterAxes(views: readonly RunView[]): Axis[] {
  const names = [...new Set(views.flatMap((v) => Object.keys(v.params)))];
  const axes: Axis[] = [];
  for (const name of names) {
    const axis = axisOf(name, views.map((v) => (Object.hasOwn(v.params, name) ? v.params[name] : undefined)));
    if (axis !== undefined) axes.push(axis);
    if (axes.length === MAX_AXES) break;
  }
  return axes;
}

/**
 * Inline SVG of a parallel-coordinates view: one vertical axis per differing parameter and the metric last,
 * one polyline per run in its colour. Every label is escaped; the full name is the axis's `<title>`.
 */
export function parallelSvg(views: readonly RunView[], params: readonly Axis[], metric: string): string {
  const metricAxis = axisOf(metric, views.map((v) => (Object.hasOwn(v.metrics, metric) ? v.metrics[metric] : undefined)))
    ?? { name: metric, pos: views.map(() => 0.5), low: '', high: '' };
  const axes = [...params, metricAxis];
  const step = axes.length > 1 ? (W - 200) / (axes.length - 1) : 0;
  const x = (i: number): number => 100 + i * step;
  const y = (p: number): number => TOP + (1 - p) * (H - TOP - BOTTOM);
  const parts: string[] = [];
  axes.forEach((a, i) => {
    const name = escapeHtml(a.name);
    parts.push(`<g class="axis${i === axes.length - 1 ? ' metric-axis' : ''}"><title>${name}</title>`,
      `<line x1="${x(i)}" y1="${TOP}" x2="${x(i)}" y2="${H - BOTTOM}"/>`,
      `<text x="${x(i)}" y="${TOP - 26}" text-anchor="middle" class="axis-name">${escapeHtml(short(a.name))}</text>`,
      `<text x="${x(i)}" y="${TOP - 8}" text-anchor="middle">${escapeHtml(short(a.high))}</text>`,
      `<text x="${x(i)}" y="${H - BOTTOM + 18}" text-anchor="middle">${escapeHtml(short(a.low))}</text></g>`);
  });
  views.forEach((v, r) => {
    const pts = axes.map((a, i) => (a.pos[r] === undefined ? undefined : `${x(i).toFixed(1)},${y(a.pos[r]).toFixed(1)}`)).filter((p) => p !== undefined);
    parts.push(`<polyline class="pc-line" stroke="${RUN_COLORS[r % RUN_COLORS.length]}" points="${pts.join(' ')}"><title>${escapeHtml(v.id)}</title></polyline>`);
  });
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Parallel coordinates: differing parameters against ${escapeHtml(metric)}">${parts.join('')}</svg>`;
}
