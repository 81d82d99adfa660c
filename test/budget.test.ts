// Size and import budgets of the built package (dist/): what a user's bundle and network pay for.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = (path: string): string => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
const gzip = (data: Uint8Array | string): number => gzipSync(data, { level: 9 }).length;

/** The budget for core JS (minified, gzipped) + the .wasm (gzipped). */
const BUDGET_BYTES = 12 * 1024;

// The honest measure of what an entry costs: every file it pulls in, bundled and minified.
async function minified(entry: string, conditions: string[] = []): Promise<string> {
  return (await bundle(entry, conditions)).js;
}

async function bundle(entry: string, conditions: string[] = []): Promise<{ js: string; largest: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [dist(entry)], bundle: true, minify: true, write: false, format: 'esm', platform: 'browser',
    target: 'es2022', conditions, external: ['*.wasm?module'], logLevel: 'error', metafile: true,
  });
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const largest = Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 8)
    .map(([file, { bytesInOutput }]) => `${file.replace(/^.*dist\//, '')} ${bytesInOutput} B`).join(', ');
  return { js: result.outputFiles[0].text, largest, inputs: Object.keys(inputs) };
}

describe('budgets', () => {
  const wasm = readFileSync(dist('linreg.wasm'));

  it(`core JS + wasm ≤ ${BUDGET_BYTES} bytes gzipped (the main entry, bundled for a browser)`, async () => {
    const { js, largest } = await bundle('index.js');
    const sizes = { js: gzip(js), wasm: gzip(wasm) };
    const report = `main entry ${js.length} B minified, ${sizes.js} B gzip; linreg.wasm ${wasm.length} B, ${sizes.wasm} B gzip; `
      + `total ${sizes.js + sizes.wasm} B gzip of ${BUDGET_BYTES}`;
    console.log(`budget: ${report}`);
    expect(sizes.js + sizes.wasm, `${report}. Largest modules (minified): ${largest}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it(`the workerd / edge-light entry stays within the same budget`, async () => {
    const js = await minified('entries/edge.js', ['workerd', 'worker', 'browser']);
    expect(js).toMatch(/\.wasm\?module/);
    expect(gzip(js) + gzip(wasm)).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('the statistics (stdlib\'s distributions) stay in their own entry, linreg-wasm/stats', async () => {
    const main = await bundle('index.js');
    expect(main.inputs.filter((f) => /node_modules|\/stats\//.test(f))).toEqual([]);
    const stats = await bundle('stats/index.js');
    console.log(`budget: linreg-wasm/stats adds ${gzip(stats.js) - gzip(main.js)} B gzip beyond the main entry (${gzip(stats.js)} B with it)`);
  });

  it('the main entry bundles for a browser without Node built-ins', async () => {
    const js = await minified('index.js');
    expect(js).not.toMatch(/from\s*["']node:/);
  });

  it('the .wasm imports nothing beyond what init() supplies', async () => {
    const { imports } = await import(/* @vite-ignore */ dist('wasm/init.js')) as { imports: Record<string, Record<string, unknown>> };
    const asked = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
    const missing = asked.filter(({ module, name, kind }) => kind !== 'function' || typeof imports[module]?.[name] !== 'function');
    expect(missing, `imports the package does not supply: ${JSON.stringify(missing)}`).toEqual([]);
  });
});
