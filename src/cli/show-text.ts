import type { JsonDict } from '../core/json-types';
import type { BomDescription } from './describe-bom';
import { formatDuration, formatValue } from './format-value';
import { printable } from './printable';

const LIMIT = 50;

function names(list: readonly string[], all: boolean): string {
  if (list.length === 0) return '(none)';
  const shown = all || list.length <= LIMIT ? list : list.slice(0, LIMIT);
  return shown.map(printable).join(', ') + (shown.length < list.length ? `, … ${list.length - shown.length} more (--all shows them)` : '');
}

function table(dict: JsonDict, all: boolean): string[] {
  const keys = Object.keys(dict);
  const shown = all || keys.length <= LIMIT ? keys : keys.slice(0, LIMIT);
  const printed = shown.map(printable);
  const width = Math.min(40, Math.max(0, ...printed.map((k) => k.length)));
  const lines = shown.map((k, i) => `  ${printed[i].padEnd(width)}  ${formatValue(dict[k])}`);
  if (shown.length < keys.length) lines.push(`  … ${keys.length - shown.length} more (--all shows them)`);
  return lines;
}

/** The model files: one line each (name, size, digest), cut at 50 unless `all`. */
function artifactLines(d: BomDescription, all: boolean): string[] {
  if (d.modelArtifactsProblem !== undefined) return [`  files    invalid (${printable(d.modelArtifactsProblem)})`];
  const list = d.modelArtifacts;
  if (list.length === 0) return [];
  const total = list.reduce((sum, a) => sum + a.bytes, 0);
  const shown = all || list.length <= LIMIT ? list : list.slice(0, LIMIT);
  const printed = shown.map((a) => printable(a.name));
  const width = Math.min(40, Math.max(0, ...printed.map((n) => n.length)));
  const sizes = shown.map((a) => `${a.bytes.toLocaleString('en')} B`);
  const sizeWidth = Math.max(0, ...sizes.map((s) => s.length));
  const lines = [`  files    ${list.length} (${total.toLocaleString('en')} bytes)`];
  shown.forEach((a, i) => lines.push(`    ${printed[i].padEnd(width)}  ${sizes[i].padStart(sizeWidth)}  ${a.digest}`));
  if (shown.length < list.length) lines.push(`    … ${list.length - shown.length} more (--all shows them)`);
  return lines;
}

/** The `show` report for people, every string from the BOM escaped ({@link printable}); long lists are cut at 50 entries unless `all`. */
export function showText(d: BomDescription, all: boolean): string {
  const f = d.features;
  const lines = [
    `BOM       ${printable(d.id)}`,
    `Source    ${printable(d.source)}`,
    `Time      ${printable(d.startTime)} → ${printable(d.endTime)}${d.durationMs === null ? '' : ` (${formatDuration(d.durationMs)})`}`,
    `Dataset   ${printable(d.dataset.origin)} (${d.dataset.size.toLocaleString('en')} rows)`,
    `Features  ${f.selected} of ${f.original} selected`,
    `  kept     ${names(f.kept, all)}`,
    `  dropped  ${names(f.dropped, all)}`,
  ];
  if (f.notInOriginal.length > 0) lines.push(`  not among the original features: ${names(f.notInOriginal, all)}`);
  lines.push(`Model     ${printable(d.model.type)} (${printable(d.model.architecture)})`, ...artifactLines(d, all));
  lines.push(`Params    ${Object.keys(d.params).length}`, ...table(d.params, all));
  lines.push(`Metrics   ${Object.keys(d.metrics).length}`, ...table(d.metrics, all));
  if (d.additionalValues.length > 0) lines.push(`Also      additional_values: ${d.additionalValues.map(printable).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
