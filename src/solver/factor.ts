// The small factor every path of the closed form reduces the data to, and the solves with it.
//
// The factored matrix is Ã = √W·[1·s₀ | (X − 1x̄ᵀ)·D⁻¹] (intercept column first when there is
// one, k0 = 1) or Ã = √W·X·D⁻¹ (k0 = 0): centred, column-scaled, weighted. Ã = Q·R with R q×q
// upper triangular (q = k0 + p) and c = Qᵀ·√W·y. The original design A = √W·[1 | X] satisfies
// A = Ã·M⁻¹ with x = M·z: x₀ = s₀z₀ − x̄·β, β = D⁻¹z′. The coefficient block enters only through
// B = R₁₁·D, the R factor of the unscaled (centred, weighted) X, whose SVD gives the rank, the
// singular values and the minimum-norm solution. The intercept is never truncated.

import { jacobiSvd, pinvApply, pinvApplyT, type Svd } from './dense.js';

/** @internal The reduced problem. */
export interface Factor {
  /** Features p, intercept flag k0, q = k0 + p. */
  p: number; k0: 0 | 1; q: number;
  /** R (q×q row-major, upper) and c = Qᵀ·b̃ (q) in scaled coordinates. */
  r: Float64Array; c: Float64Array;
  /** Column scales D (p, never 0), weighted means x̄ (p; zeros without intercept), s₀. */
  d: Float64Array; xbar: Float64Array; s0: number;
  /** SVD of B = R₁₁·D, and the numerical rank of B under the cutoff. */
  svd: Svd; rank: number;
}

/**
 * Completes a factor: SVD of the coefficient block and its rank, counting singular values above
 * `rcond`·σ_max as numpy does.
 */
export function makeFactor(
  base: Omit<Factor, 'svd' | 'rank' | 'q'>, rcond: number,
): Factor {
  const { p, k0, r, d } = base;
  const q = k0 + p;
  const b = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) b[i * p + j] = r[(i + k0) * q + j + k0] * d[j];
  }
  const svd = jacobiSvd(b, p);
  const cutoff = rcond * (svd.sigma[0] ?? 0);
  let rank = 0;
  while (rank < p && svd.sigma[rank] > cutoff) rank++;
  return { ...base, q, svd, rank };
}

/** x = M·R⁺·v: the solution in original coordinates ([intercept,] β) of R·z = v. */
export function solveR(f: Factor, v: ArrayLike<number>): Float64Array {
  const { p, k0, q, r, d, xbar } = f;
  const beta = pinvApply(f.svd, f.rank, k0 ? Array.prototype.slice.call(v, 1) : v);
  const x = new Float64Array(q);
  x.set(beta, k0);
  if (k0) {
    let t = v[0], m = 0;
    for (let j = 0; j < p; j++) {
      t -= r[j + 1] * d[j] * beta[j];
      m += xbar[j] * beta[j];
    }
    x[0] = f.s0 * (t / r[0]) - m;
  }
  return x;
}

/** h with (R·M⁻¹)ᵀ·h = g, g in original coordinates: the transpose solve of {@link solveR}. */
export function solveRT(f: Factor, g: ArrayLike<number>): Float64Array {
  const { p, k0, q, r, d, xbar } = f;
  const h = new Float64Array(q);
  const rhs = new Float64Array(p);
  const g0 = k0 ? g[0] : 0;
  if (k0) h[0] = (f.s0 * g0) / r[0];
  for (let j = 0; j < p; j++) rhs[j] = g[j + k0] - xbar[j] * g0 - (k0 ? d[j] * r[j + 1] * h[0] : 0);
  h.set(pinvApplyT(f.svd, f.rank, rhs), k0);
  return h;
}

/** (AᵀA)⁺ in original coordinates (q×q row-major), column by column from the factor. */
export function normalInverse(f: Factor): Float64Array {
  const { q } = f;
  const out = new Float64Array(q * q);
  const e = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    e.fill(0);
    e[j] = 1;
    const col = solveR(f, solveRT(f, e));
    for (let i = 0; i < q; i++) out[i * q + j] = col[i];
  }
  return out;
}

/** Right singular vectors of B spanning its numerical null space (p × (p − rank), row-major). */
export function nullBasis(f: Factor): number[][] {
  const { p, rank, svd } = f;
  return Array.from({ length: p - rank }, (_, c) => Array.from({ length: p }, (_, i) => svd.v[i * p + rank + c]));
}
