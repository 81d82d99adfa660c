// Our library, loaded from src/ (tsx) with the release wasm from build/, plus the bench-only
// readSum kernel (build/bench.wasm), which the shipped module leaves out.
import { readFileSync } from 'node:fs';
import * as lib from '../../src/index.js';
import { builtModules } from '../../scripts/built-wasm.js';
import { getArena } from '../../src/wasm/init.js';
import type { Kernels as LibraryKernels } from '../../src/wasm/kernels.js';

export { lib };

/** The library's kernels plus readSum: Σ of n f64 at byte offset p, read once (the read ceiling). */
export interface Kernels extends LibraryKernels {
  readSum(p: number, n: number): number;
}

/** The slice of `LinearRegression` the bench uses (scikit-learn semantics, DESIGN.md). */
export interface Regressor {
  fit(X: unknown, y: unknown): unknown;
  coef: ArrayLike<number>;
  intercept: number;
  dispose?: () => void;
}
export type RegressorClass = new (options: { fitIntercept: boolean }) => Regressor;

const BENCH_WASM = new URL('../../build/bench.wasm', import.meta.url);

/**
 * Initialises the library from build/'s release modules and instantiates build/bench.wasm over the same
 * memory, so readSum reads the very buffers the fused kernels are timed on (run `npm run build`).
 */
export async function initOurs(): Promise<Kernels> {
  await lib.init(builtModules());
  const kernels = getArena().kernels;
  const bench = await WebAssembly.instantiate(readFileSync(BENCH_WASM), { env: { memory: kernels.memory } });
  return { ...kernels, readSum: bench.instance.exports.readSum as Kernels['readSum'] };
}

