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
const result = await run();
console.log('@@RESULT@@' + JSON.stringify(result));
`;
  writeFileSync(join(dir, 'cli.js'), driver);
}

/** A wasm module the bundle imports statically: its name in the worker and its file. */
export interface WasmModuleFile { name: string; file: string }

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

/** A Cloudflare worker answering GET / with `run()`'s JSON and GET /bytes with whether bytes compile. */
export async function buildWorkerd(dir: string): Promise<{ dir: string; modules: WasmModuleFile[] }> {
  const out = join(dir, 'workerd');
  mkdirSync(out, { recursive: true });
  const main = join(dir, 'workerd-main.js');
  writeFileSync(main, `import { run } from './entry.js';
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
${COMPILE_BYTES}`);
  const modules: WasmModuleFile[] = [];
  await build({
    entryPoints: [main], outfile: join(out, 'worker.js'), bundle: true, format: 'esm', platform: 'neutral',
    target: 'es2022', conditions: WORKERD_CONDITIONS, mainFields: ['browser', 'module', 'main'],
    plugins: [wasmModules('workerd', modules, out)], logLevel: 'error',
  });
  return { dir: out, modules };
}

/** An IIFE for the edge VM: sets globalThis.__linregRun and globalThis.__linregCompileBytes. */
export async function buildEdge(dir: string): Promise<{ code: string; modules: WasmModuleFile[] }> {
  const main = join(dir, 'edge-main.js');
  writeFileSync(main, `import { run } from './entry.js';
globalThis.__linregRun = async () => JSON.stringify(await run());
globalThis.__linregCompileBytes = async () => JSON.stringify(await compileBytes());
${COMPILE_BYTES}`);
  const modules: WasmModuleFile[] = [];
  const result = await build({
    entryPoints: [main], write: false, bundle: true, format: 'iife', platform: 'neutral', target: 'es2022',
    conditions: EDGE_CONDITIONS, mainFields: ['browser', 'module', 'main'], plugins: [wasmModules('edge', modules, dir)],
    logLevel: 'error', logOverride: { 'empty-import-meta': 'silent' },
  });
  return { code: result.outputFiles[0].text, modules };
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
