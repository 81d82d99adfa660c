// Builds the demo page (examples/web) with esbuild: the page and its training worker as ES
// modules, uPlot's CSS, and linreg-wasm from the built package (dist/) through its exports map.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../examples/web/', import.meta.url));

/** Writes the demo into `outdir`: index.html, style.css, main.js(+css), worker.js, the .wasm. */
export async function buildDemo(outdir: string): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(web, 'src/main.ts'), join(web, 'src/worker.ts')], outdir, bundle: true, format: 'esm',
    platform: 'browser', target: 'es2022', minify: true, sourcemap: true, logLevel: 'warning',
    loader: { '.wasm': 'file', '.csv': 'text' }, assetNames: '[name]-[hash]',
  });
  for (const file of ['index.html', 'style.css', 'sample.csv']) copyFileSync(join(web, file), join(outdir, file));
}
