// The least-squares problem as the solver paths see it: data in wasm memory plus options.

import type { Arena } from '../memory/arena.js';
import { checkAllFinite } from '../validate.js';

/** @internal A weighted least-squares problem over data already in wasm memory. */
export interface Problem {
  arena: Arena;
  /** X (rows×cols row-major), optional low-order parts of X (same layout, or 0), y, weights (or 0). */
  x: number; lo: number; y: number; w: number;
  rows: number; cols: number;
  /** Fit an unpenalised intercept (centre X and y). */
  intercept: boolean;
  /** Relative cutoff on the singular values of the coefficient block; null for the default rule (rank.ts). */
  rcond: number | null;
  /** Names of X, y and the low parts in error messages (default 'X', 'y', 'xLow'). */
  names?: [string, string, string];
  /** The rank proof's relative tolerance (default rank.ts's TAU = 16ε; wider for a state reduced in double). */
  tau?: number;
}

/**
 * @internal Throws a RangeError naming the first NaN/±Infinity in the problem's data (zero-copy
 * matrices are not scanned before the solve); returns quietly when all are finite.
 */
export function checkProblemFinite(pb: Problem): void {
  const [nx, ny, nlo] = pb.names ?? ['X', 'y', 'xLow'];
  const { arena, rows, cols } = pb;
  checkAllFinite(nx, arena.f64(pb.x, rows * cols), cols);
  checkAllFinite(ny, arena.f64(pb.y, rows));
  if (pb.lo) checkAllFinite(nlo, arena.f64(pb.lo, rows * cols), cols);
}

/** @internal Data with at most this many values is small: copies and double-double passes are cheap. */
export const SMALL = 1 << 17;
/** @internal Data with at most this many values is tiny: per-call costs outweigh the arithmetic. */
export const TINY = 1 << 12;

/**
 * @internal ‖√W·x_j‖ of each column of the row-major rows×cols X, free of under- and overflow:
 * max|·| times the norm of the column divided by it.
 */
export function columnNorms(X: ArrayLike<number>, rows: number, cols: number, w: ArrayLike<number> | null = null): Float64Array {
  const big = new Float64Array(cols), sum = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const sw = w ? Math.sqrt(w[i]) : 1;
    for (let j = 0; j < cols; j++) big[j] = Math.max(big[j], Math.abs(X[i * cols + j]) * sw);
  }
  for (let i = 0; i < rows; i++) {
    const sw = w ? Math.sqrt(w[i]) : 1;
    for (let j = 0; j < cols; j++) if (big[j] > 0) sum[j] += ((X[i * cols + j] * sw) / big[j]) ** 2;
  }
  return big.map((b, j) => b * Math.sqrt(sum[j]));
}

/** @internal Weighted column means of X (zeros without intercept). */
export function means(pb: Problem): Float64Array {
  const { arena, rows, cols } = pb;
  const xbar = new Float64Array(cols);
  if (!pb.intercept) return xbar;
  const X = arena.f64(pb.x, rows * cols);
  const w = pb.w ? arena.f64(pb.w, rows) : null;
  let sw = 0;
  for (let i = 0; i < rows; i++) sw += w ? w[i] : 1;
  for (let i = 0; i < rows; i++) {
    const wi = (w ? w[i] : 1) / sw;
    for (let j = 0; j < cols; j++) xbar[j] += wi * X[i * cols + j];
  }
  return xbar;
}
