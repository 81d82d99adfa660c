// numpy.linalg.lstsq on SIMD WebAssembly, exact where numpy is not.

import { getArena } from '../wasm/init.js';
import { borrowMatrix, type MatrixInput, type MatrixRef, type VectorInput } from '../memory/borrow.js';
import { checkOptions } from '../validate.js';
import { nullBasis, type Factor } from './factor.js';
import { dependencies, rankWarning, type Dependency } from './collinearity.js';
import { borrowLow, checkAnswerFinite, checkMethod, checkNames, checkRcond } from './options.js';
import { solveTargets, type Solution, type SolveMethod } from './solve.js';
import { solveWithIntercept } from './lstsq-intercept.js';
import { SMALL, columnNorms } from './problem.js';
import { borrowTargets, byRows, type TargetsRef } from './targets.js';

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

/** What {@link lstsq} returns for a 2-D `B` (m×k, one target per column): numpy's shapes. */
export interface LstsqMultiResult extends Omit<LstsqResult, 'x' | 'residuals'> {
  /** The solutions as n rows of k values (numpy's x[i][t]); minimum-norm when rank < n. */
  x: Float64Array[];
  /** [‖B_t − A·x_t‖²] for each target when rank = n < m, else empty. */
  residuals: Float64Array;
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
export function lstsq(A: MatrixInput, b: VectorInput, options?: LstsqOptions): LstsqResult;
export function lstsq(A: MatrixInput, B: MatrixInput, options?: LstsqOptions): LstsqMultiResult;
export function lstsq(A: MatrixInput, b: VectorInput | MatrixInput, options?: LstsqOptions): LstsqResult | LstsqMultiResult {
  const opts = checkOptions<LstsqOptions>('lstsq', options, ['rcond', 'method', 'aLow', 'columnNames']);
  const method = checkMethod(opts.method);
  const rcond = checkRcond(opts.rcond);
  const arena = getArena();
  const refA = borrowMatrix('A', A);
  let targets: TargetsRef | undefined, lo: MatrixRef | null = null;
  try {
    targets = borrowTargets(arena, 'b', b);
    const { rows: m, cols: n } = refA;
    if (targets.rows !== m) throw new RangeError(`b has ${targets.rows} ${targets.multi ? 'rows' : 'values'} but A has ${m} rows`);
    const names = checkNames('columnNames', opts.columnNames, n, 'A', 'a', 0);
    lo = borrowLow('aLow', opts.aLow, refA);
    if (m === 0 || n === 0) return emptyAnswer(m, n, targets);
    const zero = targets.ptrs.length ? 0 : arena.alloc(m * 8); // no targets: factor A all the same
    try {
      if (zero) arena.f64(zero, m).fill(0);
      const ys = zero ? [zero] : targets.ptrs;
      const t = targets;
      const bRef = (i: number) => ({ ptr: ys[i], length: m, data: () => (zero ? new Float64Array(m) : t.data(i)), release() {} });
      // [1, X] (a constant column) on small data: the regression with an intercept, centred
      const consts = rcond === null && !lo && n > 1 && m * n <= COPY_MAX ? constantColumns(refA.data(), m, n) : [];
      const k = consts.findIndex((v) => v !== null && v !== 0);
      if (k >= 0) {
        const r = solveWithIntercept(arena, refA, k, consts[k]!, ys, rcond, method);
        r.sols.forEach((sol, i) => checkAnswerFinite(sol, [['A', refA], ['b', bRef(i)]]));
        const deps = r.rank < n ? dependencies(r.nullSpace, names, undefined, consts, columnNorms(refA.data(), m, n)) : []; // in A's units
        const answer = {
          rank: r.rank, get singularValues() { return r.singularValues; }, nullSpace: r.nullSpace,
          dependencies: deps, warnings: deps.length ? [rankWarning(r.rank, n, deps, 'A')] : [],
        };
        return finish(answer, zero ? [] : r.xs, zero ? [] : r.sols, n, m, t.multi);
      }
      const pb = { arena, x: refA.ptr, lo: lo?.ptr ?? 0, y: ys[0], w: 0, rows: m, cols: n, intercept: false, rcond, names: ['A', 'b', 'aLow'] as [string, string, string] };
      const sols = solveTargets(pb, ys, method);
      sols.forEach((sol, i) => checkAnswerFinite(sol, [['A', refA], ['b', bRef(i)], ['aLow', lo]]));
      const answer = common(sols[0].factor, names, refA, consts);
      return finish(answer, zero ? [] : sols.map((sol) => sol.x), zero ? [] : sols, n, m, t.multi);
    } finally {
      if (zero) arena.release(zero);
    }
  } finally {
    lo?.release();
    targets?.release();
    refA.release();
  }
}

// Copy A (less its constant column) for the intercept formulation up to this many values.
const COPY_MAX = SMALL;

// The result: x and residuals per target added to what is known of A. Object.assign keeps the
// singular values' getter (a spread would run the SVD now).
function finish(
  answer: Omit<LstsqResult, 'x' | 'residuals'>, xs: Float64Array[], sols: Solution[], n: number, m: number, multi: boolean,
): LstsqResult | LstsqMultiResult {
  const full = answer.rank === n && m > n;
  const residuals = full ? Float64Array.from(sols, (sol) => sol.sse) : new Float64Array(0);
  if (!multi) return Object.assign(answer, { x: xs[0], residuals });
  return Object.assign(answer, { x: byRows(xs, n), residuals });
}

// What lstsq reports about A itself: rank, singular values (computed on first use), null space.
function common(f: Factor, names: string[], refA: MatrixRef, consts: (number | null)[]): Omit<LstsqResult, 'x' | 'residuals'> {
  const { rows: m, cols: n } = refA;
  const nullSpace = nullBasis(f);
  // the constant columns, unless lstsq scanned for them already
  const deps = f.rank < n ? dependencies(nullSpace, names, undefined, consts.length ? consts : constantColumns(refA.data(), m, n), f.d) : [];
  let sigma: Float64Array | undefined;
  return {
    rank: f.rank,
    get singularValues() { return (sigma ??= f.svd.sigma.slice(0, Math.min(m, n))); },
    nullSpace, dependencies: deps, warnings: deps.length ? [rankWarning(f.rank, n, deps, 'A')] : [],
  };
}

// numpy's answers when A has no rows or no columns: x = 0, rank 0, residuals ‖b‖² when m > n.
function emptyAnswer(m: number, n: number, targets: TargetsRef): LstsqResult | LstsqMultiResult {
  const k = targets.ptrs.length;
  const norms = Float64Array.from({ length: k }, (_, t) => targets.data(t).reduce((s, v) => s + v * v, 0));
  const base = {
    rank: 0, singularValues: new Float64Array(0), warnings: [],
    nullSpace: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))),
    dependencies: [],
  };
  if (!targets.multi) return { ...base, x: new Float64Array(n), residuals: m > n ? norms : new Float64Array(0) };
  return { ...base, x: Array.from({ length: n }, () => new Float64Array(k)), residuals: m > n ? norms : new Float64Array(0) };
}

/** The value of each column that is constant over all rows (an intercept column), else null. */
export function constantColumns(data: Float64Array, m: number, n: number): (number | null)[] {
  return Array.from({ length: n }, (_, j) => {
    const v = data[j];
    for (let i = 1; i < m; i++) if (data[i * n + j] !== v) return null;
    return v;
  });
}
