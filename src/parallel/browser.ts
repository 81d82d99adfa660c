// linreg-wasm/parallel in browsers (the package's "browser" condition): the same API as index.ts
// on module Web Workers. The workers read one SharedArrayBuffer when the page is cross-origin
// isolated (COOP/COEP headers); otherwise each gets its block in its own transferred ArrayBuffer.
import type { MatrixInput, VectorInput } from '../memory/borrow.js';
import type { LinearRegression } from '../solver/linear-regression.js';
import { closeParallelPool, fitParallelOn, type ParallelFitOptions, type Runtime } from './fit-parallel.js';
import type { CsvParallelOptions } from './fit-csv.js';
import { startWebPool } from './pool-web.js';

export type { ParallelFitOptions } from './fit-parallel.js';
export type { CsvParallelOptions } from './fit-csv.js';

const web: Runtime = {
  // written out so bundlers (Vite, webpack, esbuild) find and bundle the worker
  start: (size) => startWebPool(size, () => new Worker(new URL('./worker-web.js', import.meta.url), { type: 'module' })),
  shared: () => typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
};

/**
 * Fits X (n×p) to y on `workers` Web Workers and resolves to a partially fitted
 * `LinearRegression`: see the Node entry's documentation (docs/parallel.md).
 * @throws (rejects) as the Node entry.
 * @example
 * const model = await fitParallel(X, y, { workers: navigator.hardwareConcurrency });
 */
export function fitParallel(X: MatrixInput, y: VectorInput, options: ParallelFitOptions): Promise<LinearRegression> {
  return fitParallelOn(web, X, y, options);
}

/**
 * Node only: fitCsvParallel reads a file by its path, which a browser cannot; it rejects here.
 * In a browser, read a File with `csvChunks(file)` and `fitStream`, or fit rows with fitParallel.
 * @throws (rejects) TypeError, always.
 */
export function fitCsvParallel(path: string | URL, options: CsvParallelOptions): Promise<LinearRegression> {
  void path; void options;
  return Promise.reject(new TypeError('fitCsvParallel reads a file by its path: it runs in Node (in a browser: csvChunks(file) with fitStream)'));
}

/** Terminates the workers of fitParallel and frees the buffer kept for its next call. */
export function closeParallel(): Promise<void> {
  return closeParallelPool();
}
