// --plots: SVG files drawn by Observable Plot, opened in Chromium (playwright-core, the system's
// browser as test/runtimes uses it), which must show their marks; a screenshot goes to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, skipBrowserTests } from '../runtimes/harness/chromium.js';
import { fixture, linreg, root } from './run.js';

const out = mkdtempSync(join(tmpdir(), 'linreg-cli-plots-'));
const FIT = ['fitted-vs-observed.svg', 'residuals-vs-fitted.svg', 'qq.svg', 'leverage.svg'];

describe.skipIf(skipBrowserTests())('plots', () => {
  let browser: Browser;
  beforeAll(async () => {
    expect(linreg(['fit', fixture('longley.csv'), '--y', 'TOTEMP', '--plots', out]).code).toBe(0);
    expect(linreg(['train', fixture('seed.csv'), '--y', 'y', '--iterations', '2000', '--plots', out]).code).toBe(0);
    browser = await launchChromium();
  });
  afterAll(async () => { await browser?.close(); });

  it('are standalone SVG documents made by Plot', () => {
    for (const name of [...FIT, 'loss.svg']) {
      const svg = readFileSync(join(out, name), 'utf8');
      expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toMatch(/class="linreg-plot"/);
    }
  });

  it('open in Chromium with their marks: a dot per row, the reference lines, the loss curve', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1300 } });
    for (const name of FIT) {
      await page.goto(`file://${join(out, name)}`);
      const dots = await page.$$eval('circle', (cs) => cs.filter((c) => (c as SVGGraphicsElement).getBBox().width > 0).length);
      expect(dots, name).toBe(16);
      const size = await page.$eval('svg', (s) => [s.getBoundingClientRect().width, s.getBoundingClientRect().height]);
      expect(size).toEqual([640, 420]);
    }
    await page.goto(`file://${join(out, 'leverage.svg')}`);
    expect(await page.$$eval('text', (ts) => ts.filter((t) => /^row \d+ \(D /.test(t.textContent ?? '')).length)).toBe(3);
    await page.goto(`file://${join(out, 'loss.svg')}`);
    const curve = await page.$$eval('g[aria-label="line"] path', (ps) => ps.map((p) => (p as SVGPathElement).getTotalLength()));
    expect(curve).toHaveLength(1);
    expect(curve[0]).toBeGreaterThan(500);
    const grid = [...FIT, 'loss.svg'].map((n) => `<img src="${n}" width="640" height="420">`).join('');
    writeFileSync(join(out, 'index.html'), `<body style="margin:0;display:grid;grid-template-columns:640px 640px;gap:10px">${grid}</body>`);
    await page.goto(`file://${join(out, 'index.html')}`);
    expect(await page.$$eval('img', (is) => is.filter((i) => (i as HTMLImageElement).naturalWidth === 640).length)).toBe(5);
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-results/cli-plots.png'), fullPage: true });
    await page.close();
  });
});
