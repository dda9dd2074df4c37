import type { ChartSpec } from './chart-data';
import { bdi, escapeHtml } from './html-escape';
import type { RunView } from './run-view';

function figure(spec: ChartSpec, views: readonly RunView[]): string {
  const points = spec.points.reduce((a, b) => a + b, 0);
  const bad = spec.nonFinite.reduce((a, b) => a + b, 0);
  const drawn = spec.series.reduce((a, s) => a + s.y.length, 0);
  const meta = [`${points.toLocaleString('en')} points`, drawn < points ? `${drawn.toLocaleString('en')} drawn (min/max per bucket)` : '',
    bad > 0 ? `${bad} non-finite` : '', spec.log ? 'log scale' : ''].filter((s) => s !== '').join(' · ');
  const marks = spec.marks.map((m) => `${views.length > 1 ? `${views[m.run].id}: ` : ''}${m.rule} at step ${m.s ?? '?'}`);
  const list = marks.length === 0 ? '' : `<p class="marks">${marks.map((m) => bdi(m)).join('; ')}</p>`;
  return `<figure class="metric"><figcaption>${bdi(spec.key)} <span class="meta">${escapeHtml(meta)}</span></figcaption><div class="chart"></div>${list}</figure>`;
}

/** The curves: the x-axis switch, the marker legend and one figure per chart (the page's script draws into them). */
export function chartSection(specs: readonly ChartSpec[], views: readonly RunView[], anyHistory: boolean): string {
  if (specs.length === 0) {
    const why = anyHistory ? 'No metric was logged at more than one point.' : 'No metric history was stored with this run: only final values are known.';
    return `<section id="charts" aria-labelledby="charts-h"><h2 id="charts-h">Metric curves</h2><p class="none">${why}</p></section>`;
  }
  const controls = '<fieldset class="x-axis"><legend>x axis</legend>' +
    '<label><input type="radio" name="x-axis" value="step" checked> step</label>' +
    '<label><input type="radio" name="x-axis" value="time"> seconds since start</label></fieldset>' +
    '<p class="marks-legend">Dashed lines: anomalies recorded by the run (<span class="rule rule-non_finite">non_finite</span>, ' +
    '<span class="rule rule-divergence">divergence</span>, <span class="rule rule-plateau">plateau</span>); ' +
    '<span class="bad-mark">▲</span> on the x axis: a NaN or infinite value (a gap in the curve).</p>';
  return `<section id="charts" aria-labelledby="charts-h"><h2 id="charts-h">Metric curves</h2>${controls}<div class="charts">${specs.map((s) => figure(s, views)).join('')}</div></section>`;
}
