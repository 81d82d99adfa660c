// The statistics that need every row, taken at fit time while the data is still there (a fit
// keeps nothing of size n): the residual moments behind Durbin–Watson, omnibus and Jarque–Bera,
// and White's HC0/HC2/HC3 sandwiches K·Aᵀ·diag(s)·A·K (statsmodels' _HCCM). Only a fit with
// { statistics: 'full' } pays for these passes: one predict pass for the moments, q of them for
// the leverages and three Gram passes for the meats.
//
// The sandwich is formed in centred coordinates c = [1, x − x̄], where K_c = (CᵀC)⁻¹ is as well
// conditioned as the centred data, then moved to [1, x] by V = Sᵀ·V_c·S: formed directly from K,
// whose entries cancel when the means are large beside the spread, it loses digits (7 on NIST
// Longley).

import { jacobiSvd, zeros } from './dense.js';
import { normalInverse, type Factor } from './factor.js';
import type { Problem } from './problem.js';

/** @internal The fit's residual statistics (statsmodels computes them on wresid = √w·(y − ŷ)). */
export interface ResidualStats {
  /** Σ(u_i − u_{i−1})² / Σu², u the weighted residuals in row order. */
  durbinWatson: number | null;
  /** Biased skewness m₃/m₂^1.5 of u (scipy.stats.skew); null when the residuals are all equal. */
  skew: number | null;
  /** Pearson's kurtosis m₄/m₂² of u (3 for normal data). */
  kurtosis: number | null;
  /**
   * K·Aᵀ·diag(s)·A·K (q×q row-major, intercept first; K = (AᵀA)⁺) for s = u² (HC0; HC1 scales
   * it), u²/(1 − h) (HC2) and u²/(1 − h)² (HC3), h the leverages; HC2/HC3 are null when a row
   * has leverage 1.
   */
  sandwiches: [Float64Array, Float64Array | null, Float64Array | null];
  /** The first row with leverage 1 (−1 if none): HC2 and HC3 are undefined there. */
  leverageOneRow: number;
}

const CHUNK = 16384;

/**
 * @internal The residual statistics of the fit x = [intercept,] β of `pb` with factor `f`;
 * `normInv` is (AᵀA)⁺ (q×q), used where the factor has certified dependencies.
 */
export function residualStats(pb: Problem, x: Float64Array, f: Factor, normInv: Float64Array): ResidualStats {
  const u = weightedResiduals(pb, x);
  const { skew, kurtosis, durbinWatson } = moments(u);
  // centred coordinates (see the header); a rank-deficient fit keeps the pseudo-inverse as it is
  const shift = f.deficiency ? zeros(pb.cols) : Array.from(f.xbar);
  const K = f.deficiency ? normInv : normalInverse({ ...f, xbar: zeros(f.p) });
  const h = leverages(pb, K, shift);
  let leverageOneRow = -1;
  const s0 = new Float64Array(pb.rows), s2 = new Float64Array(pb.rows), s3 = new Float64Array(pb.rows);
  for (let i = 0; i < pb.rows; i++) {
    const e2 = u[i] * u[i], rest = 1 - h[i];
    s0[i] = e2;
    // statsmodels divides 0 by 0 here (NaN); a residual on a row of leverage 1 is 0 by construction
    if (!(rest > 1e-12) && leverageOneRow < 0) leverageOneRow = i;
    s2[i] = e2 / rest;
    s3[i] = e2 / (rest * rest);
  }
  const ok = leverageOneRow < 0;
  const sandwich = (s: Float64Array) => uncentre(product(K, weightedGram(pb, s, shift), K), shift, pb.intercept);
  return {
    durbinWatson, skew, kurtosis, leverageOneRow,
    sandwiches: [sandwich(s0), ok ? sandwich(s2) : null, ok ? sandwich(s3) : null],
  };
}

/** @internal A·B·C of q×q row-major matrices. */
export function product(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>): Float64Array {
  const q = Math.round(Math.sqrt(a.length));
  const ab = new Float64Array(q * q), out = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let k = 0; k < q; k++) for (let j = 0; j < q; j++) ab[i * q + j] += a[i * q + k] * b[k * q + j];
  for (let i = 0; i < q; i++) for (let k = 0; k < q; k++) for (let j = 0; j < q; j++) out[i * q + j] += ab[i * q + k] * c[k * q + j];
  return out;
}

// V = Sᵀ·V_c·S for c = S·a (c₀ = a₀, c_j = a_j − x̄_j·a₀): only the intercept's row and column move.
function uncentre(v: Float64Array, shift: ArrayLike<number>, intercept: boolean): Float64Array {
  if (!intercept) return v;
  const q = shift.length + 1, col = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let t = v[i * q];
    for (let j = 1; j < q; j++) t -= v[i * q + j] * shift[j - 1];
    col[i] = t; // (V_c·S) column 0
  }
  let corner = col[0];
  for (let j = 1; j < q; j++) corner -= shift[j - 1] * col[j];
  for (let i = 1; i < q; i++) { v[i * q] = col[i]; v[i] = col[i]; }
  v[0] = corner;
  return v;
}

