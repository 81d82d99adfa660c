// The mergeable state of a least-squares fit (partialFit, merge, fitStream): the upper-triangular
// factor R of the weighted, shifted rows
//
//     a_i = √w_i·[1, x_i − s, y_i − s_y]        (m = p + 2 columns, s a pilot mean fixed once)
//
// kept in double-double. AᵀA = RᵀR, so R answers everything a fit asks of the data: the
// solution, the rank, the sums of squares, (AᵀA)⁻¹. Its size is m(m+1)/2 pairs whatever n is.
// Rows join by Givens rotations; two states merge by rotating one's rows into the other, so
// the order and the tree of merges change nothing beyond double-double rounding. Never the
// normal-equation sums: those square the condition number.
//
// Small chunks (≤ TINY values, or with low parts xLow) are rotated in row by row in double-
// double: the state is then exact to ~32 digits, and an exact dependency shows as a relation
// that vanishes to ~1e-30. Larger chunks are first reduced in double, like a fit: by the SIMD
// Gram kernel and Cholesky when they are clearly well-conditioned, else by the wasm Householder
// QR; their rounding, about √(m·n)·ε of the columns, widens the tolerance of the rank proof
// (`tauScale`, see docs/scale.md).

import { solverKernels } from './kernels.js';
import type { Problem } from './problem.js';
import { SMALL, TINY } from './problem.js';
import { OUT, add, div, mul, sqrt, twoSum } from './dd.js';
import { exponentOf, pow2 } from './factor.js';
import { gramFactor } from './gram-path.js';
import { scaledCondition } from './solve.js';

/** A chunk's R comes from its Gram matrix when its scaled condition bound is at most this. */
const MAX_COND_GRAM = 20;
import { log } from '../stats/special/libm.js'; // Math.log rounds differently in different engines

const PILOT = 32;

/** @internal The double-double triangular factor of [√w, √w(x − s), √w(y − s_y)] and its counts. */
export class Reduction {
  readonly m: number;
  /** x shifts then the y shift (zeros without intercept); null until the first rows. */
  shift: Float64Array | null = null;
  /** R (m×m row-major, upper): hi and lo parts. */
  hi: Float64Array; lo: Float64Array;
  nobs = 0; sumLogWeights = 0; weighted = false;
  /** The rank proof's tolerance is 16ε·tauScale: 1 while every chunk was reduced in double-double. */
  tauScale = 1;
  /** Per column min and max of X (statsmodels' const_idx without an intercept). */
  colMin: Float64Array; colMax: Float64Array;

  constructor(readonly p: number, readonly intercept: boolean) {
    this.m = p + 2;
    this.hi = new Float64Array(this.m * this.m);
    this.lo = new Float64Array(this.m * this.m);
    // tracked without an intercept only (zeros otherwise, so the state stays finite)
    this.colMin = new Float64Array(p).fill(intercept ? 0 : Infinity);
    this.colMax = new Float64Array(p).fill(intercept ? 0 : -Infinity);
  }

  /** A deep copy. */
  clone(): Reduction {
    const r = new Reduction(this.p, this.intercept);
    r.shift = this.shift && this.shift.slice();
    r.hi.set(this.hi); r.lo.set(this.lo);
    r.nobs = this.nobs; r.sumLogWeights = this.sumLogWeights; r.weighted = this.weighted; r.tauScale = this.tauScale;
    r.colMin.set(this.colMin); r.colMax.set(this.colMax);
    return r;
  }

