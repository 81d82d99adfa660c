// The long soak: `npx tsx scripts/soak.ts [cycles]` (default 1 000 000; run `npm run build` first).
// Each cycle creates and fills inputs in wasm memory, trains a LinearModel (SGD or Adam, train()
// for 5 iterations), fits a LinearRegression and lstsq (weights, rank deficiency, summary and JSON
// round trips on some cycles; see soak-cycles.ts), and disposes everything it created. Prints
// progress every 10 %. Exits 1 when live bytes are not back at the baseline after a cycle, or
// when wasm memory grows after the warm-up (1 % of the cycles, at least 2 000).
import { existsSync } from 'node:fs';
import { builtModules } from './built-wasm.js';
import { init, memoryUsage } from '../src/index.js';
import { closedFormCycle, trainCycle } from './soak-cycles.js';

const wasm = new URL('../build/release.wasm', import.meta.url);
if (!existsSync(wasm)) {
  console.error('build/release.wasm is missing: run `npm run build` first');
  process.exit(2);
}
const cycles = process.argv[2] === undefined ? 1_000_000 : Number(process.argv[2]);
if (!Number.isInteger(cycles) || cycles < 1) {
  console.error(`usage: npx tsx scripts/soak.ts [cycles]  (a positive integer, got ${process.argv[2]})`);
  process.exit(2);
}
await init(builtModules());

const warmUp = Math.min(cycles, Math.max(2_000, Math.ceil(cycles / 100)));
const base = memoryUsage().liveBytes;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const start = performance.now();
let warm = 0;

function fail(message: string): never {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

console.log(`soak: ${cycles} cycles (train + fit + lstsq), warm-up ${warmUp}, baseline live ${kb(base)}`);
for (let i = 0; i < cycles; i++) {
  try {
    trainCycle(i);
    closedFormCycle(i);
  } catch (error) {
    fail(`cycle ${i} threw ${(error as Error).stack ?? error}`);
  }
  const done = i + 1;
  if (done === warmUp) warm = memoryUsage().wasmBytes;
  const tenth = done % Math.max(1, Math.floor(cycles / 10)) === 0;
  if (!tenth && done !== cycles && done !== warmUp) continue;
  const { liveBytes, wasmBytes } = memoryUsage();
  const seconds = (performance.now() - start) / 1000;
  console.log(`[${String(Math.round((100 * done) / cycles)).padStart(3)}%] cycle ${done}/${cycles}  ${seconds.toFixed(1)} s`
    + `  (${((seconds / done) * 1e6).toFixed(0)} µs/cycle)  live ${kb(liveBytes)}  wasm ${kb(wasmBytes)}`
    + (warm ? `  (after warm-up ${kb(warm)})` : ''));
  if (liveBytes !== base) fail(`live bytes ${liveBytes} after cycle ${done}, baseline ${base}: something was not freed`);
  if (warm && wasmBytes > warm) fail(`wasm memory grew from ${warm} to ${wasmBytes} bytes after the warm-up`);
}
const seconds = (performance.now() - start) / 1000;
console.log(`OK: ${cycles} cycles in ${seconds.toFixed(1)} s; live bytes back to ${kb(base)}, wasm memory flat at ${kb(memoryUsage().wasmBytes)} after warm-up`);
