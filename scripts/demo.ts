// `npm run demo`: builds the demo page and serves it on http://127.0.0.1:$PORT (default 5180).
import { fileURLToPath } from 'node:url';
import { buildDemo } from './demo-build.js';
import { serveStatic } from './serve-static.js';

const outdir = fileURLToPath(new URL('../examples/web/dist/', import.meta.url));
await buildDemo(outdir);
const wanted = Number(process.env.PORT ?? 5180);
const server = await serveStatic(outdir, wanted).catch(() => serveStatic(outdir, 0));
console.log(`linreg-wasm demo: ${server.url}/  (Ctrl+C to stop)`);