/** @internal u = √w·(y − ŷ) for each row (a copy on the JS heap). */
export function weightedResiduals(pb: Problem, x: ArrayLike<number>): Float64Array {
  const k0 = x.length - pb.cols;
  const u = rowDots(pb, [Array.from(x).slice(k0)], [k0 ? x[0] : 0])[0];
  const y = pb.arena.f64(pb.y, pb.rows), w = pb.w ? pb.arena.f64(pb.w, pb.rows) : null;
  for (let i = 0; i < u.length; i++) u[i] = (y[i] - u[i]) * (w ? Math.sqrt(w[i]) : 1);
  return u;
}

// Two passes (mean, then central sums): the residuals of a fit without intercept need not
// average to 0.
function moments(u: Float64Array): Pick<ResidualStats, 'skew' | 'kurtosis' | 'durbinWatson'> {
  const n = u.length;
  let mean = 0, ss = 0, dw = 0;
  for (let i = 0; i < n; i++) mean += u[i];
  mean /= n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = u[i] - mean, d2 = d * d;
    m2 += d2; m3 += d2 * d; m4 += d2 * d2;
    ss += u[i] * u[i];
    if (i > 0) dw += (u[i] - u[i - 1]) ** 2;
  }
  m2 /= n; m3 /= n; m4 /= n;
  const spread = m2 > 0;
  return {
    durbinWatson: ss > 0 ? dw / ss : null,
    skew: spread ? m3 / (m2 * Math.sqrt(m2)) : null, // not m2 ** 1.5: engines round pow differently
    kurtosis: spread ? m4 / (m2 * m2) : null,
  };
}

// h_i = c_iᵀ·K·c_i with c_i = √w_i·[1, x_i − shift] and K = Σ_k l_k·l_kᵀ (its eigenvectors
// scaled by √λ): one predict pass per l_k, in wasm.
function leverages(pb: Problem, K: Float64Array, shift: ArrayLike<number>): Float64Array {
  const q = Math.round(Math.sqrt(K.length)), k0 = q - pb.cols;
  const { sigma, v } = jacobiSvd(K, q); // K is symmetric positive semidefinite: σ = λ, U = V
  const ls: number[][] = [];
  for (let k = 0; k < q; k++) {
    if (!(sigma[k] > sigma[0] * 1e-300)) continue;
    const s = Math.sqrt(sigma[k]);
    ls.push(Array.from({ length: q }, (_, i) => v[i * q + k] * s));
  }
  const dots = rowDots(pb, ls.map((l) => l.slice(k0)), ls.map((l) => (k0 ? l[0] - l.slice(1).reduce((t, lj, j) => t + lj * shift[j], 0) : 0)));
  const h = new Float64Array(pb.rows), w = pb.w ? pb.arena.f64(pb.w, pb.rows) : null;
  for (const d of dots) for (let i = 0; i < h.length; i++) h[i] += d[i] * d[i];
  if (w) for (let i = 0; i < h.length; i++) h[i] *= w[i];
  return h;
}

// X·coef_k + b_k for each k, by the predict kernel in chunks (V8 tiers up between calls).
function rowDots(pb: Problem, coefs: number[][], bs: number[]): Float64Array[] {
  const { arena, rows, cols } = pb;
  const block = arena.alloc((cols + rows) * 8);
  try {
    return coefs.map((coef, k) => {
      arena.f64(block, cols).set(coef);
      const out = block + cols * 8;
      for (let i = 0; i < rows; i += CHUNK) {
        arena.kernels.predict(pb.x + i * cols * 8, Math.min(CHUNK, rows - i), cols, block, bs[k], out + i * 8);
      }
      return arena.f64(out, rows).slice();
    });
  } finally {
    arena.release(block);
  }
}

// Σ s_i·w_i·c_i·c_iᵀ, c_i = [1, x_i − shift] (q×q, intercept first when pb.intercept) by the Gram
// kernel, whose block holds Σ s·w·(x − shift)(x − shift)ᵀ, Σ s·w·(x − shift) and Σ s·w.
function weightedGram(pb: Problem, s: Float64Array, shiftBy: ArrayLike<number>): Float64Array {
  const { arena, rows, cols } = pb;
  const P = arena.kernels.gramStride(cols), one = cols + 1, k0 = pb.intercept ? 1 : 0, q = cols + k0;
  const buf = arena.alloc((rows + P * P + 64 * P + cols + 1) * 8);
  const sw = buf, g = sw + rows * 8, scratch = g + P * P * 8, shift = scratch + 64 * P * 8;
  try {
    const weights = arena.f64(sw, rows), w = pb.w ? arena.f64(pb.w, rows) : null;
    for (let i = 0; i < rows; i++) weights[i] = s[i] * (w ? w[i] : 1);
    arena.f64(g, P * P).fill(0);
    const sv = arena.f64(shift, cols + 1);
    sv.fill(0);
    sv.set(shiftBy);
    for (let i = 0; i < rows; i += CHUNK) {
      arena.kernels.gramAccumulate(pb.x + i * cols * 8, pb.y + i * 8, sw + i * 8, Math.min(CHUNK, rows - i), cols, shift, g, scratch);
    }
    const G = arena.f64(g, P * P), at = (a: number) => (a < k0 ? one : a - k0);
    const meat = new Float64Array(q * q);
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        const i = at(a), j = at(b);
        meat[a * q + b] = i <= j ? G[i * P + j] : G[j * P + i];
      }
    }
    return meat;
  } finally {
    arena.release(buf);
  }
}
