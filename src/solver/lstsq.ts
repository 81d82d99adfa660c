// numpy.linalg.lstsq on SIMD WebAssembly, exact where numpy is not.

import { getArena } from '../wasm/init.js';
import type { MatrixInput, VectorInput } from '../memory/borrow.js';
import { checkOptions } from '../validate.js';
import { nullBasis } from './factor.js';
import { dependencies, rankWarning, type Dependency } from './collinearity.js';
import { withData } from '../memory/borrow.js';
import { borrowLow, checkAnswerFinite, checkMethod, checkNames, checkRcond, checkShapes } from './options.js';
import { solveProblem, type SolveMethod } from './solve.js';

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /**
   * Singular values ≤ rcond·σ_max count as zero (numpy; negative means machine precision ε).
   * Default: no cutoff: a dependency counts when it is proved to hold to rounding in
   * double-double, which finds every exact one (numpy's ε·max(m, n) misses some at large m) and
   * keeps genuine near-dependencies (numpy's loses NIST Filip); see docs/closed-form.md.
   */
  rcond?: number;
  /** Factorization: 'auto' (default), 'qr' (orthogonal, refined) or 'normal' (Gram + Cholesky). */
  method?: SolveMethod;
  /** Low-order parts of A (A_exact ≈ A + aLow), e.g. powers computed in double-double. */
  aLow?: MatrixInput;
  /** Names of A's columns for the collinearity report (default a0, a1, …). */
  columnNames?: string[];
}

/** What {@link lstsq} returns: numpy's four fields, plus the null space and the dependencies. */
export interface LstsqResult {
  /** The least-squares solution (minimum-norm when rank < n), length n. */
  x: Float64Array;
  /** [‖b − A·x‖²] when rank = n < m, else empty (numpy's convention). */
  residuals: Float64Array;
  /** Numerical rank of A under rcond. */
  rank: number;
  /** Singular values of A, descending, min(m, n) of them. */
  singularValues: Float64Array;
  /** Orthonormal basis of A's numerical null space: n − rank vectors of length n. Every
   * least-squares solution is x + N·t; projecting any x₀ onto it gives x₀'s null-space part. */
  nullSpace: number[][];
  /** Linear dependencies among the columns (empty when rank = n). */
  dependencies: Dependency[];
  /** Human-readable warnings (rank deficiency, with the dependencies). */
  warnings: string[];
}

/**
 * Least-squares solution of A·x ≈ b with numpy.linalg.lstsq semantics on A as given.
 *
 * Householder QR of a column-scaled copy, SVD of R (one-sided Jacobi) for the rank and the
 * minimum-norm answer, then refinement with residuals in double-double; large well-conditioned
 * problems take a zero-copy Gram + Cholesky path instead (see `method`).
 *
 * @param A m×n design (`Matrix` for zero copies, or `number[][]`); b: m values.
 * @throws RangeError for mismatched shapes, empty A, NaN/±Infinity, a negative rcond;
 *   TypeError for wrong kinds or unknown options. Singular A is never an error.
 * @example
 * const { x, rank } = lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 3]); // x ≈ [1, 1], rank 2
 */
export function lstsq(A: MatrixInput, b: VectorInput, options?: LstsqOptions): LstsqResult {
  const opts = checkOptions<LstsqOptions>('lstsq', options, ['rcond', 'method', 'aLow', 'columnNames']);
  const method = checkMethod(opts.method);
  return withData(A, b, (refA, refB) => {
    checkShapes('A', refA, refB, 'b');
    const { rows: m, cols: n } = refA;
    const rcond = checkRcond(opts.rcond);
    const names = checkNames('columnNames', opts.columnNames, n, 'A', 'a', 0);
    const lo = borrowLow('aLow', opts.aLow, refA);
    try {
      const pb = { arena: getArena(), x: refA.ptr, lo: lo?.ptr ?? 0, y: refB.ptr, w: 0, rows: m, cols: n, intercept: false, rcond, names: ['A', 'b', 'aLow'] as [string, string, string] };
      const sol = solveProblem(pb, method);
      checkAnswerFinite(sol, [['A', refA], ['b', refB], ['aLow', lo]]);
      const f = sol.factor;
      const nullSpace = nullBasis(f);
      const deps = f.rank < n ? dependencies(nullSpace, names, undefined, constantColumns(refA.data(), m, n)) : [];
      return {
        x: sol.x,
        residuals: f.rank === n && m > n ? Float64Array.of(sol.sse) : new Float64Array(0),
        rank: f.rank,
        singularValues: f.svd.sigma.slice(0, Math.min(m, n)),
        nullSpace,
        dependencies: deps,
        warnings: deps.length ? [rankWarning(f.rank, n, deps, 'A')] : [],
      };
    } finally {
      lo?.release();
    }
  }, ['A', 'b']);
}

/** The value of each column that is constant over all rows (an intercept column), else null. */
export function constantColumns(data: Float64Array, m: number, n: number): (number | null)[] {
  return Array.from({ length: n }, (_, j) => {
    const v = data[j];
    for (let i = 1; i < m; i++) if (data[i * n + j] !== v) return null;
    return v;
  });
}
