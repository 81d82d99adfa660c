// Cold start per runtime: a fresh process (page, isolate) for each sample that imports the packed
// package, calls init() and makes one small fit. Two clocks: from outside (spawn → answer, the
// runtime's own boot included) and inside (import → fit done, by the runtime's performance.now()).
// Called by bench/workloads/cold.ts; `tsx bench/cold-start.ts` prints the rows.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ColdStart } from '../test/runtimes/cold-probe.js';
import { buildEdge, buildEntry, buildVite, buildWorkerd } from '../test/runtimes/harness/bundle.js';
import { installPackedPackage, removeScratch } from '../test/runtimes/harness/package.js';
import { CLI, runBrowser, serveWorkerd, writeBrowserPage } from '../test/runtimes/harness/runners.js';
import { parseResult, runProcess } from '../test/runtimes/harness/process.js';
import { chromiumPath, launchChromium, missingChromiumMessage } from '../test/runtimes/harness/chromium.js';
import { serveStatic } from '../scripts/serve-static.js';

/** One row per runtime; times in milliseconds, medians over `runs` fresh starts. */
export interface ColdStartRow {
  runtime: string;
  'median ms (start → first fit)': number | undefined;
  'min–max ms': string;
  'in-runtime ms (import → fit)': number | undefined;
  measured: string;
  runs: number;
}

const PROBE = fileURLToPath(new URL('../test/runtimes/cold-probe.ts', import.meta.url));
const WORKER = "import { run } from './entry.js';\nexport default { async fetch() { return Response.json(await run()); } };\n";
const EDGE = "import { run } from './entry.js';\nglobalThis.__linregRun = async () => JSON.stringify(await run());\n";

interface Sample { wall: number; inside?: number; what: string }

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number): number => Math.round(x * 10) / 10;

function row(runtime: string, measured: string, samples: Sample[]): ColdStartRow {
  const walls = samples.map((s) => s.wall);
  const insides = samples.flatMap((s) => (s.inside === undefined ? [] : [s.inside]));
  return {
    runtime, 'median ms (start → first fit)': round(median(walls)),
    'min–max ms': `${round(Math.min(...walls))}–${round(Math.max(...walls))}`,
    'in-runtime ms (import → fit)': insides.length ? round(median(insides)) : undefined,
    measured: `${measured}; ${samples[0]?.what ?? ''}`, runs: samples.length,
  };
}

async function cli(runtime: keyof typeof CLI, dir: string, runs: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let k = 0; k < runs; k++) {
    const [command, args] = CLI[runtime]();
    const run = await runProcess(command, args, { cwd: dir, env: { DENO_NO_UPDATE_CHECK: '1' } });
    const value = parseResult<ColdStart>(run, runtime);
    samples.push({ wall: run.ms, inside: value.ms, what: value.what });
  }
  return samples;
}

async function workerd(dir: string, runs: number): Promise<Sample[]> {
  const { dir: out, modules } = await buildWorkerd(dir, WORKER, 'cold-workerd');
  const samples: Sample[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const server = await serveWorkerd(out, modules, undefined, 2); // answers only after run()
    const wall = performance.now() - t0;
    const value = await (await fetch(server.base)).json() as ColdStart;
    server.stop();
    samples.push({ wall, what: value.what });
  }
  return samples;
}

async function edgeVM(dir: string, runs: number): Promise<Sample[]> {
  const { code, modules } = await buildEdge(dir, EDGE, 'cold-edge');
  const { EdgeVM } = await import('@edge-runtime/vm');
  const { readFileSync } = await import('node:fs');
  const samples: Sample[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const compiled = modules.map((m) => [m.name, new WebAssembly.Module(readFileSync(m.file))] as const);
    const vm = new EdgeVM({ codeGeneration: { strings: false, wasm: false }, extend: (c) => Object.assign(c, Object.fromEntries(compiled)) });
    vm.evaluate(code);
    const value = JSON.parse(await vm.evaluate<Promise<string>>('__linregRun()')) as ColdStart;
    samples.push({ wall: performance.now() - t0, inside: value.ms, what: value.what });
  }
  return samples;
}

async function chromium(dir: string, runs: number): Promise<{ importMap: Sample[]; vite: Sample[] }> {
  writeBrowserPage(dir);
  const [browser, server] = await Promise.all([launchChromium(), serveStatic(dir), buildVite(dir)]);
  const pages = async (page: string): Promise<Sample[]> => {
    const samples: Sample[] = [];
    for (let k = 0; k < runs; k++) {
      const run = await runBrowser<ColdStart>(browser, `${server.url}/${page}`);
      samples.push({ wall: run.ms, inside: run.value.ms, what: run.value.what });
    }
    return samples;
  };
  try {
    return { importMap: await pages('index.html'), vite: await pages('vite-dist/index.html') };
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Measures the cold start of each runtime (Node, Deno, Bun, workerd, the edge VM, Chromium).
 * A runtime that cannot run here gets a row saying why instead of numbers.
 */
export async function measureColdStart(options: { quick?: boolean; runs?: number } = {}): Promise<ColdStartRow[]> {
  const runs = options.runs ?? (options.quick ? 3 : 10);
  const dir = installPackedPackage('linreg-cold-');
  const rows: ColdStartRow[] = [];
  const attempt = async (runtime: string, measured: string, sample: () => Promise<Sample[]>): Promise<void> => {
    try {
      rows.push(row(runtime, measured, await sample()));
    } catch (error) {
      rows.push({ runtime, 'median ms (start → first fit)': undefined, 'min–max ms': '–', 'in-runtime ms (import → fit)': undefined,
        measured: `not measured: ${(error as Error).message.split('\n')[0]}`, runs: 0 });
    }
  };
  try {
    await buildEntry(PROBE, dir);
    await attempt(`Node ${process.version}`, 'process spawn → exit', () => cli('node', dir, runs));
    await attempt('Deno (npm deno)', 'process spawn → exit', () => cli('deno', dir, runs));
    await attempt('Bun (npm bun)', 'process spawn → exit', () => cli('bun', dir, runs));
    await attempt('Cloudflare workerd (npm workerd)', 'process spawn → first HTTP answer', () => workerd(dir, runs));
    await attempt('Vercel edge (@edge-runtime/vm)', 'new EdgeVM → first fit, in this process', () => edgeVM(dir, runs));
    if (chromiumPath()) {
      let pages: { importMap: Sample[]; vite: Sample[] } | undefined;
      const page = (which: 'importMap' | 'vite') => async () => (pages ??= await chromium(dir, runs))[which];
      await attempt('Chromium, Vite bundle', 'page.goto → first fit (browser running, no HTTP cache)', page('vite'));
      await attempt('Chromium, import map over dist/', 'page.goto → first fit; ~35 module files fetched one level at a time', page('importMap'));
    } else rows.push({ runtime: 'Chromium', 'median ms (start → first fit)': undefined, 'min–max ms': '–', 'in-runtime ms (import → fit)': undefined, measured: missingChromiumMessage(), runs: 0 });
  } finally {
    removeScratch(dir);
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === join(process.argv[1])) {
  console.table(await measureColdStart({ quick: process.argv.includes('--quick') }));
}
