import type { MetricHistory } from '../tracker/metric-series';
import { printable } from './printable';
import { columnStats, sparkline, type SparkGlyphs } from './sparkline';

const LIMIT = 50;
/** Characters of each sparkline. */
export const SPARK_WIDTH = 32;

const short = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const count = (n: number, what: string): string => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;

/**
 * The `History` section of `show`: a sparkline per metric with its first and last finite values, least and
 * greatest, point count and non-finite count; keys escaped ({@link printable}); cut at 50 metrics unless `all`.
 */
export function historyText(histories: readonly MetricHistory[], all: boolean, glyphs: SparkGlyphs, width = SPARK_WIDTH): string[] {
  const points = histories.reduce((sum, h) => sum + h.length, 0);
  const shown = all || histories.length <= LIMIT ? histories : histories.slice(0, LIMIT);
  const keys = shown.map((h) => printable(h.key));
  const keyWidth = Math.min(40, Math.max(0, ...keys.map((k) => k.length)));
  const lines = [`History   ${count(histories.length, 'metric')}, ${count(points, 'point')}`];
  shown.forEach((h, i) => {
    const s = columnStats(h.values);
    const line = sparkline(h.values, width, glyphs).padEnd(Math.min(width, h.length));
    const numbers = h.length === s.nonFinite ? 'no finite value' : `${short(s.first)} → ${short(s.last)}  min ${short(s.min)}  max ${short(s.max)}`;
    const broken = s.nonFinite > 0 ? `, ${s.nonFinite.toLocaleString('en')} non-finite (${glyphs.nonFinite})` : '';
    lines.push(`  ${keys[i].padEnd(keyWidth)}  ${line.padEnd(width)}  ${numbers}  ${count(h.length, 'point')}${broken}`);
  });
  if (shown.length < histories.length) lines.push(`  … ${histories.length - shown.length} more (--all shows them)`);
  return lines;
}
