/**
 * The HTML report of one run with 100 metrics × 10,000 points (docs/benchmarks.md, "HTML report"): the file's
 * size, `renderReport`'s time, the CLI's time to write it (`training-bom report <id> --out`, history read from
 * the store) and, in headless Chromium (Debian's /usr/bin/chromium, via playwright-core), the time from
 * navigation start to the last chart drawn (target < 1 s). Beside the default 2,000 drawn points per series,
 * 1,000 and 10,000 (no downsampling) show the trade-off.
 *
 *   npm run build && node -r ts-node/register/transpile-only bench/html-report.ts [--write] [--rounds N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { FileBomStore, renderReport, TrainingBOM, type MetricHistory } from '../src';
import { hostLine, median, writeSection } from './report';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1] ?? 5) || 5;
const METRICS = 100;
const POINTS = 10_000;
const CLI = resolve(__dirname, '../dist/cli/main.js');
const START = Date.UTC(2024, 8, 5, 10);

/** Noisy training-like curves: decaying losses, rising accuracies, a learning-rate schedule; 1 ms a step apart. */
function histories(): MetricHistory[] {
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: METRICS }, (_, m) => {
    const values = new Float64Array(POINTS);
    for (let i = 0; i < POINTS; i++) {
      const base = m % 3 === 0 ? 2 * Math.exp(-i / 2000) + 0.05 : m % 3 === 1 ? 1 - 0.5 * Math.exp(-i / 3000) : 0.1 * 0.9995 ** i;
      values[i] = base * (1 + 0.05 * (random() - 0.5));
    }
    return {
      key: `${['loss', 'accuracy', 'lr'][m % 3]}/${m}`, length: POINTS, values, nonFiniteCount: 0, latest: values[POINTS - 1],
      steps: Float64Array.from({ length: POINTS }, (_, i) => i), timestamps: Float64Array.from({ length: POINTS }, (_, i) => START + i * 60),
    };
  });
}

function bom(history: readonly MetricHistory[]): TrainingBOM {
  return new TrainingBOM({
    id: 'bench-100x10k', startTime: new Date(START).toISOString(), endTime: new Date(START + POINTS * 60).toISOString(),
    datasetInfo: { origin: 'file:///data/train.csv', size: 1_000_000 }, featureInfo: { originalFeatures: ['a', 'b'], selectedFeatures: ['a'] },
    modelInfo: { type: 'MLP', architecture: '4 layers' }, mlflowParams: { lr: 0.001, epochs: 100 },
    mlflowMetrics: Object.fromEntries(history.map((h) => [h.key, h.latest])),
  });
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  const history = histories();
  const run = { bom: bom(history), history };
  const store = new FileBomStore(join(dir, 'store'));
  await store.put(run.bom, { history });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const rows: string[] = [];
  try {
    for (const maxPoints of [1000, 2000, 10_000]) {
      const file = join(dir, `r${maxPoints}.html`);
      renderReport([run], { maxPointsPerSeries: maxPoints });   // warm
      const render: number[] = [];
      const drawn: number[] = [];
      let html = '';
      for (let r = 0; r < ROUNDS; r++) {
        const began = process.hrtime.bigint();
        html = renderReport([run], { maxPointsPerSeries: maxPoints });
        render.push(Number(process.hrtime.bigint() - began) / 1e6);
      }
      writeFileSync(file, html);
      for (let r = 0; r < ROUNDS; r++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('html[data-charts-drawn]', { timeout: 60_000 });
        const charts = await page.getAttribute('html', 'data-charts-drawn');
        if (charts !== String(METRICS)) throw new Error(`${charts} charts drawn, expected ${METRICS}`);
        drawn.push(await page.evaluate<number>('window.__reportDrawnAt'));
        await page.close();
      }
      let cli = '';
      if (maxPoints === 2000) {
        const times: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          const began = process.hrtime.bigint();
          const p = spawnSync(process.execPath, [CLI, 'report', run.bom.id, '--store', store.directory, '--out', join(dir, 'cli.html')], { encoding: 'utf8' });
          if (p.status !== 0) throw new Error(p.stderr);
          times.push(Number(process.hrtime.bigint() - began) / 1e6);
        }
        cli = `${median(times).toFixed(0)} ms`;
      }
      const target = median(drawn) < 1000 ? 'yes' : '**no**';
      rows.push(`| ${maxPoints.toLocaleString('en')}${maxPoints === 2000 ? ' (default)' : maxPoints === POINTS ? ' (all points)' : ''} | ${(statSync(file).size / 1e6).toFixed(2)} MB | ${median(render).toFixed(0)} ms | ${cli || '—'} | **${median(drawn).toFixed(0)} ms** (${Math.min(...drawn).toFixed(0)}–${Math.max(...drawn).toFixed(0)}) | ${target} |`);
      console.log(rows[rows.length - 1]);
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const body = [
    `${hostLine()} One run, ${METRICS} metrics × ${POINTS.toLocaleString('en')} points (1,000,000 points), ${ROUNDS} rounds each; medians (range). Load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (2 cores shared).`,
    'Chromium: Debian\'s headless `chromium` through playwright-core, a fresh page a round, viewport 1280×900; "to last chart drawn" is',
    '`performance.now()` (navigation start = 0) when the page\'s script sees the 100th uPlot chart\'s first draw. The CLI time is a whole',
    '`training-bom report <id> --store … --out …` process: start-up, reading the BOM and its 1,000,000-point history, rendering, writing.',
    '',
    '| drawn points per series | file size | `renderReport` | CLI, whole process | navigation → last chart drawn | < 1 s |',
    '|--:|--:|--:|--:|--:|:-:|',
    ...rows,
  ].join('\n');
  console.log(body);
  if (process.argv.includes('--write')) writeSection(resolve(__dirname, '../docs/benchmarks.md'), 'html-report', body);
}

void main();
