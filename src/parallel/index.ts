// linreg-wasm/parallel in Node: fitParallel and fitCsvParallel on worker_threads (a tinypool pool,
// bundled into dist). Browsers get browser.ts (the package's "browser" condition): fitParallel on
// Web Workers (fitCsvParallel, which reads a file, rejects there).
import type { MatrixInput, VectorInput } from '../memory/borrow.js';
import type { LinearRegression } from '../solver/linear-regression.js';
import { closeParallelPool, fitParallelOn, type ParallelFitOptions, type Runtime } from './fit-parallel.js';
import { fitCsvParallelOn, type CsvParallelOptions } from './fit-csv.js';
import { startNodePool } from './pool-node.js';

export type { ParallelFitOptions } from './fit-parallel.js';
export type { CsvParallelOptions } from './fit-csv.js';

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
 * Fits a CSV file on `workers` threads and resolves to a partially fitted `LinearRegression`, equal
 * to `new LinearRegression().fitStream(csvFile(path, options), names)` to about 1e-12. The file is
 * cut into byte ranges of about equal size (`fileRanges`; 4 per worker, so that a worker slowed by
 * other load does not hold up the end); each worker in turn parses the rows that begin in a range
 * (`csvFile(path, { range })`) and folds them into the mergeable state; the states are merged here
 * by range index, a fixed order, so a worker count always gives the same bits. Columns and names as csvFile: `target` (default the last column), `features`, `weight`,
 * `header`, `delimiter`, `chunkRows`; featureNames and targetName are the header's. Memory: each
 * worker holds a chunk of `chunkRows` rows at a time, whatever the file's size. Rows must not hold
 * line breaks inside quotes (a byte range could begin inside one).
 *
 * Before any worker starts: the options are checked, the file is opened and read up to its first
 * row (header, columns). A bad line found by a worker rejects with the CsvError csvFile(path) raises,
 * its line counted from the top of the file; the first bad line in the file is the one reported.
 * @throws (rejects) TypeError / RangeError for bad options (csvFile's, `workers` not an integer
 *   ≥ 1, `range`: not an option here); CsvError for bad content; the file system's error for a
 *   missing file.
 * @example
 * import { fitCsvParallel } from 'linreg-wasm/parallel';
 * const model = await fitCsvParallel('big.csv', { workers: os.availableParallelism(), target: 'price' });
 * model.summary().featureNames; // the header's
 */
export function fitCsvParallel(path: string | URL, options: CsvParallelOptions): Promise<LinearRegression> {
  return fitCsvParallelOn(node, path, options);
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
