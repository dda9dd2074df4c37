import { formatDuration } from '../core/format-duration';
import type { MetricHistory } from '../tracker/metric-series';
import { bdi, escapeHtml } from './html-escape';
import { dictTable, flatRows, keyValueTable, nameList, section } from './html-blocks';
import { displayValue, type AnomalyView, type RunView } from './run-view';

const STATUS_WORDS: Readonly<Record<string, string>> = {
  verified: 'verified', unverified: 'signed, key not trusted', invalid: 'INVALID signature', unsigned: 'not signed',
};

/** The signature line of a summary: status, key id and detail, all escaped. */
export function signatureText(view: RunView): string | undefined {
  const a = view.attestation;
  if (a === undefined) return undefined;
  const words = Object.hasOwn(STATUS_WORDS, a.status) ? STATUS_WORDS[a.status] : String(a.status);
  return [words, a.keyId === undefined ? '' : `key ${a.keyId}`, a.detail ?? ''].filter((s) => s !== '').join(' · ');
}

/** The summary list: id, times, duration, model, dataset (origin, rows, digest), signature. */
export function summaryList(view: RunView): string {
  const rows: [string, string][] = [
    ['Run id', view.id],
    ['Started', view.startTime],
    ['Ended', view.endTime],
    ['Duration', view.durationMs === undefined ? 'unknown' : formatDuration(view.durationMs)],
    ['Model', `${view.model.type} (${view.model.architecture})`],
    ['Dataset', view.origin],
    ['Rows', view.rows.toLocaleString('en')],
    ['Digest', view.digest ?? 'not recorded'],
  ];
  const signature = signatureText(view);
  if (signature !== undefined) rows.push(['Signature', signature]);
  const status = view.attestation?.status;
  const cls = status !== undefined && Object.hasOwn(STATUS_WORDS, status) ? ` sig-${status}` : '';
  return `<dl class="summary${cls}">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${bdi(v)}</dd>`).join('')}</dl>`;
}

/** Final metric values, with the number of points logged when the history is known. */
export function metricsTable(view: RunView, history: readonly MetricHistory[] | undefined): string {
  const keys = Object.keys(view.metrics);
  if (keys.length === 0) return '<p class="none">No metrics recorded.</p>';
  const byKey = new Map((history ?? []).map((h) => [h.key, h]));
  const head = `<tr><th scope="col">metric</th><th scope="col">final value</th>${history === undefined ? '' : '<th scope="col">points</th><th scope="col">non-finite</th>'}</tr>`;
  const body = keys.map((k) => {
    const h = byKey.get(k);
    const extra = history === undefined ? '' : `<td>${h?.length ?? 0}</td><td>${h?.nonFiniteCount ?? 0}</td>`;
    return `<tr><th scope="row">${bdi(k)}</th><td>${bdi(displayValue(view.metrics[k]))}</td>${extra}</tr>`;
  }).join('');
  return `<table class="kv"><caption>Final metrics</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** The anomalies recorded, one row each; with `runLabels` (one per anomaly) a first column names the run. */
export function anomalyTable(anomalies: readonly AnomalyView[], runLabels?: readonly string[]): string {
  if (anomalies.length === 0) return '<p class="none">No anomaly recorded (or the run was not watched).</p>';
  const rows = anomalies.map((a, i) => `<tr>${runLabels === undefined ? '' : `<td>${bdi(runLabels[i])}</td>`}<td>${bdi(a.key)}</td><td><span class="rule rule-${a.rule === 'non_finite' || a.rule === 'divergence' || a.rule === 'plateau' ? a.rule : 'other'}">${escapeHtml(a.rule)}</span></td>` +
    `<td>${a.step ?? ''}</td><td>${bdi(a.value)}</td><td>${bdi(a.message)}</td></tr>`).join('');
  return `<table class="anomalies"><caption>Anomalies</caption><thead><tr>${runLabels === undefined ? '' : '<th scope="col">run</th>'}<th scope="col">metric</th><th scope="col">rule</th><th scope="col">step</th><th scope="col">value</th><th scope="col">message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Features kept and dropped. */
export function featureSection(view: RunView, id: string, level = 2): string {
  const h = `h${level + 1}`;
  const extra = view.notInOriginal.length === 0 ? '' : `<${h}>Selected but not among the original features (${view.notInOriginal.length})</${h}>${nameList(view.notInOriginal)}`;
  return section(id, 'Features', `<div class="cols"><div><${h}>Kept (${view.kept.length})</${h}>${nameList(view.kept)}</div><div><${h}>Dropped (${view.dropped.length})</${h}>${nameList(view.dropped)}</div></div>${extra}`, level);
}

/** Environment, seeds, data quality, dataset inspection and any other additional values. */
export function factSections(view: RunView, prefix: string, level = 2): string {
  const parts = [
    section(`${prefix}environment`, 'Environment', keyValueTable('Environment', flatRows(view.environment)), level),
    section(`${prefix}seeds`, 'Seeds', keyValueTable('Seeds', flatRows(view.seeds)), level),
    section(`${prefix}quality`, 'Data quality', keyValueTable('Data quality', flatRows(view.dataQuality)), level),
    section(`${prefix}inspection`, 'Dataset inspection', keyValueTable('Dataset inspection', flatRows(view.dataset)), level),
  ];
  if (Object.keys(view.additional).length > 0) parts.push(section(`${prefix}other`, 'Other recorded facts', keyValueTable('Other additional values', flatRows(view.additional)), level));
  return parts.join('');
}

/** Everything of one run but its charts: summary, features, parameters, final metrics, anomalies, facts. */
export function runFacts(view: RunView, history: readonly MetricHistory[] | undefined, prefix: string, level = 2, charts = ''): string {
  return [
    section(`${prefix}summary`, 'Summary', summaryList(view), level),
    featureSection(view, `${prefix}features`, level),
    section(`${prefix}params`, 'Parameters', dictTable('Parameters', view.params), level),
    section(`${prefix}metrics`, 'Final metrics', metricsTable(view, history), level),
    charts,
    section(`${prefix}anomalies`, 'Anomalies', anomalyTable(view.anomalies), level),
    factSections(view, prefix, level),
  ].join('');
}
