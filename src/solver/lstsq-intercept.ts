// lstsq on a design with a constant column (the column of ones of [1, X]), solved as a
// regression with an intercept on the other columns. Centring them is exact and makes the Gram
// path accurate far more often (an uncentred column of mean 4 and spread 1 beside the ones is
// already κ ≈ 10); the answer is numpy's: A's rank, singular values and minimum-norm x over all
// of A's columns.

import type { Arena } from '../memory/arena.js';
import type { MatrixRef } from '../memory/borrow.js';
import { jacobiSvd, orthonormalize } from './dense.js';
import { nullBasis, type Factor } from './factor.js';
import { designNullSpace, designR, projectOut } from './fit-stats.js';
import { solveTargets, type Solution, type SolveMethod } from './solve.js';

/** @internal What the reformulated solve gives back, in A's columns. */
export interface InterceptSolve {
  sols: Solution[];
  /** Each target's minimum-norm x over A's n columns. */
  xs: Float64Array[];
  rank: number;
  /** Orthonormal basis of A's null space (n-vectors). */
  nullSpace: number[][];
  /** Singular values of A (computed on first read). */
  readonly singularValues: Float64Array;
  /** A's factor of the other columns (for the column norms of the dependencies). */
  factor: Factor;
}

/**
 * @internal Solves A·x ≈ b for each target, column `k` of A being the constant `c` ≠ 0, by
 * LinearRegression on the other columns (copied once: only for small data).
 */
export function solveWithIntercept(
  arena: Arena, A: MatrixRef, k: number, c: number, ys: number[], rcond: number | null, method: SolveMethod,
): InterceptSolve {
  const { rows: m, cols: n } = A;
  const x = arena.alloc(m * (n - 1) * 8);
  try {
    const src = A.data(), dst = arena.f64(x, m * (n - 1));
    for (let i = 0; i < m; i++) {
      for (let j = 0, o = 0; j < n; j++) if (j !== k) dst[i * (n - 1) + o++] = src[i * n + j];
    }
    const pb = { arena, x, lo: 0, y: ys[0], w: 0, rows: m, cols: n - 1, intercept: true, rcond, names: ['A', 'b', 'aLow'] as [string, string, string] };
    const sols = solveTargets(pb, ys, method);
    const f = sols[0].factor;
    // null vectors [w0 for the ones; w] → A's columns: the constant column's entry is w0 / c
    const toA = (v: ArrayLike<number>): number[] => Array.from({ length: n }, (_, j) => (j === k ? v[0] / c : v[j < k ? j + 1 : j]));
    const nullSpace = orthonormalize(designNullSpace(nullBasis(f), f.xbar, 1).map(toA));
    const xs = sols.map((sol) => projectOut(toA(sol.x), nullSpace));
    let sigma: Float64Array | undefined;
    return {
      sols, xs, rank: f.rank + 1, nullSpace, factor: f,
      get singularValues() {
        if (!sigma) {
          const b = designR(f); // of [1 | X']; the ones scaled to c: column 0 times |c|
          for (let i = 0; i < f.q; i++) b[i * f.q] *= Math.abs(c);
          sigma = jacobiSvd(b, f.q).sigma.slice(0, Math.min(m, n));
        }
        return sigma;
      },
    };
  } finally {
    arena.release(x);
  }
}
