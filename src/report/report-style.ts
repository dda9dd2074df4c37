import { RUN_COLORS } from './chart-data';

/** The report's own stylesheet (uPlot's follows it in the same `<style>`, admitted by its hash). */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a525c; --line: #d0d7de; --bg: #ffffff; --band: #f6f8fa; --diff: #fff4ce; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 10px 0 4px; }
.sub { color: var(--muted); margin: 0 0 12px; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 0; }
dl.summary dt { font-weight: 600; color: var(--muted); }
dl.summary dd { margin: 0; overflow-wrap: anywhere; }
.sig-verified dd:last-of-type { color: #116329; font-weight: 600; }
.sig-invalid dd:last-of-type, .sig-unverified dd:last-of-type { color: #a40e26; font-weight: 600; }
table:not(.u-legend) { border-collapse: collapse; margin: 6px 0 10px; max-width: 100%; }
caption { text-align: left; font-weight: 600; color: var(--muted); padding: 2px 0; }
table:not(.u-legend) :is(th, td) { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; min-width: 3.5em; }
table:not(.u-legend) td { overflow-wrap: anywhere; min-width: 8em; }
table:not(.u-legend) td.flag { min-width: 0; }
table:not(.u-legend) thead th { background: var(--band); }
table:not(.u-legend) tbody th { font-weight: 500; min-width: 12em; }
tr.differs td, tr.differs th { background: var(--diff); }
td.flag { width: 1.5em; text-align: center; font-weight: 700; color: #7d4e00; }
td.absent { color: var(--muted); }
.none { color: var(--muted); font-style: italic; }
.cols { display: flex; gap: 40px; flex-wrap: wrap; }
ul.names { margin: 0; padding-left: 20px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 14px; }
figure.metric { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; min-width: 0; }
figure.metric figcaption { font-weight: 600; margin-bottom: 4px; overflow-wrap: anywhere; }
.meta { font-weight: 400; color: var(--muted); font-size: 12px; }
.marks { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
fieldset.x-axis { border: 1px solid var(--line); border-radius: 6px; display: inline-flex; gap: 14px; padding: 4px 12px; }
.marks-legend { font-size: 13px; color: var(--muted); }
.rule { font-family: ui-monospace, monospace; padding: 0 4px; border-radius: 3px; color: #fff; white-space: nowrap; }
.rule-non_finite { background: #b8002e; } .rule-divergence { background: #7b2d8e; } .rule-plateau { background: #8a4b00; } .rule-other { background: #4a525c; white-space: normal; }
.bad-mark { color: #b8002e; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
${RUN_COLORS.map((c, i) => `.run${i} { background: ${c}; }`).join('\n')}
.parallel svg { max-width: 100%; height: auto; font-size: 12px; }
.parallel line { stroke: #57606a; stroke-width: 1; }
.parallel text { fill: var(--ink); }
.parallel .axis-name { font-weight: 600; }
.pc-line { fill: none; stroke-width: 2.5; stroke-opacity: 0.85; }
details.run { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
details.run summary { cursor: pointer; font-weight: 600; }
footer { max-width: 1200px; margin: 30px auto; padding: 8px 20px; color: var(--muted); border-top: 1px solid var(--line); font-size: 12px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.u-legend { font-size: 12px; }
`;
