// The demo page (examples/web) in headless Chromium: fit the seed data and a CSV by clicking, check
// the numbers it shows bit for bit against the same fits in Node (gradient descent, the closed
// form's summary, a diverged run), that a failed fit leaves nothing of the previous one, that the
// page fits a 390 px phone, and keep screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DivergenceError, LinearModel, LinearRegression, SGD, train } from '../../src/index.js';
import { buildDemo } from '../../scripts/demo-build.js';
import { serveStatic, type StaticServer } from '../../scripts/serve-static.js';
import { parseCsv } from '../../examples/web/src/csv.js';
import { launchChromium, skipBrowserTests } from './harness/chromium.js';
import { repoRoot } from './harness/package.js';
import { bits } from './scenario.js';
import fixture from '../fixtures/seed-torch-reference.json';

const results = join(repoRoot, 'test-results');
const sampleCsv = readFileSync(join(repoRoot, 'examples/web/sample.csv'), 'utf8');
/** The settings under which plain SGD blows up on the sample CSV. */
const DIVERGING = { lr: 0.001, iterations: 20_000 };

/** The seed fit as the demo runs it, in Node: weights then bias, as float64 bit patterns. */
function nodeSeedFit(): string[] {
  const model = new LinearModel(3, { weight: fixture.init.w, bias: fixture.init.b });
  train(model, new SGD(model.parameters(), { lr: fixture.lr }), fixture.X, fixture.y_obs, { iterations: fixture.n_iter, loss: 'sse' });
  const out = [...model.weight, model.bias].map(bits);
  model.dispose();
  return out;
}

/** The closed form's summary of the seed data, in Node, and its printed table when it has one. */
function nodeSeedSummary(): { pValues: number[]; fPValue: number; rSquared: number; text: string | undefined } {
  const s = new LinearRegression().fit(fixture.X, fixture.y_obs, { featureNames: ['x1', 'x2', 'x3'] }).summary();
  const text = typeof s.toString === 'function' && String(s) !== '[object Object]' ? String(s) : undefined;
  return { pValues: Array.from(s.pValues), fPValue: s.fPValue, rSquared: s.rSquared, text };
}

/** The iteration at which SGD at DIVERGING.lr diverges on the sample CSV, in Node. */
function nodeDivergence(): number {
  const { X, y } = parseCsv(sampleCsv);
  const model = new LinearModel(X[0].length);
  try {
    train(model, new SGD(model.parameters(), { lr: DIVERGING.lr }), X, y, { iterations: DIVERGING.iterations, loss: 'mse' });
  } catch (error) {
    if (error instanceof DivergenceError) return error.iteration;
    throw error;
  } finally {
    model.dispose();
  }
  throw new Error(`SGD at lr ${DIVERGING.lr} no longer diverges on the sample: pick another DIVERGING`);
}

/** Clicks `button` and waits for the fit to end; returns 'done' or 'error'. */
async function run(page: Page, button: string): Promise<string | null> {
  await page.click(button);
  await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 60_000 });
  return page.getAttribute('#status', 'data-state');
}

async function fitAndWait(page: Page, button: string): Promise<void> {
  if (await run(page, button) !== 'done') throw new Error(`the demo failed: ${await page.textContent('#status')}`);
}

/** The number of pixels of a chart's canvas within 40 per channel of `rgb` (the series' colour). */
function pixelsOf(page: Page, chart: string, rgb: [number, number, number]): Promise<number> {
  return page.$eval(`${chart} canvas`, (canvas, [r, g, b]) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) < 40 && Math.abs(data[i + 1] - g) < 40 && Math.abs(data[i + 2] - b) < 40) n++;
    }
    return n;
  }, rgb);
}

const LOSS_RGB: [number, number, number] = [0x25, 0x63, 0xeb];
const RESIDUAL_RGB: [number, number, number] = [0x7c, 0x3a, 0xed];
const points = (page: Page, chart: string) => page.getAttribute(chart, 'data-points').then(Number);
const rowNames = (page: Page, table: string) =>
  page.$$eval(`${table} tbody tr[data-name]`, (rows) => rows.map((r) => r.getAttribute('data-name')));

