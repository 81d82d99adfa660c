// `npm run demo`: builds what is stale (the library, then the demo page) and serves the page on
// http://127.0.0.1:$PORT (default 5180). `--rebuild` builds both whatever their dates.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildDemo, demoFiles, LIBRARY, staleReason } from './demo-build.js';
import { serveStatic } from './serve-static.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = fileURLToPath(new URL('../examples/web/dist/', import.meta.url));
const force = process.argv.includes('--rebuild');
const seconds = (t: number): string => `${((performance.now() - t) / 1000).toFixed(1)} s`;

for (const step of LIBRARY) {
  const stale = force ? '--rebuild' : staleReason(step);
  if (!stale) {
    console.log(`library: ${step.outputs[0].split('/')[0]}/ is newer than ${step.inputs[0]}/: skipped npm run ${step.script}.`);
    continue;
  }
  console.log(`library: ${stale}: running npm run ${step.script}…`);
  const t = performance.now();
  const run = spawnSync('npm', ['run', step.script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) {
    console.error(`library: npm run ${step.script} failed (exit ${run.status ?? run.signal}); not serving the demo.`);
    process.exit(1);
  }
  console.log(`library: npm run ${step.script} took ${seconds(t)}.`);
}

const demoStale = force ? '--rebuild' : staleReason(demoFiles(outdir));
if (demoStale) {
  const t = performance.now();
  await buildDemo(outdir);
  console.log(`demo page: ${demoStale}: bundled examples/web/ with esbuild in ${seconds(t)}.`);
} else {
  console.log('demo page: examples/web/dist/ is newer than examples/web/ and dist/: not rebuilt.');
}

const wanted = Number(process.env.PORT ?? 5180);
const server = await serveStatic(outdir, wanted).catch(() => serveStatic(outdir, 0));
console.log(`linreg-wasm demo: ${server.url}/  (Ctrl+C to stop)`);
