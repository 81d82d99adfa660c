// Workload 5a: what a browser downloads. Each library bundled by esbuild (minified ESM, browser
// platform) and gzipped at level 9, plus the .wasm it loads.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { fmtBytes, ratioText, section, type WorkloadResult } from '../lib/report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// tfjs-core as its docs use it: the whole namespace, with the gradients training needs.
const TF_CORE = "export * from '@tensorflow/tfjs-core'; import '@tensorflow/tfjs-core/dist/register_all_gradients';";

interface Bundle { name: string; entry: string; wasm?: string; what: string }

const BUNDLES: Bundle[] = [
  { name: 'linreg-wasm', entry: "export * from './dist/index.js';", wasm: 'dist/linreg.wasm', what: 'the whole public API (dist/) + linreg.wasm' },
  { name: 'TensorFlow.js core + cpu', entry: `${TF_CORE} import '@tensorflow/tfjs-backend-cpu';`, what: '@tensorflow/tfjs-core (+ its gradients) + tfjs-backend-cpu' },
  { name: 'TensorFlow.js core + wasm', entry: `${TF_CORE} export * from '@tensorflow/tfjs-backend-wasm';`, wasm: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', what: '@tensorflow/tfjs-core (+ its gradients) + tfjs-backend-wasm + its SIMD .wasm' },
  { name: 'ml-regression-multivariate-linear', entry: "export { default } from 'ml-regression-multivariate-linear';", what: 'the package and ml-matrix' },
];

async function gzippedBundle(entry: string): Promise<{ min: number; gz: number }> {
  const out = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
    bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent',
    external: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'perf_hooks', 'crypto'],
  });
  const code = out.outputFiles[0].contents;
  return { min: code.byteLength, gz: gzipSync(code, { level: 9 }).byteLength };
}

export async function sizeWorkload(): Promise<WorkloadResult> {
  const s = section('size', '5a. Bundle size (what a browser downloads)', [
    'Each library bundled by esbuild (minified ESM, browser platform, everything reachable from its entry) and '
      + 'gzipped at level 9; the .wasm it fetches is gzipped separately and added.',
  ]);
  const rows: { b: Bundle; js: { min: number; gz: number }; wasmGz: number; total: number }[] = [];
  for (const b of BUNDLES) {
    const js = await gzippedBundle(b.entry);
    const wasmGz = b.wasm ? gzipSync(readFileSync(ROOT + b.wasm), { level: 9 }).byteLength : 0;
    rows.push({ b, js, wasmGz, total: js.gz + wasmGz });
  }
  const ours = rows[0];
  s.tables.push({
    columns: ['library', 'what', 'JS minified', 'JS gzip', 'wasm gzip', 'total gzip', 'ratio to linreg-wasm'],
    rows: rows.map((r) => [r.b.name, r.b.what, fmtBytes(r.js.min), fmtBytes(r.js.gz), r.wasmGz ? fmtBytes(r.wasmGz) : '–',
      fmtBytes(r.total), r === ours ? 'reference' : ratioText(`size(${r.b.name})`, r.total, 'size(linreg-wasm)', ours.total)]),
  });
  s.notes.push('Sizes in KiB (1024 B). The linreg-wasm bundle is built from dist/ as `npm run build` left it at the start of this run.');
  const headline = rows.slice(1).map((r) => ({
    workload: 'bundle size (min + gzip, JS + wasm)', comparison: `linreg-wasm vs ${r.b.name}`,
    ratio: `${ratioText(`size(${r.b.name})`, r.total, 'size(linreg-wasm)', ours.total)} (${fmtBytes(ours.total)} vs ${fmtBytes(r.total)})`,
  }));
  return { section: s, targets: [], headline };
}