describe.skipIf(skipBrowserTests())('the demo page in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linreg-demo-'));
    await buildDemo(dir);
    [browser, server] = await Promise.all([launchChromium(), serveStatic(dir)]);
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${server.url}/index.html`);
    mkdirSync(results, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fits the seed data in the worker and shows Node\'s numbers, bit for bit, with the loss curve drawn live', async () => {
    await fitAndWait(page, '#fit-seed');
    const shown = await page.$$eval('#coefficients tbody tr', (rows) => rows.map((r) => ({
      name: r.getAttribute('data-name'), bits: r.querySelector('td.num')?.getAttribute('data-bits'),
      text: r.querySelector('td.num')?.textContent,
    })));
    expect(shown.map((r) => r.name)).toEqual(['x1', 'x2', 'x3', '(intercept)']);
    expect(shown.map((r) => r.bits)).toEqual(nodeSeedFit());
    expect(Number(shown[0].text)).toBeCloseTo(fixture.final.w[0], 6);
    // logEvery = iterations / 250: the curve got its points one onLog at a time.
    expect(await page.$$eval('#loss-chart .u-over', (els) => els.length)).toBe(1);
    await expect.poll(() => points(page, '#loss-chart')).toBe(250); // redrawn once per frame
    expect(await page.textContent('#status')).toMatch(/done: 10000 iterations/);
    await page.screenshot({ path: join(results, 'demo.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows the closed form\'s summary: Node\'s p-values, R², F and its p-value, and the printed table when there is one', async () => {
    const node = nodeSeedSummary();
    expect(await rowNames(page, '#summary')).toEqual(['const', 'x1', 'x2', 'x3']);
    const heads = await page.$$eval('#summary thead th', (ths) => ths.map((th) => th.textContent));
    expect(heads).toEqual(['', 'coef', 'std err', 't', 'P>|t|', '[0.025', '0.975]']);
    const p = await page.$$eval('#summary td.p', (tds) => tds.map((td) => ({ value: Number(td.getAttribute('data-value')), text: td.textContent })));
    expect(p.map((c) => c.value)).toEqual(node.pValues);
    for (const c of p) expect(c.text).toMatch(/^\d\.\d{3}$|^\d\.\d\de-\d+$/);
    const stat = (key: string) => page.getAttribute(`#model-stats [data-stat="${key}"]`, 'data-value').then(Number);
    expect(await stat('r2')).toBe(node.rSquared);
    expect(await stat('f-p')).toBe(node.fPValue);
    expect(await page.isVisible('#summary-text')).toBe(node.text !== undefined);
    if (node.text !== undefined) expect(await page.textContent('#summary-text')).toBe(node.text);
  });

  it('plots the closed form\'s residuals against its fitted values, one point per row', async () => {
    expect(await points(page, '#residual-chart')).toBe(fixture.X.length);
    await expect.poll(() => pixelsOf(page, '#residual-chart', RESIDUAL_RGB)).toBeGreaterThan(50);
  });

  it('loads an uploaded CSV file into the editor', async () => {
    await page.setInputFiles('#file', { name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from('u,v\n1,2\n2,4.1\n3,5.9\n') });
    await expect.poll(() => page.inputValue('#csv')).toBe('u,v\n1,2\n2,4.1\n3,5.9\n');
  });

  it('fits a pasted CSV, one row per feature in the tables', async () => {
    await page.fill('#csv', 'a,b,target\n1,2,5.1\n2,1,4.9\n3,5,13.2\n4,3,10.8\n5,5,15.1\n6,2,10.2\n');
    await fitAndWait(page, '#fit-csv');
    expect(await rowNames(page, '#coefficients')).toEqual(['a', 'b', '(intercept)']);
    expect(await rowNames(page, '#summary')).toEqual(['const', 'a', 'b']);
    expect(await points(page, '#residual-chart')).toBe(6);
    expect(await page.textContent('#status')).toMatch(/R² 0\.9/);
  });

  it('says what is wrong with a bad CSV, and leaves nothing of the previous fit on the page', async () => {
    expect(await rowNames(page, '#coefficients')).toHaveLength(3); // the previous test's fit
    await page.fill('#csv', 'a,y\n1,2\n2,oops\n');
    await page.click('#fit-csv');
    await expect.poll(() => page.textContent('#status')).toMatch(/row 3, column 2: "oops" is not a number/);
    expect(await page.getAttribute('#status', 'data-state')).toBe('error');
    expect(await rowNames(page, '#coefficients')).toEqual([]);
    expect(await rowNames(page, '#summary')).toEqual([]);
    expect(await page.$$eval('#model-stats > *', (els) => els.length)).toBe(0);
    expect(await page.isVisible('#summary-text')).toBe(false);
    for (const chart of ['#loss-chart', '#fit-chart', '#residual-chart']) expect(await points(page, chart)).toBe(0);
    expect(await page.textContent('#coefficients')).toMatch(/the last fit failed/);
  });

  it('draws a diverged run\'s loss up to the blow-up and marks where it diverged', async () => {
    const iteration = nodeDivergence();
    await page.fill('#csv', sampleCsv);
    await page.selectOption('#optimizer', 'sgd');
    await page.fill('#lr', String(DIVERGING.lr));
    await page.fill('#iterations', String(DIVERGING.iterations));
    expect(await run(page, '#fit-csv')).toBe('error');
    expect(await page.textContent('#status')).toMatch(new RegExp(`diverged.*iteration ${iteration}`));
    expect(await page.getAttribute('#loss-chart', 'data-diverged-at')).toBe(String(iteration));
    expect(await points(page, '#loss-chart')).toBeGreaterThan(iteration / 2);
    await expect.poll(() => pixelsOf(page, '#loss-chart', LOSS_RGB)).toBeGreaterThan(50);
    expect(await rowNames(page, '#coefficients')).toEqual([]);
    expect(await points(page, '#fit-chart')).toBe(0);
    await page.screenshot({ path: join(results, 'demo-diverged.png'), fullPage: true });
  });

  it('sets each optimizer\'s default learning rate', async () => {
    await page.selectOption('#optimizer', 'adam');
    expect(Number(await page.inputValue('#lr'))).toBe(0.01);
    await page.selectOption('#optimizer', 'sgd');
    expect(Number(await page.inputValue('#lr'))).toBe(5e-5);
  });

  it('fits a 390 px wide phone screen: wide tables scroll inside their box, the page does not', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(`${server.url}/index.html`);
      const scrollWidth = () => phone.evaluate(() => document.documentElement.scrollWidth);
      expect(await scrollWidth()).toBeLessThanOrEqual(390);
      for (const button of ['#fit-seed', '#fit-csv']) {
        await fitAndWait(phone, button);
        expect(await scrollWidth()).toBeLessThanOrEqual(390);
      }
      // The summary table is wider than the phone: it is its box that scrolls.
      expect(await phone.$eval('#summary', (t) => t.parentElement!.scrollWidth > t.parentElement!.clientWidth)).toBe(true);
      await phone.screenshot({ path: join(results, 'demo-390.png'), fullPage: true });
    } finally {
      await phone.close();
    }
    expect(errors).toEqual([]);
  });
});
