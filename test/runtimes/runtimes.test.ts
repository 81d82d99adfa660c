// The seed scenario (./scenario.ts) in every runtime the package claims, against the built and
// packed package, compared bit for bit with Node's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { ScenarioResult } from './scenario.js';
import { buildEntry, buildVite } from './harness/bundle.js';
import { installPackedPackage, removeScratch, repoRoot } from './harness/package.js';
import { launchChromium, skipBrowserTests } from './harness/chromium.js';
import { serveStatic, type StaticServer } from '../../scripts/serve-static.js';
import { CLI, runBrowser, runCli, runEdgeVM, runWorkerd, startEdgeVM, startWorkerd, writeBrowserPage } from './harness/runners.js';

let dir: string;
let node: ScenarioResult;
const timings: Record<string, number> = {};

/** Node's answer with another runtime's name: what every runtime must return, bit for bit. */
const expected = (runtime: string): ScenarioResult => ({ ...node, runtime });

beforeAll(async () => {
  dir = installPackedPackage();
  await buildEntry(fileURLToPath(new URL('./scenario.ts', import.meta.url)), dir);
  const run = await runCli<ScenarioResult>('node', dir);
  node = run.value;
  timings.node = run.ms;
});

afterAll(() => {
  removeScratch(dir);
  console.log(`runtime wall times (ms, spawn → answer): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
});

describe('the seed scenario in every runtime, bit for bit', () => {
  it('Node: the packed package runs the scenario, LinearRegression and summary() included', async () => {
    expect(node.runtime).toBe('node');
    expect(node.train.losses.length).toBe(101);
    expect(node.train.logged.length).toBe(10 * 5);
    expect(node.linearRegression.coef.length).toBe(3);
    expect(node.wasmSubpath).toBe('[object WebAssembly.Module]');
    expect(node.stats).toMatchObject({ names: ['const', 'x1', 'x2'] });
    const full = node.fullStats as { summary: Record<string, unknown>; table: string; influence: { leverage: string[] } };
    expect(full.summary).toMatchObject({ names: ['const', 'x', 'z'], covType: 'HC3', distribution: 'normal' });
    expect(typeof full.summary.durbinWatson).toBe('string'); // a number, as its bits
    expect(full.table).toMatch(/^ +OLS Regression Results +\n=+\n/);
    expect(full.table).toContain('Durbin-Watson:');
    expect(full.influence.leverage).toHaveLength(node.predict.length);
    // shuffled batches of 3 over 10 rows: 4 steps an epoch, until early stopping or 8 epochs
    expect(node.miniBatches.losses).toHaveLength(4 * node.miniBatches.stoppedAt);
    expect(node.miniBatches.stoppedAt).toBeGreaterThan(0);
  });

  it.each(['deno', 'bun'] as const)('%s', async (runtime) => {
    const run = await runCli<ScenarioResult>(runtime, dir);
    timings[runtime] = run.ms;
    expect(run.value).toEqual(expected(runtime));
  });

  it('deno needs --allow-read alone, linreg-wasm/stats included (it has no dependencies)', () => {
    expect(CLI.deno()[1].filter((a) => a.startsWith('--allow'))).toEqual(['--allow-read']);
  });

  it('Cloudflare workerd (wrangler-style bundle, the .wasm as a wasm module), which refuses wasm from bytes', async () => {
    const run = await runWorkerd<ScenarioResult>(dir);
    timings.workerd = run.ms;
    expect(run.bytes.compiled, 'workerd compiled wasm from bytes: the test no longer proves the static import').toBe(false);
    expect(run.value).toEqual(expected('workerd'));
  });

  it('Vercel edge (@edge-runtime/vm, edge-light bundle, wasm code generation from bytes disabled)', async () => {
    const run = await runEdgeVM<ScenarioResult>(dir);
    timings['edge-light'] = run.ms;
    expect(run.bytes.compiled, 'the edge VM compiled wasm from bytes: code generation is not disabled').toBe(false);
    expect(run.value).toEqual(expected('edge-light'));
  });
});

describe.skipIf(skipBrowserTests())('the seed scenario in headless Chromium, bit for bit', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    writeBrowserPage(dir);
    [browser, server] = await Promise.all([launchChromium(), serveStatic(dir), buildVite(dir)]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a plain <script type="module"> with an import map; init() fetches the .wasm beside the JS and streams it', async () => {
    const run = await runBrowser<ScenarioResult>(browser, `${server.url}/index.html`);
    timings.chromium = run.ms;
    expect(run.value).toEqual(expected('chromium')); // linreg-wasm/stats included: its own ES modules
    expect(server.wasmServed).toContainEqual({ path: '/node_modules/linreg-wasm/dist/linreg.wasm', type: 'application/wasm' });
  });

  it('the same when the server sends the .wasm with the wrong MIME type (instantiateStreaming would refuse)', async () => {
    const run = await runBrowser<ScenarioResult>(browser, `${server.url}/wrong-mime/index.html`);
    expect(run.value).toEqual(expected('chromium'));
    expect(server.wasmServed).toContainEqual({ path: '/wrong-mime/node_modules/linreg-wasm/dist/linreg.wasm', type: 'application/octet-stream' });
  });

  it('bundled by Vite (production build): the .wasm comes out as an asset and `await init()` finds it', async () => {
    const run = await runBrowser<ScenarioResult>(browser, `${server.url}/vite-dist/index.html`);
    expect(run.value).toEqual(expected('chromium'));
    expect(server.wasmServed.some((w) => /^\/vite-dist\/assets\/linreg-[\w-]+\.wasm$/.test(w.path))).toBe(true);
  });
});

describe('the edge examples (examples/edge), bundled as wrangler and Vercel bundle them', () => {
  const body = JSON.stringify({ X: [[1, 2], [2, 1], [3, 5], [4, 3], [5, 5], [6, 2]], y: [5.1, 4.9, 13.2, 10.8, 15.1, 10.2] });
  interface Fit { coef: number[]; intercept: number; r2: number; error?: string }
  let reference: Fit;

  beforeAll(async () => {
    const { init, LinearRegression } = await import(/* @vite-ignore */ `${repoRoot}dist/index.js`) as typeof import('linreg-wasm');
    await init();
    const { X, y } = JSON.parse(body) as { X: number[][]; y: number[] };
    const model = new LinearRegression({ fitIntercept: true }).fit(X, y);
    reference = { coef: Array.from(model.coef), intercept: model.intercept, r2: model.score(X, y) };
  });

  it('Cloudflare: examples/edge/cloudflare/worker.ts in workerd answers a POSTed fit', async () => {
    copyFileSync(`${repoRoot}examples/edge/cloudflare/worker.ts`, `${dir}/cloudflare-example.ts`);
    const server = await startWorkerd(dir, "export { default } from './cloudflare-example.ts';\n", 'cloudflare-example');
    try {
      const ok = await fetch(server.base, { method: 'POST', body });
      expect(await ok.json()).toEqual(reference);
      const bad = await fetch(server.base, { method: 'POST', body: JSON.stringify({ X: [[1], [2]], y: [1] }) });
      expect(bad.status).toBe(400);
    } finally {
      server.stop();
    }
  });

  it('Vercel: examples/edge/vercel/api/fit.ts in the edge VM answers a POSTed fit', async () => {
    copyFileSync(`${repoRoot}examples/edge/vercel/api/fit.ts`, `${dir}/vercel-example.ts`);
    const vm = await startEdgeVM(dir, "import handler from './vercel-example.ts';\nglobalThis.__handler = handler;\n", 'vercel-example');
    const call = (payload: string): Promise<string> => vm.evaluate(
      `__handler(new Request('https://example.test/api/fit', { method: 'POST', body: ${JSON.stringify(payload)} }))`
      + '.then(async (r) => JSON.stringify({ status: r.status, body: await r.json() }))',
    );
    expect(JSON.parse(await call(body))).toEqual({ status: 200, body: reference });
    expect(JSON.parse(await call(JSON.stringify({ X: [[1], [2]], y: [1] }))).status).toBe(400);
  });
});
