import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '../errors';
import { TrainingBOM } from '../models/training-bom';
import { chartPayload, chartSpecs } from './chart-data';
import { chartSection } from './chart-sections';
import { differenceTable, parallelSection, runsTable } from './comparison-sections';
import { section } from './html-blocks';
import { escapeHtml, jsonForScript } from './html-escape';
import { REPORT_CLIENT } from './report-client';
import type { RenderReportOptions, ReportRun } from './report-run';
import { REPORT_STYLE } from './report-style';
import { anomalyTable, runFacts } from './run-sections';
import { runView, type RunView } from './run-view';

let assets: { script: string; style: string } | undefined;

/** uPlot's minified script and stylesheet, read once from its package (a runtime dependency). */
function uplot(): { script: string; style: string } {
  if (assets === undefined) {
    const script = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
    const style = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    if (/<\/script|<!--|<script/i.test(script) || /<\/style/i.test(style)) throw new Error('uPlot\'s files hold text that would end their inline element');
    assets = { script, style };
  }
  return assets;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function check(input: unknown, options: RenderReportOptions): number {
  if (!Array.isArray(input) || input.length === 0) throw new InvalidArgumentError('runs', 'must be a non-empty array of { bom, history? }');
  (input as (Partial<ReportRun> | undefined)[]).forEach((run, i) => {
    if (!(run?.bom instanceof TrainingBOM)) throw new InvalidArgumentError(`runs.${i}.bom`, 'must be a TrainingBOM');
    if (run.history !== undefined && !Array.isArray(run.history)) throw new InvalidArgumentError(`runs.${i}.history`, 'must be an array of MetricHistory');
  });
  const max = options.maxPointsPerSeries ?? 2000;
  if (!Number.isInteger(max) || max < 16) throw new InvalidArgumentError('maxPointsPerSeries', 'must be an integer of at least 16');
  return max;
}

function body(runs: readonly ReportRun[], views: readonly RunView[], charts: string, preferred: string | undefined): string {
  if (runs.length === 1) {
    return runFacts(views[0], runs[0].history, '', 2, charts);
  }
  const parts = [
    section('runs', 'Runs', runsTable(views)),
    section('params', 'Parameters', differenceTable('Parameters by run', views.map((v) => v.params))),
    section('metrics', 'Final metrics', differenceTable('Final metrics by run', views.map((v) => v.metrics))),
    charts,
  ];
  if (runs.length >= 3) parts.push(parallelSection(views, preferred));
  const anomalies = views.flatMap((v) => v.anomalies.map((a) => ({ a, id: v.id })));
  parts.push(section('anomalies', 'Anomalies', anomalyTable(anomalies.map((x) => x.a), anomalies.map((x) => x.id))));
  parts.push(section('details', 'Each run in full', views.map((v, r) =>
    `<details class="run"><summary>Run ${r + 1}: <bdi>${escapeHtml(v.id)}</bdi></summary>${runFacts(v, runs[r].history, `r${r}-`, 3)}</details>`).join('')));
  return parts.join('');
}

/**
 * One self-contained HTML page about one run, or comparing several: summary, features, parameters, final
 * metrics, a chart per metric from the full history (uPlot, inlined), anomalies, environment and dataset facts;
 * for several runs, overlaid curves, tables with differences marked and, from three runs, parallel coordinates.
 * Works offline from `file://`; a Content-Security-Policy forbids every request and admits only its own script
 * and style by hash. Every string from a BOM is escaped for where it lands; secrets are redacted as `show` does.
 * @throws InvalidArgumentError when `runs` is empty or holds something that is not a TrainingBOM.
 */
export function renderReport(runs: readonly ReportRun[], options: RenderReportOptions = {}): string {
  const maxPoints = check(runs, options);
  const views = runs.map(runView);
  const specs = chartSpecs(runs, views, maxPoints);
  const charts = chartSection(specs, views, runs.some((r) => r.history !== undefined));
  const lib = uplot();
  const style = `${REPORT_STYLE}\n${lib.style}`;
  const title = options.title ?? (runs.length === 1 ? `Training run ${views[0].id}` : `Comparison of ${runs.length} runs`);
  const csp = `default-src 'none'; script-src ${sha256(lib.script)} ${sha256(REPORT_CLIENT)}; style-src ${sha256(style)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const sub = runs.length === 1 ? `${views[0].model.type} on ${views[0].origin}` : views.map((v) => v.id).join(' · ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    '</head><body>',
    `<header><h1><bdi>${escapeHtml(title)}</bdi></h1><p class="sub"><bdi>${escapeHtml(sub)}</bdi></p></header>`,
    `<main>${body(runs, views, charts, specs[0]?.key)}</main>`,
    '<footer>Written by training-bom. This file makes no network request: everything it shows is inside it.</footer>',
    `<script type="application/json" id="report-data">${jsonForScript(chartPayload(views, specs))}</script>`,
    `<script>${lib.script}</script>`,
    `<script>${REPORT_CLIENT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
