/**
 * Debian's chromium driven by playwright-core (no browser download): finds it, loads a report from file://
 * and collects what the tests assert on. Outside CI a missing browser skips the suite; in CI it fails it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where screenshots go (gitignored; CI keeps the folder as an artifact). */
export const ARTIFACTS = resolve(__dirname, '../../test-artifacts/report');

/** The chromium binary: `$CHROMIUM_PATH`, else Debian's /usr/bin/chromium; undefined when neither exists. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => p !== undefined && p !== '');
  return candidates.find((p) => existsSync(p));
}

/** Launches chromium, or skips the calling suite with the reason (fails it instead when CI=true). */
export async function launchOrSkip(context: Mocha.Context): Promise<Browser> {
  const path = chromiumPath();
  if (path === undefined) {
    const why = 'no chromium at $CHROMIUM_PATH or /usr/bin/chromium (apt-get install -y chromium); the browser tests of the report are skipped';
    if (process.env.CI === 'true') throw new Error(why.replace('are skipped', 'cannot run, and CI requires them'));
    console.warn(`      skipped: ${why}`);
    context.skip();
  }
  return chromium.launch({ executablePath: path, args: ['--no-sandbox'] });
}

/** What a loaded report did. */
export interface PageVisit {
  readonly page: Page;
  /** Console errors and warnings and uncaught exceptions. */
  readonly problems: string[];
  /** Requests to anything but file: and data: URLs. */
  readonly requests: string[];
}

/** Opens `file` from file:// and waits until its script says every chart is drawn. */
export async function visit(browser: Browser, file: string): Promise<PageVisit> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (!/^(file|data):/.test(r.url())) requests.push(r.url()); });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-charts-drawn]', { timeout: 15_000 });
  return { page, problems, requests };
}

/** Per uPlot canvas, how many pixels are not blank (a drawn chart has thousands). Page code as text: the tests compile without the DOM library. */
export function paintedPixels(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`[...document.querySelectorAll('.chart canvas')].map((canvas) => {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
    return painted;
  })`);
}

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[] }[] }

/** axe-core's serious and critical violations on the page (axe injected through the DevTools protocol, which the page's CSP does not govern). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate<AxeViolation[]>("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)");
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

/** Saves a full-page screenshot under {@link ARTIFACTS}. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
