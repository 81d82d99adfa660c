// statsmodels' constant detection for a fit without intercept (statsmodels/base/data.py,
// _handle_constant): when the columns span a constant (a column of ones, dummies that sum to one)
// the model has a constant all the same, and R², F and the model degrees of freedom are centred.

import type { Problem } from './problem.js';
import type { ColumnSums } from './gram-path.js';
import { weightedResiduals } from './residual-stats.js';

/**
 * @internal Whether √w (the constant column, weighted) lies in the span of √W·X, and then the
 * centred Σw(y − ȳ_w)². `normInv` is (XᵀWX)⁺ of the fit. statsmodels asks whether rank[1, X] =
 * rank X with numpy's cutoff max(n, q)·ε·σ_max; here: whether 1 regressed on X leaves a residual
 * within that many roundings of its terms, checked on the data.
 */
export function implicitConstant(
  pb: Problem, normInv: Float64Array, kappa: number, known?: ColumnSums,
): { centredSst: number; column: number | null } | null {
  const { arena, rows, cols } = pb;
  const { x: c, w: sw, squares: frobenius } = known ?? columnSums(pb);
  const beta = new Float64Array(cols);
  let explained = 0, size = 0;
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < cols; j++) beta[i] += normInv[i * cols + j] * c[j];
    explained += beta[i] * c[i];
    size += beta[i] * beta[i];
  }
  // (XᵀWX)⁺ is good to about ε·κ² (κ of the scaled X): a clear shortfall needs no pass over the data
  if (!(sw - explained <= sw * Math.max(1e-9, 1e3 * Number.EPSILON * kappa * kappa))) return null;
  const ones = arena.alloc(rows * 8);
  let r: Float64Array;
  try {
    arena.f64(ones, rows).fill(1);
    r = weightedResiduals({ ...pb, y: ones }, beta);
  } finally {
    arena.release(ones);
  }
  let rr = 0;
  for (let i = 0; i < r.length; i++) rr += r[i] * r[i];
  const tol = Math.max(rows, cols) * Number.EPSILON;
  if (!(rr <= tol * tol * (sw + size * frobenius))) return null;
  return { centredSst: centredSumOfSquares(pb), column: constantColumn(pb) };
}

// The value of each column of X that holds one value throughout (null for the others).
function constantColumn(pb: Problem): number | null {
  const { arena, rows, cols } = pb, X = arena.f64(pb.x, rows * cols);
  return pickConstantColumn(cols, (j) => {
    let i = 1;
    while (i < rows && X[i * cols + j] === X[j]) i++;
    return i < rows ? null : X[j];
  });
}

/**
 * @internal statsmodels' const_idx among `cols` columns, `valueOf(j)` giving column j's value when
 * it holds one throughout (else null): the first that is 1, else the first that is not 0; null
 * when none is (the constant is spanned by several columns, dummies).
 */
export function pickConstantColumn(cols: number, valueOf: (j: number) => number | null): number | null {
  let found: number | null = null;
  for (let j = 0; j < cols; j++) {
    const v = valueOf(j);
    if (v === null || v === 0) continue;
    if (v === 1) return j;
    found ??= j;
  }
  return found;
}

function columnSums(pb: Problem): ColumnSums {
  const { arena, rows, cols } = pb;
  const X = arena.f64(pb.x, rows * cols), w = pb.w ? arena.f64(pb.w, rows) : null;
  const x = new Float64Array(cols);
  let sw = 0, squares = 0;
  for (let i = 0; i < rows; i++) {
    const wi = w ? w[i] : 1;
    sw += wi;
    for (let j = 0; j < cols; j++) {
      const t = X[i * cols + j];
      x[j] += wi * t;
      squares += wi * t * t;
    }
  }
  return { x, w: sw, squares };
}

function centredSumOfSquares(pb: Problem): number {
  const y = pb.arena.f64(pb.y, pb.rows), w = pb.w ? pb.arena.f64(pb.w, pb.rows) : null;
  let sw = 0, sy = 0;
  for (let i = 0; i < y.length; i++) { const wi = w ? w[i] : 1; sw += wi; sy += wi * y[i]; }
  const mean = sy / sw;
  let sst = 0;
  for (let i = 0; i < y.length; i++) sst += (w ? w[i] : 1) * (y[i] - mean) ** 2;
  return sst;
}
