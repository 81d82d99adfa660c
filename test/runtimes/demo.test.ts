// The demo page (examples/web) in headless Chromium: fit the seed data and a CSV by clicking, check
// the numbers it shows bit for bit against the same fit in Node, and keep a screenshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LinearModel, SGD, train } from '../../src/index.js';
import { buildDemo } from '../../scripts/demo-build.js';
import { serveStatic, type StaticServer } from '../../scripts/serve-static.js';
import { launchChromium, skipBrowserTests } from './harness/chromium.js';
import { repoRoot } from './harness/package.js';
import { bits } from './scenario.js';
import fixture from '../fixtures/seed-torch-reference.json';

const screenshot = join(repoRoot, 'test-results/demo.png');

/** The seed fit as the demo runs it, in Node: weights then bias, as float64 bit patterns. */
function nodeSeedFit(): string[] {
  const model = new LinearModel(3, { weight: fixture.init.w, bias: fixture.init.b });
  train(model, new SGD(model.parameters(), { lr: fixture.lr }), fixture.X, fixture.y_obs, { iterations: fixture.n_iter, loss: 'sse' });
  const out = [...model.weight, model.bias].map(bits);
  model.dispose();
  return out;
}

async function fitAndWait(page: Page, button: string): Promise<void> {
  await page.click(button);
  await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 60_000 });
  const state = await page.getAttribute('#status', 'data-state');
  if (state !== 'done') throw new Error(`the demo failed: ${await page.textContent('#status')}`);
}

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
    expect(await page.textContent('#status')).toMatch(/done: 10000 iterations/);
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('loads an uploaded CSV file into the editor', async () => {
    await page.setInputFiles('#file', { name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from('u,v\n1,2\n2,4.1\n3,5.9\n') });
    await expect.poll(() => page.inputValue('#csv')).toBe('u,v\n1,2\n2,4.1\n3,5.9\n');
  });

  it('fits a pasted CSV, one row per feature in the table', async () => {
    await page.fill('#csv', 'a,b,target\n1,2,5.1\n2,1,4.9\n3,5,13.2\n4,3,10.8\n5,5,15.1\n6,2,10.2\n');
    await fitAndWait(page, '#fit-csv');
    const names = await page.$$eval('#coefficients tbody tr', (rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(names).toEqual(['a', 'b', '(intercept)']);
    expect(await page.textContent('#status')).toMatch(/R² 0\.9/);
  });

  it('says what is wrong with a bad CSV', async () => {
    await page.fill('#csv', 'a,y\n1,2\n2,oops\n');
    await page.click('#fit-csv');
    await expect.poll(() => page.textContent('#status')).toMatch(/row 3, column 2: "oops" is not a number/);
  });
});
