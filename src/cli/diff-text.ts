import type { JsonValue } from '../core/json-types';
import type { BomComparison, DictComparison, FeatureListComparison, FieldChange, MetricChange } from '../reproducibility/comparison/bom-comparison';
import { formatValue } from './format-value';
import { printable } from './printable';

function dict(title: string, d: DictComparison): string[] {
  const lines = [
    ...d.added.map((x) => `  + ${printable(x.key)} = ${formatValue(x.value)}`),
    ...d.removed.map((x) => `  - ${printable(x.key)} = ${formatValue(x.value)}`),
    ...d.changed.map((x) => `  ~ ${printable(x.key)}: ${formatValue(x.a)} -> ${formatValue(x.b)}`),
  ];
  return lines.length === 0 ? [] : [`${title}:`, ...lines];
}

function delta(c: MetricChange): string {
  if (c.delta === null) return '';
  const sign = c.delta >= 0 ? '+' : '';
  const relative = c.relativeDelta === null ? '' : `, ${sign}${(c.relativeDelta * 100).toFixed(1)}%`;
  return ` (${sign}${formatValue(c.delta)}${relative})`;
}

function features(title: string, f: FeatureListComparison): string[] {
  if (!f.changed) return [];
  const parts = [...f.added.map((x) => `+${printable(x)}`), ...f.removed.map((x) => `-${printable(x)}`)];
  if (f.reordered) parts.push('order changed');
  return [`  ${title}: ${parts.join(', ')} (${f.a.length} -> ${f.b.length})`];
}

function fields(title: string, changes: readonly FieldChange[]): string[] {
  const show = (v: JsonValue): string => (v === null ? '(none)' : formatValue(v));
  return changes.length === 0 ? [] : [`${title}:`, ...changes.map((c) => `  ~ ${printable(c.field)}: ${show(c.a)} -> ${show(c.b)}`)];
}

/** The `diff` report for people, strings from the BOMs escaped ({@link printable}): one section per part that differs, `+` added, `-` removed, `~` changed. */
export function diffText(c: BomComparison, sources: { readonly a: string; readonly b: string }): string {
  const lines = [`a: ${printable(c.ids.a)} (${printable(sources.a)})`, `b: ${printable(c.ids.b)} (${printable(sources.b)})`];
  if (!c.differs) return `${[...lines, 'No differences (ids and times are not compared).'].join('\n')}\n`;
  const metricLines = [
    ...c.metrics.added.map((x) => `  + ${printable(x.key)} = ${formatValue(x.value)}`),
    ...c.metrics.removed.map((x) => `  - ${printable(x.key)} = ${formatValue(x.value)}`),
    ...c.metrics.changed.map((x) => `  ~ ${printable(x.key)}: ${formatValue(x.a)} -> ${formatValue(x.b)}${delta(x)}`),
  ];
  const featureLines = [...features('original', c.features.original), ...features('selected', c.features.selected)];
  lines.push(
    ...dict('Params', c.params),
    ...(metricLines.length === 0 ? [] : ['Metrics:', ...metricLines]),
    ...(featureLines.length === 0 ? [] : ['Features:', ...featureLines]),
    ...fields('Dataset', c.dataset),
    ...fields('Model', c.model),
    ...dict('Seeds', c.seeds),
    ...dict('Data quality', c.dataQuality),
    ...fields('Environment', c.environment),
  );
  return `${lines.join('\n')}\n`;
}
