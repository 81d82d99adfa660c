// The README's esbuild recipes against the packed package: the wasm-URL recipe run in Node, and
// Workers bundled by plain esbuild, served by workerd: with the Workers condition and
// --loader:.wasm=copy, without the condition (init() must say what to do), and with the fix it names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedPackage, removeScratch, repoRoot } from './harness/package.js';
import { runProcess } from './harness/process.js';
import { serveWorkerd } from './harness/runners.js';
import type { WasmModuleFile } from './harness/bundle.js';
import { README, snippet } from '../readme/snippets.js';

const FIT = { X: [[1, 2], [2, 1], [3, 5], [4, 3], [5, 5], [6, 2]], y: [5.1, 4.9, 13.2, 10.8, 15.1, 10.2] };
let dir: string;
let reference: { coef: number[]; intercept: number };

beforeAll(async () => {
  dir = installPackedPackage('linreg-esbuild-');
  const { init, LinearRegression } = await import(/* @vite-ignore */ `${repoRoot}dist/index.js`) as typeof import('linreg-wasm');
  await init();
  const model = new LinearRegression({ fitIntercept: true }).fit(FIT.X, FIT.y);
  reference = { coef: Array.from(model.coef), intercept: model.intercept };
});

afterAll(() => removeScratch(dir));

/** Bundles `source` (resolved from the scratch project) into `<dir>/<name>/`; returns the wasm modules it imports. */
async function bundle(name: string, source: string, options: BuildOptions): Promise<{ out: string; modules: WasmModuleFile[] }> {
  const out = join(dir, name);
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, source);
  await build({ entryPoints: [entry], outdir: out, bundle: true, format: 'esm', logLevel: 'error', ...options });
  const js = readFileSync(join(out, `${name}.js`), 'utf8');
  const modules = [...js.matchAll(/from\s*"\.\/([\w-]+\.wasm(?:\?module)?)"/g)].map(([, spec]) => (
    { name: spec, file: join(out, spec.replace(/\?module$/, '')), embed: spec.replace(/\?module$/, '') }
  ));
  writeFileSync(join(out, 'worker.js'), js); // serveWorkerd's main module
  return { out, modules };
}

/** Serves the bundle in workerd and POSTs the fit; returns the JSON answer. */
async function fitInWorkerd(out: string, modules: WasmModuleFile[]): Promise<unknown> {
  expect(readdirSync(out).filter((f) => f.endsWith('.wasm')).length, 'the .wasm was copied beside the bundle').toBe(modules.length);
  const server = await serveWorkerd(out, modules);
  try {
    return await (await fetch(server.base, { method: 'POST', body: JSON.stringify(FIT) })).json();
  } finally {
    server.stop();
  }
}

// A worker that reports what init() or the fit threw instead of failing the request.
const reporting = (imports: string, call: string): string => `${imports}
export default {
  async fetch(request: Request): Promise<Response> {
    try {
      await ${call};
      const { X, y } = await request.json() as { X: number[][]; y: number[] };
      const model = new LinearRegression({ fitIntercept: true }).fit(X, y);
      return Response.json({ coef: Array.from(model.coef), intercept: model.intercept });
    } catch (error) {
      return Response.json({ error: (error as Error).message });
    }
  },
};
`;

describe('esbuild, as the README says', () => {
  it('the wasm-URL recipe (--loader:.wasm=file) bundles and initialises', async () => {
    const recipe = snippet('esbuild (and Rollup without a plugin)', 'wasmUrl');
    expect(recipe.code).toContain('--loader:.wasm=file');
    const main = `${recipe.code}\nconst { LinearRegression } = await import('linreg-wasm');\n`
      + `console.log(JSON.stringify(Array.from(new LinearRegression({ fitIntercept: true }).fit(${JSON.stringify(FIT.X)}, ${JSON.stringify(FIT.y)}).coef)));\n`;
    const { out } = await bundle('recipe', main, { loader: { '.wasm': 'file' } });
    const run = await runProcess(process.execPath, [join(out, 'recipe.js')], { cwd: out }); // an ES module: the scratch package.json says so
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(reference.coef);
  });

  it('a Cloudflare Worker (the README\'s worker.ts) with --conditions=workerd,worker --loader:.wasm=copy runs in workerd', async () => {
    expect(README).toContain('esbuild worker.ts --bundle --format=esm --conditions=workerd,worker --loader:.wasm=copy');
    const worker = snippet('Cloudflare Workers (wrangler)', 'export default').code;
    const { out, modules } = await bundle('worker', worker, { conditions: ['workerd', 'worker'], loader: { '.wasm': 'copy' } });
    // the edge entry imports every module statically: the core, and the solver's and the optimizers' (instantiated when used)
    expect(modules.map((m) => m.name).sort()).toEqual(['linreg', 'optimizers', 'solver'].map((name) => expect.stringMatching(new RegExp(`^${name}-\\w+\\.wasm\\?module$`))));
    expect(await fitInWorkerd(out, modules)).toEqual(reference);
  });

  it('without the condition, init() says what to do instead of "Invalid URL string"', async () => {
    const source = reporting("import { init, LinearRegression } from 'linreg-wasm';", 'init()');
    const { out, modules } = await bundle('nocondition', source, {});
    const answer = await fitInWorkerd(out, modules) as { error: string };
    expect(answer.error).toBe('linreg-wasm: could not find linreg.wasm, import.meta.url is undefined: bundle the Worker with the '
      + "workerd/worker condition, or pass init() the module: import wasm from 'linreg-wasm/linreg.wasm'; await init(wasm)");
  });

  it('without the condition, the fix the messages name works: init(wasm), then the fit names the solver\'s module, then both (--loader:.wasm=copy)', async () => {
    const core = reporting("import { init, LinearRegression } from 'linreg-wasm';\nimport wasm from 'linreg-wasm/linreg.wasm';", 'init(wasm)');
    const half = await bundle('core-only', core, { loader: { '.wasm': 'copy' } });
    expect((await fitInWorkerd(half.out, half.modules) as { error: string }).error).toBe('linreg-wasm: could not find solver.wasm, import.meta.url '
      + "is undefined: bundle with the workerd/worker condition, or pass init() the modules: import solver from 'linreg-wasm/solver.wasm'; await init({ core, solver })");
    const source = reporting("import { init, LinearRegression } from 'linreg-wasm';\nimport wasm from 'linreg-wasm/linreg.wasm';\n"
      + "import solver from 'linreg-wasm/solver.wasm';", 'init({ core: wasm, solver })');
    const { out, modules } = await bundle('passed', source, { loader: { '.wasm': 'copy' } });
    expect(await fitInWorkerd(out, modules)).toEqual(reference);
  });
});
