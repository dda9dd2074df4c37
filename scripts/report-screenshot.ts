/**
 * docs/images/report.png, the README's picture of the report: three demo trainings (iris random forest, the
 * demo's code with three seeds and forest sizes) compared in one report, shot in Debian's headless chromium.
 *
 *   npm run build && node -r ts-node/register/transpile-only scripts/report-screenshot.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderReport, TrainingWorkflowTracker } from 'training-bom';
import { loadIris, withDataDigest } from '../examples/demo/iris-data';
import { DEFAULT_CONFIG, trainIrisForest } from '../examples/demo/train-iris-forest';

async function main(): Promise<void> {
  const data = await withDataDigest(loadIris());
  const runs = [[42, 50], [7, 20], [2024, 80]].map(([seed, nEstimators]) => {
    const tracker = new TrainingWorkflowTracker({ logger: { info: () => undefined, warn: () => undefined } }).startTraining();
    trainIrisForest(data, { ...DEFAULT_CONFIG, seed, nEstimators }, tracker);
    return { bom: tracker.finalizeTraining(), history: tracker.metricHistories() };
  });
  const file = join(mkdtempSync(join(tmpdir(), 'report-shot-')), 'report.html');
  writeFileSync(file, renderReport(runs, { title: 'Three iris forests compared' }));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-charts-drawn]');
  const top = await page.evaluate<number>("document.querySelector('#metrics').getBoundingClientRect().top + scrollY");
  const bottom = await page.evaluate<number>("document.querySelector('#parallel').getBoundingClientRect().bottom + scrollY");
  const out = resolve(__dirname, '../docs/images/report.png');
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: top - 10, width: 1100, height: Math.min(1600, bottom - top + 20) } });
  await browser.close();
  console.log(`wrote ${out}`);
}

void main();
