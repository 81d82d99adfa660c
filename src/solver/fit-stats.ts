// What a fit keeps for statistics after the data is gone: sums of squares, degrees of freedom and
// (AᵀA)⁺ in original coordinates — everything statsmodels' OLS/WLS summary needs.

import { jacobiSvd, orthonormalize } from './dense.js';
import { normalInverse, type Factor } from './factor.js';
import type { Solution } from './solve.js';
import type { ResidualStats } from './residual-stats.js';

/** @internal Snapshot of a fit for {@link summary}. Parameters are ordered [intercept,] β. */
export interface FitStats {
  names: string[]; params: Float64Array; hasIntercept: boolean;
  /** sst is centred when the model has a constant (the intercept, or one X spans), else Σw·y². */
  nobs: number; rank: number; sse: number; sst: number;
  /** The intercept, or (fitIntercept false) a constant spanned by X: statsmodels' k_constant = 1. */
  hasConstant: boolean;
  /** Without intercept: the column of X that is the constant (statsmodels' const_idx), else null. */
  constantColumn: number | null;
  /** Fitted with sample weights (statsmodels' WLS). */
  weighted: boolean;
  /** Name of the dependent variable. */
  targetName: string;
  /** What a fit with { statistics: 'full' } took from the rows; null otherwise. */
  residuals: ResidualStats | null;
  /** (AᵀA)⁺ (q×q row-major), A = √W·[1 | X]; computed from the factor on first use unless refined at fit. */
  readonly normInv: Float64Array;
  /** σ_max/σ_min of A itself (statsmodels' condition_number), computed on first use (an SVD). */
  readonly conditionNumber: number;
  /** Σ log w over rows with w > 0 (0 without weights): the WLS log-likelihood term. */
  sumLogWeights: number;
}

/**
 * @internal Collects a {@link FitStats} from a solution. `nullSpace` and `means` (β coordinates)
 * as the fitted model keeps them: for a rank-deficient fit the parameters and (AᵀA)⁺ are
 * statsmodels' (pinv of [1 | X]: minimum norm over every column, the intercept included).
 */
export function fitStats(
  sol: Solution, names: string[], nobs: number, sst: number, sumLogWeights: number,
  nullSpace: number[][], means: ArrayLike<number>,
): FitStats {
  return new SolutionStats(sol, names, nobs, sst, sumLogWeights, designNullSpace(nullSpace, means, sol.factor.k0));
}

class SolutionStats implements FitStats {
  readonly params: Float64Array; readonly hasIntercept: boolean; readonly rank: number; readonly sse: number;
  hasConstant: boolean; constantColumn: number | null = null; weighted = false; targetName = 'y'; residuals: ResidualStats | null = null;
  private inverse?: Float64Array;
  private condition?: number;

  constructor(
    private readonly sol: Solution, readonly names: string[], readonly nobs: number, public sst: number,
    readonly sumLogWeights: number, private readonly nullFull: number[][],
  ) {
    const f = sol.factor;
    this.params = nullFull.length ? projectOut(sol.x, nullFull) : sol.x;
    this.hasIntercept = this.hasConstant = f.k0 === 1;
    this.rank = f.rank + f.k0;
    this.sse = sol.sse;
  }

  get normInv(): Float64Array {
    if (!this.inverse) {
      const k = this.sol.refinedInverse ?? normalInverse(this.sol.factor);
      this.inverse = projectSymmetric(k, this.nullFull).map((t) => t + 0);
    }
    return this.inverse;
  }

  get conditionNumber(): number {
    return (this.condition ??= designCondition(this.sol.factor));
  }
}

/**
 * @internal An orthonormal basis of the null space of the design A = [1 | X] (or X without an
 * intercept) from that of the centred X: [−x̄·v; v] for each v.
 */
export function designNullSpace(nullSpace: number[][], means: ArrayLike<number>, k0: number): number[][] {
  if (!nullSpace.length || !k0) return nullSpace;
  return orthonormalize(nullSpace.map((v) => [-v.reduce((s, t, j) => s + t * means[j], 0), ...v]));
}

/** @internal x minus its components along the orthonormal `basis` (x itself when there is none). */
export function projectOut(x: ArrayLike<number>, basis: number[][]): Float64Array {
  const out = Float64Array.from(x);
  for (const v of basis) {
    let t = 0;
    for (let i = 0; i < out.length; i++) t += v[i] * out[i];
    for (let i = 0; i < out.length; i++) out[i] -= t * v[i];
  }
  return out;
}

// P·K·P with P = I − N·Nᵀ (N orthonormal): the Moore–Penrose inverse of AᵀA from any generalized
// inverse K of it. K itself when N is empty.
function projectSymmetric(k: Float64Array, basis: number[][]): Float64Array {
  if (!basis.length) return k;
  const q = Math.round(Math.sqrt(k.length));
  const out = new Float64Array(q * q);
  const row = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) row[j] = k[i * q + j];
    out.set(projectOut(row, basis), i * q); // rows of K·P (K symmetric)
  }
  for (let j = 0; j < q; j++) {
    for (let i = 0; i < q; i++) row[i] = out[i * q + j];
    const col = projectOut(row, basis);
    for (let i = 0; i < q; i++) out[i * q + j] = col[i];
  }
  return out;
}

// σ(A) = σ(R·M⁻¹), with M⁻¹: z₀ = (x₀ + x̄·β)/s₀, z′ = D·β.
function designCondition(f: Factor): number {
  const s = jacobiSvd(designR(f), f.q).sigma;
  return s[0] / s[f.q - 1];
}

/** @internal R·M⁻¹ (q×q row-major): the triangular factor of the design √W·[1 | X] itself. */
export function designR(f: Factor): Float64Array {
  const { q, k0, p, r, d, xbar, s0 } = f;
  const minv = new Float64Array(q * q);
  if (k0) {
    minv[0] = 1 / s0;
    for (let j = 0; j < p; j++) minv[j + 1] = xbar[j] / s0;
  }
  for (let j = 0; j < p; j++) minv[(j + k0) * q + j + k0] = d[j];
  const b = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let t = 0;
      for (let k = i; k <= j; k++) t += r[i * q + k] * minv[k * q + j];
      b[i * q + j] = t;
    }
  }
  return b;
}
