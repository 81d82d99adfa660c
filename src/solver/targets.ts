// Targets of the closed form: one vector y (n), or several as the columns of a matrix Y (n×k),
// as numpy's lstsq and scikit-learn's LinearRegression take them.

import { Matrix } from '../memory/matrix.js';
import { borrowMatrix, borrowVector } from '../memory/borrow.js';
import type { Arena } from '../memory/arena.js';

/** @internal Targets in wasm memory: one block of `rows` values per target. */
export interface TargetsRef {
  /** True when the input was 2-D (results are then per target, even for k = 1). */
  multi: boolean;
  rows: number;
  /** Pointers to each target's values (contiguous). */
  ptrs: number[];
  /** The values of target t (a fresh view). */
  data(t: number): Float64Array;
  release(): void;
}

/** @internal True for a `Matrix` or an array whose entries are arrays (rows of Y). */
export function isTargetMatrix(input: unknown): boolean {
  if (input instanceof Matrix) return true;
  return Array.isArray(input) && input.length > 0 && (Array.isArray(input[0]) || ArrayBuffer.isView(input[0]));
}

/**
 * @internal Borrows y (a vector) or Y (a matrix, one target per column; its columns are copied
 * into blocks of their own, since the kernels read one contiguous target).
 */
export function borrowTargets(arena: Arena, name: string, input: unknown): TargetsRef {
  if (!isTargetMatrix(input)) {
    const ref = borrowVector(name, input);
    return { multi: false, rows: ref.length, ptrs: [ref.ptr], data: () => ref.data(), release: () => ref.release() };
  }
  const ref = borrowMatrix(name, input);
  const { rows, cols } = ref;
  const ptrs: number[] = [];
  try {
    for (let t = 0; t < cols; t++) ptrs.push(arena.alloc(rows * 8));
    const Y = ref.data();
    ptrs.forEach((ptr, t) => {
      const col = arena.f64(ptr, rows);
      for (let i = 0; i < rows; i++) col[i] = Y[i * cols + t];
    });
  } catch (error) {
    ptrs.forEach((ptr) => arena.release(ptr));
    ref.release();
    throw error;
  }
  ref.release();
  return {
    multi: true, rows, ptrs,
    data: (t) => arena.f64(ptrs[t], rows),
    release: () => ptrs.forEach((ptr) => arena.release(ptr)),
  };
}

/** @internal n rows of k values from k solutions of length n (numpy's x[i][t]). */
export function byRows(columns: ArrayLike<number>[], n: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => Float64Array.from(columns, (c) => c[i]));
}
