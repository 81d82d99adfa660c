// What a fit keeps for statistics after the data is gone: sums of squares, degrees of freedom and
// (AᵀA)⁺ in original coordinates — everything statsmodels' OLS/WLS summary needs.

import { jacobiSvd } from './dense.js';
import { normalInverse, type Factor } from './factor.js';
import type { Solution } from './solve.js';

/** @internal Snapshot of a fit for {@link summary}. Parameters are ordered [intercept,] β. */
export interface FitStats {
  names: string[]; params: Float64Array; hasIntercept: boolean;
  nobs: number; rank: number; sse: number; sst: number;
  /** (AᵀA)⁺ (q×q row-major), A = √W·[1 | X]; computed from the factor on first use unless refined at fit. */
  readonly normInv: Float64Array;
  /** σ_max/σ_min of A itself (statsmodels' condition_number), computed on first use (an SVD). */
  readonly conditionNumber: number;
  /** Σ log w over rows with w > 0 (0 without weights): the WLS log-likelihood term. */
  sumLogWeights: number;
}

/** @internal Collects a {@link FitStats} from a solution. */
export function fitStats(
  sol: Solution, names: string[], nobs: number, sst: number, sumLogWeights: number,
): FitStats {
  const f = sol.factor;
  let condition: number | undefined, inverse = sol.refinedInverse?.map((t) => t + 0);
  return {
    names, params: sol.x, hasIntercept: f.k0 === 1, nobs, rank: f.rank + f.k0, sse: sol.sse, sst, sumLogWeights,
    get normInv() { return (inverse ??= normalInverse(f).map((t) => t + 0)); },
    get conditionNumber() { return (condition ??= designCondition(f)); },
  };
}

// σ(A) = σ(R·M⁻¹), with M⁻¹: z₀ = (x₀ + x̄·β)/s₀, z′ = D·β.
function designCondition(f: Factor): number {
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
  const s = jacobiSvd(b, q).sigma;
  return s[0] / s[q - 1];
}
