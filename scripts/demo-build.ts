// Builds the demo page (examples/web) with esbuild: the page and its training worker as ES
// modules, uPlot's CSS, and linreg-wasm from the built package (dist/) through its exports map.
// Also says whether a build is stale: `npm run demo` rebuilds only what changed.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const web = join(root, 'examples/web/');
const COPIED = ['index.html', 'style.css', 'sample.csv'];

/** Writes the demo into `outdir`: index.html, style.css, main.js(+css), worker.js, the .wasm. */
export async function buildDemo(outdir: string): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(web, 'src/main.ts'), join(web, 'src/worker.ts')], outdir, bundle: true, format: 'esm',
    platform: 'browser', target: 'es2022', minify: true, sourcemap: true, logLevel: 'warning',
    loader: { '.wasm': 'file', '.csv': 'text' }, assetNames: '[name]-[hash]',
  });
  for (const file of COPIED) copyFileSync(join(web, file), join(outdir, file));
}

/** What a build reads and writes, as paths relative to the repository (directories are walked). */
export interface BuildFiles { inputs: string[]; outputs: string[]; skip?: string[] }

/**
 * The library build in the order `npm run build` runs it: assembly/ to build/*.wasm, then src/ and
 * the release module to dist/. Each step names its package.json script.
 */
export const LIBRARY: (BuildFiles & { script: string })[] = [
  {
    script: 'build:wasm', inputs: ['assembly', 'asconfig.json', 'package.json'],
    outputs: ['build/release.wasm', 'build/debug.wasm', 'build/solver.wasm', 'build/optimizers.wasm', 'build/bench.wasm'],
  },
  {
    script: 'build:ts',
    inputs: ['src', 'build/release.wasm', 'build/solver.wasm', 'build/optimizers.wasm', 'package.json', 'tsconfig.build.json', 'scripts/clean-dist.mjs', 'scripts/copy-assets.mjs'],
    outputs: ['dist/index.js', 'dist/index.d.ts', 'dist/linreg.wasm', 'dist/solver.wasm', 'dist/optimizers.wasm', 'dist/cjs/index.cjs'],
  },
];

/** The demo bundle written by {@link buildDemo} into `outdir`, from the page's sources and dist/. */
export function demoFiles(outdir: string): BuildFiles {
  const out = relative(root, outdir);
  return {
    inputs: ['examples/web', 'dist', 'test/fixtures/seed-torch-reference.json', 'node_modules/uplot/package.json', 'scripts/demo-build.ts'],
    outputs: [...COPIED, 'main.js', 'main.css', 'worker.js'].map((f) => join(out, f)),
    skip: [out],
  };
}

/**
 * Why `files` must be rebuilt ("dist/index.js is missing", "src/train.ts is newer than
 * dist/index.js"), or undefined when every output is newer than every input.
 */
export function staleReason(files: BuildFiles): string | undefined {
  let oldest: { path: string; mtime: number } | undefined;
  for (const path of files.outputs) {
    if (!existsSync(join(root, path))) return `${path} is missing`;
    const mtime = statSync(join(root, path)).mtimeMs;
    if (!oldest || mtime < oldest.mtime) oldest = { path, mtime };
  }
  const skip = new Set((files.skip ?? []).map((p) => join(root, p)));
  const newest = newestFile(files.inputs.map((p) => join(root, p)), skip);
  if (oldest && newest && newest.mtime > oldest.mtime) return `${relative(root, newest.path)} is newer than ${oldest.path}`;
  return undefined;
}

/** The most recently modified file under `paths` (missing paths and `skip` are ignored). */
function newestFile(paths: string[], skip: Set<string>): { path: string; mtime: number } | undefined {
  let newest: { path: string; mtime: number } | undefined;
  const visit = (path: string): void => {
    if (skip.has(path) || !existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else if (!newest || stat.mtimeMs > newest.mtime) newest = { path, mtime: stat.mtimeMs };
  };
  for (const path of paths) visit(path);
  return newest;
}
