// Builds what each runtime loads from an entry module that exports `run(): Promise<unknown>`:
// an ES module importing `linreg-wasm` for Node, Deno, Bun and the browser (which resolve the
// package themselves), and whole-program bundles for workerd and the edge VM made the way wrangler
// and Vercel make them (esbuild, their export conditions, the .wasm as a wasm module).
import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** Conditions wrangler passes esbuild for Cloudflare Workers. */
export const WORKERD_CONDITIONS = ['workerd', 'worker', 'browser'];
/** Conditions Vercel / Next.js use for edge functions. */
export const EDGE_CONDITIONS = ['edge-light', 'worker', 'browser'];

/** Bundles `entryFile` to `<dir>/entry.js`, leaving `linreg-wasm` to the runtime's resolver. */
export async function buildEntry(entryFile: string, dir: string): Promise<void> {
  await build({
    entryPoints: [entryFile], outfile: join(dir, 'entry.js'), bundle: true, format: 'esm',
    platform: 'neutral', target: 'es2022', external: ['linreg-wasm', 'linreg-wasm/*'], logLevel: 'error',
  });
  const driver = `import { run } from './entry.js';
const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const result = await run({ stats: !args.includes('--nostats') });
console.log('@@RESULT@@' + JSON.stringify(result));
`;
  writeFileSync(join(dir, 'cli.js'), driver);
}

/**
 * A Vite production build of a page that calls `run()` (sets window.__result), into
 * `<dir>/vite-dist/`: linreg-wasm's `new URL('../linreg.wasm', import.meta.url)` must come out as
 * an emitted asset with no help from the page.
 */
export async function buildVite(dir: string): Promise<void> {
  const app = join(dir, 'vite-app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'index.html'), `<!doctype html>
<meta charset="utf-8">
<title>linreg-wasm with Vite</title>
<script type="module">
import { run } from '../entry.js';
run().then((value) => { window.__result = { ok: true, value }; },
  (error) => { window.__result = { ok: false, error: String(error && error.stack || error) }; });
</script>
`);
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    root: app, base: './', logLevel: 'error', configFile: false,
    build: { outDir: join(dir, 'vite-dist'), emptyOutDir: true },
  });
}

// The smallest valid module: a runtime that refuses to compile it forbids wasm from bytes.
const COMPILE_BYTES = `async function compileBytes() {
  try {
    await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return { compiled: true };
  } catch (error) {
    return { compiled: false, error: String(error) };
  }
}`;

/**
 * A wasm module the bundle imports statically: its name in the worker and its file; `embed` is the
 * file beside the worker that holds it, when that is not `name` (esbuild's copy loader keeps a
 * `?module` suffix on the import but not on the file).
 */
export interface WasmModuleFile { name: string; file: string; embed?: string }

// `*.wasm` and `*.wasm?module` imports become wasm modules, as wrangler's CompiledWasm rule and
// Next.js's edge loader make them: external modules (workerd) or bindings on globalThis (edge VM).
function wasmModules(mode: 'workerd' | 'edge', found: WasmModuleFile[], outdir: string): Plugin {
  return {
    name: 'wasm-module',
    setup(b) {
      b.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => {
        const file = resolve(args.resolveDir, args.path.replace(/\?module$/, ''));
        const digest = createHash('sha1').update(readFileSync(file)).digest('hex').slice(0, 16);
        const name = mode === 'workerd' ? `${digest}-${basename(file)}` : `wasm_${digest}`;
        if (!found.some((m) => m.name === name)) found.push({ name, file });
        if (mode === 'workerd') {
          copyFileSync(file, join(outdir, name));
          return { path: `./${name}`, external: true };
        }
        return { path: name, namespace: 'wasm-binding' };
      });
      b.onLoad({ filter: /.*/, namespace: 'wasm-binding' }, (args) => ({
        contents: `export default globalThis[${JSON.stringify(args.path)}];`, loader: 'js',
      }));
    },
  };
}

/** The scenario as a Cloudflare worker: GET / answers `run()`'s JSON, GET /bytes whether bytes compile. */
export const SCENARIO_WORKER = `import { run } from './entry.js';
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/bytes') return Response.json(await compileBytes());
    try {
      return Response.json({ ok: true, value: await run() });
    } catch (error) {
      return Response.json({ ok: false, error: String(error && error.stack || error) });
    }
  },
};
${COMPILE_BYTES}`;

/** Bundles the worker whose main module is `main` (source text, resolved from `dir`) into `<dir>/<name>/`. */
export async function buildWorkerd(dir: string, main: string, name = 'workerd'): Promise<{ dir: string; modules: WasmModuleFile[] }> {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  const mainFile = join(dir, `${name}-main.js`);
  writeFileSync(mainFile, main);
  const modules: WasmModuleFile[] = [];
  await build({
    entryPoints: [mainFile], outfile: join(out, 'worker.js'), bundle: true, format: 'esm', platform: 'neutral',
    target: 'es2022', conditions: WORKERD_CONDITIONS, mainFields: ['browser', 'module', 'main'],
    plugins: [wasmModules('workerd', modules, out)], logLevel: 'error',
  });
  return { dir: out, modules };
}

/** The scenario for the edge VM: sets globalThis.__linregRun and globalThis.__linregCompileBytes. */
export const SCENARIO_EDGE = `import { run } from './entry.js';
globalThis.__linregRun = async () => JSON.stringify(await run());
globalThis.__linregCompileBytes = async () => JSON.stringify(await compileBytes());
${COMPILE_BYTES}`;

/** An IIFE of `main` (source text, resolved from `dir`) bundled as Vercel bundles edge functions. */
export async function buildEdge(dir: string, main: string, name = 'edge'): Promise<{ code: string; modules: WasmModuleFile[] }> {
  const mainFile = join(dir, `${name}-main.js`);
  writeFileSync(mainFile, main);
  const modules: WasmModuleFile[] = [];
  const result = await build({
    entryPoints: [mainFile], write: false, bundle: true, format: 'iife', platform: 'neutral', target: 'es2022',
    conditions: EDGE_CONDITIONS, mainFields: ['browser', 'module', 'main'], plugins: [wasmModules('edge', modules, dir)],
    logLevel: 'error', logOverride: { 'empty-import-meta': 'silent' },
  });
  return { code: result.outputFiles[0].text, modules };
}

