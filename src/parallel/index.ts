// linreg-wasm/parallel in Node: fitParallel on worker_threads (a tinypool pool, bundled into
// dist). Browsers get browser.ts (the package's "browser" condition): the same API on Web Workers.
import type { MatrixInput, VectorInput } from '../memory/borrow.js';
import type { LinearRegression } from '../solver/linear-regression.js';
import { closeParallelPool, fitParallelOn, type ParallelFitOptions, type Runtime } from './fit-parallel.js';
import { startNodePool } from './pool-node.js';

export type { ParallelFitOptions } from './fit-parallel.js';

// worker-node.js beside this file; from the TypeScript sources (tests, bench) a loader that compiles it
const WORKER = import.meta.url.endsWith('.ts') ? new URL('./worker-from-source.mjs', import.meta.url) : new URL('./worker-node.js', import.meta.url);
const node: Runtime = { start: (size) => startNodePool(size, WORKER), shared: () => true };

/**
 * Fits X (n×p) to y on `workers` threads and resolves to a fitted, partially fitted
 * `LinearRegression` (it can `merge` and `partialFit` further, and `toBytes()`): each worker
 * reduces one contiguous block of rows to the mergeable state, and the states are merged here in
 * a fixed tree, so the fit equals `new LinearRegression().fit(X, y)` to about 1e-12 whatever the
 * worker count. X and y are checked (shapes, kinds, NaN) before any worker is given work, then
 * copied once into a SharedArrayBuffer the workers read (rows given as consecutive views of a
 * SharedArrayBuffer are read in place). The workers start on the first call and are reused;
 * `closeParallel()` stops them (idle workers do not keep Node alive). Call `await init()` first
 * as for any fit, or pass `wasm`.
 * @throws (rejects) RangeError for mismatched shapes, empty data, NaN/±Infinity, bad weights or
 *   `workers` not an integer ≥ 1; TypeError for wrong kinds and unknown options.
 * @example
 * import { fitParallel, closeParallel } from 'linreg-wasm/parallel';
 * const model = await fitParallel(X, y, { workers: os.availableParallelism() });
 * model.coef; // as new LinearRegression().fit(X, y).coef, to ~1e-12
 * await closeParallel();
 */
export function fitParallel(X: MatrixInput, y: VectorInput, options: ParallelFitOptions): Promise<LinearRegression> {
  return fitParallelOn(node, X, y, options);
}

/**
 * Stops the workers of fitParallel and frees the buffer kept for its next call. Safe to call at
 * any time; a later fitParallel starts new workers. Node exits without it (idle workers are
 * unreferenced); call it to free their memory, or at shutdown.
 * @example
 * await closeParallel();
 */
export function closeParallel(): Promise<void> {
  return closeParallelPool();
}
