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

import { solverKernels } from './kernels.js';
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
  const acc = new ResidualAccumulator(f, normInv, pb.intercept);
  acc.add(pb, x);
  return acc.finish();
}

/**
 * @internal The same statistics over chunks of rows in order (a second pass over a stream, after
 * the fit): moments merged exactly as one sample's (Pébay's formulas), Durbin–Watson across chunk
 * boundaries, the meats summed.
 */
export class ResidualAccumulator {
  private n = 0; private mean = 0; private m2 = 0; private m3 = 0; private m4 = 0;
  private ss = 0; private dw = 0; private last = NaN; private leverageOneRow = -1;
  private readonly shift: number[]; private readonly K: Float64Array; private meats: Float64Array[] | null = null;

  /** `f` is the fit's factor; null (a model loaded from JSON) or a rank-deficient one uses `normInv` as it is. */
  constructor(f: Factor | null, normInv: Float64Array, private readonly intercept: boolean) {
    // centred coordinates (see the header); a rank-deficient fit keeps the pseudo-inverse as it is
    const q = Math.round(Math.sqrt(normInv.length)), p = q - (intercept ? 1 : 0);
    this.shift = !f || f.deficiency ? zeros(p) : Array.from(f.xbar);
    this.K = !f || f.deficiency ? normInv : normalInverse({ ...f, xbar: zeros(f.p) });
  }

  /** Folds in the rows of `pb` (the next ones in order) under the fit x = [intercept,] β. */
  add(pb: Problem, x: Float64Array): void {
    const u = weightedResiduals(pb, x);
    this.addMoments(u);
    const h = leverages(pb, this.K, this.shift);
    const s0 = new Float64Array(pb.rows), s2 = new Float64Array(pb.rows), s3 = new Float64Array(pb.rows);
    for (let i = 0; i < pb.rows; i++) {
      const e2 = u[i] * u[i], rest = 1 - h[i];
      s0[i] = e2;
      // statsmodels divides 0 by 0 here (NaN); a residual on a row of leverage 1 is 0 by construction
      if (!(rest > 1e-12) && this.leverageOneRow < 0) this.leverageOneRow = this.n - pb.rows + i;
      s2[i] = e2 / rest;
      s3[i] = e2 / (rest * rest);
    }
    const meats = [s0, s2, s3].map((s) => weightedGram(pb, s, this.shift));
    this.meats = this.meats ? this.meats.map((m, k) => m.map((t, i) => t + meats[k][i])) : meats;
  }

  /** The statistics of every row added. */
  finish(): ResidualStats {
    const { n } = this, m2 = this.m2 / n, m3 = this.m3 / n, m4 = this.m4 / n, spread = m2 > 0;
    const ok = this.leverageOneRow < 0, K = this.K;
    const sandwich = (meat: Float64Array) => uncentre(product(K, meat, K), this.shift, this.intercept);
    const [a, b, c] = this.meats!;
    return {
      durbinWatson: this.ss > 0 ? this.dw / this.ss : null,
      skew: spread ? m3 / (m2 * Math.sqrt(m2)) : null, // not m2 ** 1.5: engines round pow differently
      kurtosis: spread ? m4 / (m2 * m2) : null,
      leverageOneRow: this.leverageOneRow,
      sandwiches: [sandwich(a), ok ? sandwich(b) : null, ok ? sandwich(c) : null],
    };
  }

  // The chunk's mean and central sums (two passes), merged into the running ones.
  private addMoments(u: Float64Array): void {
    const nb = u.length;
    let mb = 0;
    for (let i = 0; i < nb; i++) mb += u[i];
    mb /= nb;
    let b2 = 0, b3 = 0, b4 = 0;
    for (let i = 0; i < nb; i++) {
      const d = u[i] - mb, d2 = d * d;
      b2 += d2; b3 += d2 * d; b4 += d2 * d2;
      this.ss += u[i] * u[i];
      const prev = i > 0 ? u[i - 1] : this.last;
      if (prev === prev) this.dw += (u[i] - prev) ** 2; // NaN before the first row
    }
    this.last = u[nb - 1];
    // products, not **: engines round pow of 3 and 4 differently
    const na = this.n, n = na + nb, d = mb - this.mean, d2 = d * d, { m2: a2, m3: a3 } = this;
    this.mean += (d * nb) / n;
    this.m4 += b4 + (d2 * d2 * na * nb * (na * na - na * nb + nb * nb)) / (n * n * n) + (6 * d2 * (na * na * b2 + nb * nb * a2)) / (n * n) + (4 * d * (na * b3 - nb * a3)) / n;
    this.m3 += b3 + (d2 * d * na * nb * (na - nb)) / (n * n) + (3 * d * (na * b2 - nb * a2)) / n;
    this.m2 += b2 + (d * d * na * nb) / n;
    this.n = n;
  }
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
  const P = solverKernels().gramStride(cols), one = cols + 1, k0 = pb.intercept ? 1 : 0, q = cols + k0;
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
      solverKernels().gramAccumulate(pb.x + i * cols * 8, pb.y + i * 8, sw + i * 8, Math.min(CHUNK, rows - i), cols, shift, g, scratch);
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
