import { formatDuration } from '../core/format-duration';
import type { JsonDict } from '../core/json-types';
import { bdi, escapeHtml } from './html-escape';
import { section } from './html-blocks';
import { parallelSvg, parameterAxes } from './parallel-coordinates';
import { signatureText } from './run-sections';
import { displayValue, type RunView } from './run-view';

const swatch = (r: number): string => `<span class="swatch run${r % 8}" aria-hidden="true"></span>`;

/** One row per run: colour, id, start, duration, model, dataset, rows, digest, signature. */
export function runsTable(views: readonly RunView[]): string {
  const signed = views.some((v) => v.attestation !== undefined);
  const rows = views.map((v, r) => `<tr><td>${swatch(r)}${r + 1}</td><td>${bdi(v.id)}</td><td>${bdi(v.startTime)}</td>` +
    `<td>${v.durationMs === undefined ? 'unknown' : formatDuration(v.durationMs)}</td><td>${bdi(v.model.type)}</td><td>${bdi(v.origin)}</td>` +
    `<td>${v.rows.toLocaleString('en')}</td><td>${bdi(v.digest ?? '')}</td>${signed ? `<td>${bdi(signatureText(v) ?? '')}</td>` : ''}</tr>`).join('');
  return `<table class="runs"><caption>Runs compared</caption><thead><tr><th scope="col">#</th><th scope="col">run id</th><th scope="col">started</th>` +
    `<th scope="col">duration</th><th scope="col">model</th><th scope="col">dataset</th><th scope="col">rows</th><th scope="col">digest</th>${signed ? '<th scope="col">signature</th>' : ''}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** A table of a dictionary across runs, rows whose values differ marked (class and a visible ≠). */
export function differenceTable(caption: string, dicts: readonly JsonDict[]): string {
  const keys = [...new Set(dicts.flatMap((d) => Object.keys(d)))];
  if (keys.length === 0) return `<p class="none">${escapeHtml(caption)}: none recorded.</p>`;
  let differing = 0;
  const rows = keys.map((k) => {
    const cells = dicts.map((d) => (Object.hasOwn(d, k) ? JSON.stringify(d[k]) : undefined));
    const differs = cells.some((c) => c !== cells[0]);
    if (differs) differing++;
    const tds = dicts.map((d) => (Object.hasOwn(d, k) ? `<td>${bdi(displayValue(d[k]))}</td>` : '<td class="absent">—</td>')).join('');
    return `<tr${differs ? ' class="differs"' : ''}><td class="flag">${differs ? '<span aria-label="differs">≠</span>' : ''}</td><th scope="row">${bdi(k)}</th>${tds}</tr>`;
  }).join('');
  const head = dicts.map((_, r) => `<th scope="col">${swatch(r)}run ${r + 1}</th>`).join('');
  return `<p class="diff-count">${differing} of ${keys.length} differ.</p><table class="compare"><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr><th scope="col"><span class="visually-hidden">differs</span></th><th scope="col">name</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * Parallel coordinates of the differing parameters against a metric chosen in a `<select>` (one SVG per metric),
 * `preferred` first (the first metric with a curve), then the others in first-seen order.
 */
export function parallelSection(views: readonly RunView[], preferred?: string): string {
  const shared = [...new Set(views.flatMap((v) => Object.keys(v.metrics)))]
    .filter((m) => views.filter((v) => typeof v.metrics[m] === 'number').length >= 2);
  const metrics = preferred !== undefined && shared.includes(preferred) ? [preferred, ...shared.filter((m) => m !== preferred)] : shared;
  const axes = parameterAxes(views);
  let body: string;
  if (metrics.length === 0) body = '<p class="none">No numeric metric is shared by two runs or more.</p>';
  else {
    const options = metrics.map((m, i) => `<option value="${i}"${i === 0 ? ' selected' : ''}>${escapeHtml(m)}</option>`).join('');
    const note = axes.length === 0 ? '<p class="none">No parameter differs between these runs: only the metric axis is drawn.</p>' : '';
    const svgs = metrics.map((m, i) => `<div class="parallel" data-index="${i}"${i === 0 ? '' : ' hidden'}>${parallelSvg(views, axes, m)}</div>`).join('');
    body = `<p><label for="parallel-metric">Metric</label> <select id="parallel-metric">${options}</select></p>${note}${svgs}`;
  }
  return section('parallel', 'Parameters against a metric (parallel coordinates)', body);
}
