// One function per runtime: load what ./bundle.ts built, call `run()` there, return its JSON.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildEdge, buildWorkerd, SCENARIO_EDGE, SCENARIO_WORKER, type WasmModuleFile } from './bundle.js';
import { freePort, parseResult, runProcess, waitForHttp } from './process.js';
import { repoRoot } from './package.js';

/** A runtime's answer: what `run()` returned and the wall time from start to answer. */
export interface RuntimeRun<T> { value: T; ms: number }

/** Whether the runtime let a script compile wasm from bytes (edge runtimes must not). */
export interface BytesCheck { compiled: boolean; error?: string }

const bin = (name: string): string => join(repoRoot, 'node_modules/.bin', name);

/**
 * The command line that runs `cli.js` in each command-line runtime. Deno gets --allow-read alone
 * (init() reads the .wasm; linreg-wasm/stats needs nothing more).
 */
export const CLI: Record<'node' | 'deno' | 'bun', (o?: { stats?: boolean }) => [string, string[]]> = {
  node: () => [process.execPath, ['cli.js']],
  deno: ({ stats = true } = {}) => [bin('deno'), ['run', '--allow-read', '--no-prompt', 'cli.js', ...(stats ? [] : ['--nostats'])]],
  bun: () => [bin('bun'), ['cli.js']],
};

/** Runs `<dir>/cli.js` in Node, Deno or Bun as a fresh process. */
export async function runCli<T>(runtime: keyof typeof CLI, dir: string, options?: { stats?: boolean }): Promise<RuntimeRun<T>> {
  const [command, args] = CLI[runtime](options);
  const run = await runProcess(command, args, { cwd: dir, env: { DENO_NO_UPDATE_CHECK: '1' } });
  return { value: parseResult<T>(run, runtime), ms: run.ms };
}

/** Opens `<serverUrl><page>` (the page sets window.__result) in a fresh browser context. */
export async function runBrowser<T>(browser: Browser, pageUrl: string): Promise<RuntimeRun<T>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  try {
    const t0 = performance.now();
    await page.goto(pageUrl);
    const handle = await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result, undefined, { timeout: 60_000 });
    const outcome = await handle.jsonValue() as { ok: boolean; value?: T; error?: string };
    const ms = performance.now() - t0;
    if (!outcome.ok) throw new Error(`chromium: ${outcome.error}\n${problems.join('\n')}`);
    return { value: outcome.value as T, ms };
  } finally {
    await context.close();
  }
}

/**
 * Writes the browser page for `entry.js`: a plain `<script type="module">` and an import map;
 * `?nostats` calls `run({ stats: false })`.
 */
export function writeBrowserPage(dir: string): void {
  const html = `<!doctype html>
<meta charset="utf-8">
<title>linreg-wasm runtime check</title>
<script type="importmap">
{ "imports": {
  "linreg-wasm": "./node_modules/linreg-wasm/dist/index.js",
  "linreg-wasm/wasm": "./node_modules/linreg-wasm/dist/entries/wasm.js",
  "linreg-wasm/stats": "./node_modules/linreg-wasm/dist/stats/index.js"
} }
</script>
<script type="module">
import { run } from './entry.js';
run({ stats: !location.search.includes('nostats') }).then((value) => { window.__result = { ok: true, value }; },
  (error) => { window.__result = { ok: false, error: String(error && error.stack || error) }; });
</script>
`;
  writeFileSync(join(dir, 'index.html'), html);
}

// A date after 2025-05-05, when workerd began exposing FinalizationRegistry (`enable_weak_ref`).
const COMPATIBILITY_DATE = '2025-06-01';

/** A workerd process serving one worker on 127.0.0.1. */
export interface WorkerdServer { base: string; stop(): void; log(): string }

/** Bundles `main` (see buildWorkerd) and serves it with the workerd binary from npm. */
export async function startWorkerd(dir: string, main: string, name = 'workerd', compatibilityDate = COMPATIBILITY_DATE): Promise<WorkerdServer> {
  const { dir: out, modules } = await buildWorkerd(dir, main, name);
  return serveWorkerd(out, modules, compatibilityDate);
}

/** Serves a worker bundled by buildWorkerd into `out`; resolves once it answers HTTP. */
export async function serveWorkerd(out: string, modules: WasmModuleFile[], compatibilityDate = COMPATIBILITY_DATE, pollMs = 25): Promise<WorkerdServer> {
  const port = await freePort();
  const wasm = modules.map((m) => `, (name = "${m.name}", wasm = embed "${m.embed ?? m.name}")`).join('');
  writeFileSync(join(out, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")${wasm}],
  compatibilityDate = "${compatibilityDate}",
);
`);
  const child = spawn(bin('workerd'), ['serve', 'config.capnp'], { cwd: out, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const server = { base: `http://127.0.0.1:${port}`, stop: () => { child.kill('SIGTERM'); }, log: () => log };
  try {
    await waitForHttp(`${server.base}/favicon.ico`, child, 30_000, () => log, pollMs);
  } catch (error) {
    server.stop();
    throw error;
  }
  return server;
}

/** The scenario in workerd: GET / and GET /bytes. */
export async function runWorkerd<T>(dir: string): Promise<RuntimeRun<T> & { bytes: BytesCheck }> {
  const t0 = performance.now();
  const server = await startWorkerd(dir, SCENARIO_WORKER);
  try {
    const answer = await (await fetch(`${server.base}/`)).json() as { ok: boolean; value?: T; error?: string };
    const ms = performance.now() - t0;
    if (!answer.ok) throw new Error(`workerd: ${answer.error}\n${server.log()}`);
    const bytes = await (await fetch(`${server.base}/bytes`)).json() as BytesCheck;
    return { value: answer.value as T, ms, bytes };
  } finally {
    server.stop();
  }
}

/**
 * Bundles `main` (see buildEdge) and evaluates it in @edge-runtime/vm with wasm code generation
 * from bytes disabled. As Next.js / Vercel do, the host compiles each wasm module and binds it in
 * the edge context.
 */
export async function startEdgeVM(dir: string, main: string, name = 'edge'): Promise<{ evaluate<R>(code: string): R }> {
  const { code, modules } = await buildEdge(dir, main, name);
  const { EdgeVM } = await import('@edge-runtime/vm');
  const compiled = modules.map((m) => [m.name, new WebAssembly.Module(readFileSync(m.file))] as const);
  const vm = new EdgeVM({
    codeGeneration: { strings: false, wasm: false },
    extend: (context) => Object.assign(context, Object.fromEntries(compiled)),
  });
  vm.evaluate(code);
  return vm;
}

/** The scenario in the edge VM. */
export async function runEdgeVM<T>(dir: string): Promise<RuntimeRun<T> & { bytes: BytesCheck }> {
  const t0 = performance.now();
  const vm = await startEdgeVM(dir, SCENARIO_EDGE);
  const value = JSON.parse(await vm.evaluate<Promise<string>>('__linregRun()')) as T;
  const ms = performance.now() - t0;
  const bytes = JSON.parse(await vm.evaluate<Promise<string>>('__linregCompileBytes()')) as BytesCheck;
  return { value, ms, bytes };
}