  /** Folds in the rows of `pb` (its data in wasm memory; checked finite by the caller). */
  addRows(pb: Problem): void {
    const { arena, rows, cols } = pb;
    this.shift ??= pilotShift(pb);
    const X = arena.f64(pb.x, rows * cols), w = pb.w ? arena.f64(pb.w, rows) : null;
    if (w) for (let i = 0; i < rows; i++) if (w[i] > 0) this.sumLogWeights += log(w[i]);
    // statsmodels' const_idx, needed without an intercept only
    if (!this.intercept) {
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const t = X[i * cols + j];
          if (t < this.colMin[j]) this.colMin[j] = t;
          if (t > this.colMax[j]) this.colMax[j] = t;
        }
      }
    }
    this.weighted ||= pb.w !== 0;
    const tiny = rows * this.m <= TINY;
    // double-double while the state is small and exact (NIST-sized data, or exact low parts);
    // past SMALL values a stream of tiny chunks is rotated in double (about 1 µs a row)
    if (pb.lo || (tiny && this.tauScale === 1 && (this.nobs + rows) * this.m <= SMALL)) this.addRowsExactly(pb);
    else if (tiny) this.addRowsInDouble(pb);
    else this.addReducedRows(pb);
    this.nobs += rows;
  }

  // Each row rotated in in double; the state's rounding grows like a QR's.
  private addRowsInDouble(pb: Problem): void {
    const { arena, rows, cols } = pb, m = this.m, s = this.shift!;
    const X = arena.f64(pb.x, rows * cols), y = arena.f64(pb.y, rows), w = pb.w ? arena.f64(pb.w, rows) : null;
    const v = new Float64Array(m);
    this.foldLow();
    for (let i = 0; i < rows; i++) {
      const sw = w ? Math.sqrt(w[i]) : 1;
      v[0] = sw;
      for (let j = 0; j < cols; j++) v[j + 1] = (X[i * cols + j] - s[j]) * sw;
      v[m - 1] = (y[i] - s[cols]) * sw;
      this.rotateInDouble(v, 0);
    }
    this.tauScale = Math.max(this.tauScale, Math.sqrt(m * (this.nobs + rows)));
  }

  /** Folds in another state of the same shape (its shift moved to ours first). */
  merge(other: Reduction): void {
    if (!other.shift) return;
    if (!this.shift) {
      this.shift = other.shift.slice();
    }
    const { m } = this, rh = other.hi.slice(), rl = other.lo.slice();
    // √w(x − s') = √w(x − s) − (s' − s)·√w: only row 0 of R·T changes, by −Δ·R₀₀
    for (let j = 1; j < m; j++) {
      twoSum(this.shift[j - 1], -other.shift[j - 1]);
      const dh = OUT[0], dl = OUT[1];
      mul(dh, dl, rh[0], rl[0]);
      add(rh[j], rl[j], -OUT[0], -OUT[1]);
      rh[j] = OUT[0]; rl[j] = OUT[1];
    }
    const vh = new Float64Array(m), vl = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      vh.set(rh.subarray(i * m, i * m + m)); vl.set(rl.subarray(i * m, i * m + m));
      this.rotateIn(vh, vl, i);
    }
    this.nobs += other.nobs; this.sumLogWeights += other.sumLogWeights;
    this.weighted ||= other.weighted; this.tauScale = Math.max(this.tauScale, other.tauScale);
    for (let j = 0; j < this.p; j++) {
      this.colMin[j] = Math.min(this.colMin[j], other.colMin[j]);
      this.colMax[j] = Math.max(this.colMax[j], other.colMax[j]);
    }
  }

  // Each row in double-double: √w, √w·(x + xLow − s), √w·(y − s_y).
  private addRowsExactly(pb: Problem): void {
    const { arena, rows, cols } = pb, m = this.m, s = this.shift!;
    const X = arena.f64(pb.x, rows * cols), L = pb.lo ? arena.f64(pb.lo, rows * cols) : null;
    const y = arena.f64(pb.y, rows), w = pb.w ? arena.f64(pb.w, rows) : null;
    const vh = new Float64Array(m), vl = new Float64Array(m);
    for (let i = 0; i < rows; i++) {
      let sh = 1, sl = 0;
      if (w) { sqrt(w[i], 0); sh = OUT[0]; sl = OUT[1]; }
      vh[0] = sh; vl[0] = sl;
      for (let j = 0; j <= cols; j++) {
        twoSum(j < cols ? X[i * cols + j] : y[i], -s[j]);
        if (L && j < cols) add(OUT[0], OUT[1], L[i * cols + j], 0);
        mul(OUT[0], OUT[1], sh, sl);
        vh[j + 1] = OUT[0]; vl[j + 1] = OUT[1];
      }
      this.rotateIn(vh, vl, 0);
    }
  }

  // The chunk's own R in double, then its rows rotated in (in double: the chunk's rounding
  // already dominates). Its R comes from the Gram kernel and Cholesky when the chunk is clearly
  // well-conditioned (as fit's fast path: κ ≤ 20 keeps ε·κ² below 1e-13), else from Householder QR.
  private addReducedRows(pb: Problem): void {
    const { m } = this, R = this.gramRows(pb) ?? this.qrRows(pb);
    this.foldLow();
    for (let i = 0; i < m; i++) this.rotateInDouble(R.subarray(i * m, i * m + m), i);
    this.tauScale = Math.max(this.tauScale, Math.sqrt(m * pb.rows));
  }

  // R of √w·[1, x − s, y − s_y] from the chunk's centred Gram factor, or null when QR must do it.
  private gramRows(pb: Problem): Float64Array | null {
    const gf = gramFactor({ ...pb, intercept: true });
    const f = gf.factor;
    if (!f || f.doubtful || !Number.isFinite(gf.sse)) return null;
    // the Frobenius bound is up to p times above κ; the power-iteration estimate (doubled) is not
    if (!(f.kappaBound <= MAX_COND_GRAM) && !(2 * scaledCondition(f) <= MAX_COND_GRAM)) return null;
    const { m, p } = this, s = this.shift!, q = p + 1, R = new Float64Array(m * m);
    const rsw = 1 / f.s0, ybar = f.c[0] * f.s0;
    R[0] = rsw;
    for (let j = 0; j < p; j++) R[j + 1] = rsw * (f.xbar[j] - s[j]);
    R[m - 1] = rsw * (ybar - s[p]);
    for (let i = 0; i < p; i++) {
      for (let j = i; j < p; j++) R[(i + 1) * m + j + 1] = f.r[(i + 1) * q + j + 1] * f.d[j];
      R[(i + 1) * m + m - 1] = f.c[i + 1];
    }
    R[m * m - 1] = Math.sqrt(gf.sse);
    return R;
  }

  // R by Householder QR in wasm of a copy of the chunk.
  private qrRows(pb: Problem): Float64Array {
    const { arena, rows, cols } = pb, m = this.m, s = this.shift!;
    const ld = (rows + 1) & ~1;
    const a = arena.alloc(ld * m * 8), tau = arena.alloc(m * 8);
    try {
      const A = arena.f64(a, ld * m), X = arena.f64(pb.x, rows * cols), y = arena.f64(pb.y, rows);
      const w = pb.w ? arena.f64(pb.w, rows) : null;
      for (let i = 0; i < rows; i++) {
        const sw = w ? Math.sqrt(w[i]) : 1;
        A[i] = sw;
        for (let j = 0; j < cols; j++) A[(j + 1) * ld + i] = (X[i * cols + j] - s[j]) * sw;
        A[(m - 1) * ld + i] = (y[i] - s[cols]) * sw;
      }
      solverKernels().householderQR(a, rows, m, ld, tau);
      const F = arena.f64(a, ld * m), R = new Float64Array(m * m);
      for (let i = 0; i < Math.min(rows, m); i++) for (let j = i; j < m; j++) R[i * m + j] = F[j * ld + i];
      return R;
    } finally {
      arena.release(a);
      arena.release(tau);
    }
  }

  // The low parts folded into the high ones: before rotating in double.
  private foldLow(): void {
    const { hi, lo } = this;
    for (let i = 0; i < hi.length; i++) if (lo[i] !== 0) { hi[i] += lo[i]; lo[i] = 0; }
  }

  // Givens rotations in double on the high parts (foldLow first).
  private rotateInDouble(v: Float64Array, from: number): void {
    const { m, hi, lo } = this;
    for (let k = from; k < m; k++) {
      const b = v[k];
      if (b === 0) continue;
      const kk = k * m + k, a = hi[kk];
      const r = Math.abs(a) > Math.abs(b) ? Math.abs(a) * Math.sqrt(1 + (b / a) * (b / a)) : Math.abs(b) * Math.sqrt(1 + (a / b) * (a / b));
      const c = a / r, sn = b / r;
      hi[kk] = r;
      for (let j = k + 1; j < m; j++) {
        const x = hi[k * m + j], y = v[j];
        hi[k * m + j] = c * x + sn * y;
        v[j] = c * y - sn * x;
      }
    }
  }

  /** Rotates the row v (double-double, zero before `from`) into R with Givens rotations. */
  rotateIn(vh: Float64Array, vl: Float64Array, from: number): void {
    const { m, hi, lo } = this;
    for (let k = from; k < m; k++) {
      if (vh[k] === 0 && vl[k] === 0) continue;
      const kk = k * m + k;
      // r = √(a² + b²) with a, b scaled by a power of two (exact) so the squares stay in range
      const e = Math.max(exponentOf(hi[kk]), exponentOf(vh[k]));
      const ah = pow2(hi[kk], -e), al = pow2(lo[kk], -e), bh = pow2(vh[k], -e), bl = pow2(vl[k], -e);
      mul(ah, al, ah, al);
      const a2h = OUT[0], a2l = OUT[1];
      mul(bh, bl, bh, bl);
      add(a2h, a2l, OUT[0], OUT[1]);
      sqrt(OUT[0], OUT[1]);
      const rh = OUT[0], rl = OUT[1];
      div(ah, al, rh, rl);
      const ch = OUT[0], cl = OUT[1];
      div(bh, bl, rh, rl);
      const sh = OUT[0], sl = OUT[1];
      hi[kk] = pow2(rh, e); lo[kk] = pow2(rl, e);
      vh[k] = 0; vl[k] = 0;
      for (let j = k + 1; j < m; j++) {
        const kj = k * m + j, xh = hi[kj], xl = lo[kj], yh = vh[j], yl = vl[j];
        mul(ch, cl, xh, xl);
        const p1h = OUT[0], p1l = OUT[1];
        mul(sh, sl, yh, yl);
        add(p1h, p1l, OUT[0], OUT[1]);
        hi[kj] = OUT[0]; lo[kj] = OUT[1];
        mul(ch, cl, yh, yl);
        const p2h = OUT[0], p2l = OUT[1];
        mul(sh, sl, xh, xl);
        add(p2h, p2l, -OUT[0], -OUT[1]);
        vh[j] = OUT[0]; vl[j] = OUT[1];
      }
    }
  }
}

// The mean of the first rows (zeros without intercept): centring against it keeps the shifted
// columns free of cancellation.
function pilotShift(pb: Problem): Float64Array {
  const { arena, rows, cols } = pb;
  const s = new Float64Array(cols + 1);
  if (!pb.intercept) return s;
  const k = Math.min(rows, PILOT), X = arena.f64(pb.x, k * cols), y = arena.f64(pb.y, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < cols; j++) s[j] += X[i * cols + j];
    s[cols] += y[i];
  }
  for (let j = 0; j <= cols; j++) s[j] /= k;
  return s;
}
