// Size and import budgets of the built package (dist/): what a user's bundle and network pay for.
import { describe, expect, it } from 'vitest';
import { build, transform, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (path: string): string => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
const gzip = (data: Uint8Array | string): number => gzipSync(data, { level: 9 }).length;

/** The budget for the core — gradient descent: JS (minified, gzipped) + the .wasm (gzipped). */
const BUDGET_BYTES = 12 * 1024;
/**
 * The whole main entry (JS + .wasm), with the closed-form solver: a guard against regressions. 22 KB
 * until the rank proofs, several targets and statsmodels' rank-deficient statistics (issue 11)
 * added ~4.5 KB to the closed form; statsmodels' whole table (issue 12: distributions, their own
 * exp/log/pow for the same bits everywhere, HC covariances, influence, the printed table) ~9 KB;
 * the mergeable state (issue 13: partialFit, merge, fitStream, its bytes) ~4 KB; the learning-rate
 * schedulers (issue 15) ~3 KB; solver.wasm, counted here since the closed form's kernels left the
 * core's module (issue 15), 1.9 KB; RMSprop, Adagrad and mini-batches (issue 15). Only those who
 * import them pay for them: the gradient-descent core is guarded on its own.
 */
const MAIN_ENTRY_BYTES = 52 * 1024;
/** Issue 12's target for what the statistics add (not met: see the test's log), and the guard against growth. */
const STATS_TARGET_BYTES = 4096;
const STATS_GUARD_BYTES = 9 * 1024 + 512;
/** What a gradient-descent user imports; bundlers drop the rest of the main entry. */
const CORE_EXPORTS = 'init, Matrix, Vector, memoryUsage, LinearModel, sseLoss, mseLoss, SGD, Adam, AdamW, train, DivergenceError';

// The honest measure of what an entry costs: every file it pulls in, bundled and minified.
async function minified(entry: string, conditions: string[] = []): Promise<string> {
  return (await bundle(entry, conditions)).js;
}

async function bundle(entry: string, conditions: string[] = [], only?: string): Promise<{ js: string; largest: string; inputs: string[] }> {
  const source = only === undefined ? {} : { stdin: { contents: `export { ${only} } from ${JSON.stringify(dist(entry))};`, resolveDir: dist('') } };
  const result = await build({
    ...(only === undefined ? { entryPoints: [dist(entry)] } : source), bundle: true, minify: true, write: false, format: 'esm', platform: 'browser',
    target: 'es2022', conditions, external: ['*.wasm?module'], logLevel: 'error', metafile: true,
  });
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const largest = Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 8)
    .map(([file, { bytesInOutput }]) => `${file.replace(/^.*dist\//, '')} ${bytesInOutput} B`).join(', ');
  return { js: result.outputFiles[0].text, largest, inputs: Object.keys(inputs) };
}

