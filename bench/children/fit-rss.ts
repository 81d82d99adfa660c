// Peak memory of one closed-form fit in a fresh process (workload 5b). Run by the bench as
//   node --expose-gc --import tsx bench/children/fit-rss.ts <impl> <rows> <cols>
// impl: ours | plain | mlr | tfjs-cpu | tfjs-wasm. Prints one JSON line:
//   {"baselineBytes", "peakBytes", "intercept"} — RSS after imports + init (before any data) and the
// process's peak RSS (VmHWM). The data are made in the library's own input format,
// without an intermediate copy where the format allows it.
import { readFileSync } from 'node:fs';
import { generateRows } from '../lib/data.js';

const [impl, rowsArg, colsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const cols = Number(colsArg);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function main(): Promise<number> {
  if (impl === 'ours') {
    const { initOurs, lib } = await import('../lib/ours.js');
    await initOurs();
    const baseline = settle();
    const X = lib.Matrix.alloc(rows, cols);
    const y = lib.Vector.alloc(rows);
    const Xd = X.data, yd = y.data;
    generateRows(rows, cols, (i, x, yi) => { Xd.set(x, i * cols); yd[i] = yi; });
    return report(baseline, new lib.LinearRegression({ fitIntercept: true }).fit(X, y));
  }
  if (impl === 'plain') {
    const { plainNormalEquations } = await import('../peers/plain.js');
    const baseline = settle();
    const X = new Float64Array(rows * cols);
    const y = new Float64Array(rows);
    generateRows(rows, cols, (i, x, yi) => { X.set(x, i * cols); y[i] = yi; });
    return report(baseline, plainNormalEquations(X, y, rows, cols));
  }
  if (impl === 'mlr') {
    const { mlrFit } = await import('../peers/mlr.js');
    const baseline = settle();
    const x: number[][] = new Array(rows);
    const y: number[][] = new Array(rows);
    generateRows(rows, cols, (i, xi, yi) => { x[i] = Array.from(xi); y[i] = [yi]; });
    return report(baseline, mlrFit({ x, y }));
  }
  const { useBackend, tf, tfNormalEquations } = await import('../peers/tf.js');
  await useBackend(impl === 'tfjs-wasm' ? 'wasm' : 'cpu');
  const baseline = settle();
  let X: Float32Array | undefined = new Float32Array(rows * cols);
  let y: Float32Array | undefined = new Float32Array(rows);
  generateRows(rows, cols, (i, x, yi) => { X!.set(x, i * cols); y![i] = yi; });
  const data = { X: tf.tensor2d(X, [rows, cols]), y: tf.tensor2d(y, [rows, 1]) };
  X = y = undefined; // the tensors hold their own copies
  gc();
  return report(baseline, tfNormalEquations(data));
}

function settle(): number {
  gc();
  return process.memoryUsage().rss;
}

// VmHWM is the peak RSS of this process's own memory map. getrusage's maxrss is not: Linux carries
// it over fork + exec, so a child of a big parent would report the parent's size.
function peakRss(): number {
  try {
    const m = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

function report(baselineBytes: number, fit: { intercept: number }): number {
  const peakBytes = peakRss();
  console.log(JSON.stringify({ baselineBytes, peakBytes, intercept: fit.intercept }));
  return 0;
}

main().catch((error: Error) => {
  console.log(JSON.stringify({ error: error.message }));
  process.exitCode = 1;
});