describe('budgets', () => {
  const wasm = readFileSync(dist('linreg.wasm'));
  /** The modules init() loads beside the core, each when the file that registers it is in the bundle. */
  const EXTENSIONS = [['solver.wasm', /solver\/kernels\.js$/], ['optimizers.wasm', /optim\/kernels\.js$/]] as const;

  async function expectWithin(what: string, limit: number, entry: string, conditions: string[] = [], only?: string): Promise<string> {
    const { js, largest, inputs } = await bundle(entry, conditions, only);
    const loaded = EXTENSIONS.filter(([, registers]) => inputs.some((f) => registers.test(f))).map(([file]) => readFileSync(dist(file)));
    const sizes = { js: gzip(js), wasm: [wasm, ...loaded].reduce((sum, bytes) => sum + gzip(bytes), 0) };
    const files = `linreg.wasm${loaded.length ? ` + ${loaded.length} more` : ''} ${[wasm, ...loaded].reduce((sum, b) => sum + b.length, 0)} B`;
    const report = `${what}: ${js.length} B minified, ${sizes.js} B gzip; ${files}, ${sizes.wasm} B gzip; `
      + `total ${sizes.js + sizes.wasm} B gzip of ${limit}`;
    console.log(`budget: ${report}`);
    expect(sizes.js + sizes.wasm, `${report}. Largest modules (minified): ${largest}`).toBeLessThanOrEqual(limit);
    return js;
  }

  it(`core (gradient descent) JS + wasm ≤ ${BUDGET_BYTES} bytes gzipped, bundled for a browser, without the closed form's or RMSprop's module`, async () => {
    await expectWithin('gradient-descent core', BUDGET_BYTES, 'index.js', [], CORE_EXPORTS);
    const { inputs } = await bundle('index.js', [], CORE_EXPORTS);
    expect(inputs.filter((f) => /\/solver\/|\/optim\/kernels\.js$/.test(f)), 'the gradient-descent core pulls in the closed form or RMSprop/Adagrad').toEqual([]);
  });

  it(`the same core through the workerd / edge-light entry ≤ ${BUDGET_BYTES} bytes`, async () => {
    const js = await expectWithin('edge core', BUDGET_BYTES, 'entries/edge.js', ['workerd', 'worker', 'browser'], CORE_EXPORTS);
    expect(js).toMatch(/\.wasm\?module/);
  });

  it(`the whole main entry, closed form included, ≤ ${MAIN_ENTRY_BYTES} bytes`, async () => {
    await expectWithin('whole main entry', MAIN_ENTRY_BYTES, 'index.js');
  });

  it(`the statistics add at most ${STATS_GUARD_BYTES} B gzip (target ${STATS_TARGET_BYTES}: NOT met), to LinearRegression users only`, async () => {
    const main = await bundle('index.js');
    expect(main.inputs.filter((f) => /node_modules/.test(f))).toEqual([]);
    const core = await bundle('index.js', [], CORE_EXPORTS);
    expect(core.inputs.filter((f) => /\/stats\//.test(f)), 'the gradient-descent core pulls in statistics').toEqual([]);
    // the main entry with summary() and predictInterval() stubbed out: what the statistics add
    const stub: Plugin = {
      name: 'no-stats',
      setup(b) {
        b.onResolve({ filter: /stats\/(summary|predict-interval|influence)\.js$|special\/libm\.js$/ }, (a) => ({ path: a.path, namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export const summary = () => 0, predictInterval = () => 0, influence = () => 0, log = Math.log; export class Summary {}' }));
      },
    };
    const without = await build({
      entryPoints: [dist('index.js')], bundle: true, minify: true, write: false, format: 'esm', platform: 'browser',
      target: 'es2022', external: ['*.wasm?module'], logLevel: 'error', plugins: [stub],
    });
    const added = gzip(main.js) - gzip(without.outputFiles[0].text);
    // issue 12's target was set for summary() and its distributions (2.9 KB once the normal's
    // tables went); statsmodels' whole table, and exp/log/pow of our own so every runtime gives
    // the same bits (3 KB), do not fit in it: this guards against growth, and the log says so
    console.log(`budget: the statistics add ${added} B gzip to the main entry (summary and its printed table, robust covariances, influence, intervals, distributions, their exp/log/pow), none to the core; target ${STATS_TARGET_BYTES} B: ${added <= STATS_TARGET_BYTES ? 'met' : 'NOT met'}`);
    expect(added).toBeLessThanOrEqual(STATS_GUARD_BYTES);
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

describe('the tarball ships only the library', () => {
  // What was shipped before and is test or bench code: the kernels' TS twins and the read-ceiling kernel.
  const TWINS = ['test/twins/kernels.ts', 'test/twins/optim.ts', 'test/twins/solver.ts'];
  const BENCH_WASM = 'build/bench.wasm';

  it('npm pack --dry-run lists dist/, package.json, README.md and LICENSE, and no test or bench code', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const [pack] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    })) as { size: number; unpackedSize: number; files: { path: string }[] }[];
    const paths = pack.files.map((f) => f.path);
    expect(paths.filter((p) => !p.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(p))).toEqual([]);
    expect(paths.filter((p) => /reference|twins|bench|test|\.map$/i.test(p))).toEqual([]);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(dist('linreg.wasm')))).map((e) => e.name))
      .not.toContain('readSum');

    let twinBytes = 0;
    for (const file of TWINS) twinBytes += (await transform(readFileSync(`${root}${file}`, 'utf8'), { loader: 'ts' })).code.length;
    const readSum = readFileSync(`${root}${BENCH_WASM}`);
    console.log(`budget: bytes saved by shipping only the library: the test twins (${twinBytes} B of JS with the types stripped, plus their .d.ts), `
      + `readSum (${readSum.length} B of wasm, ${gzip(readSum)} B gzip, now ${BENCH_WASM}) and the source maps (they named `
      + `src/*.ts, which is not shipped). Tarball: ${pack.size} B, ${pack.unpackedSize} B unpacked, ${paths.length} files`);
  });
});
