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
// that vanishes to ~1e-30. Larger chunks are first reduced by the wasm Householder QR in double
// (a chunk of n rows costs one pass, like a fit): their rounding, about √(m·n)·ε of the
// columns, widens the tolerance of the rank proof (`tauScale`, see docs/scale.md).

import type { Problem } from './problem.js';
import { TINY } from './problem.js';
import { OUT, add, div, mul, sqrt, twoSum } from './dd.js';
import { pow2 } from './factor.js';
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
    this.colMin = new Float64Array(p).fill(Infinity);
    this.colMax = new Float64Array(p).fill(-Infinity);
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
    for (let i = 0; i < rows; i++) {
      const wi = w ? w[i] : 1;
      if (w && wi > 0) this.sumLogWeights += log(wi);
      for (let j = 0; j < cols; j++) {
        const t = X[i * cols + j];
        if (t < this.colMin[j]) this.colMin[j] = t;
        if (t > this.colMax[j]) this.colMax[j] = t;
      }
    }
    this.nobs += rows;
    this.weighted ||= pb.w !== 0;
    if (rows * this.m <= TINY || pb.lo) this.addRowsExactly(pb);
    else this.addReducedRows(pb);
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

  // The chunk's own R by Householder QR in wasm (double), then its rows rotated in.
  private addReducedRows(pb: Problem): void {
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
      arena.kernels.householderQR(a, rows, m, ld, tau);
      const R = arena.f64(a, ld * m), vh = new Float64Array(m), vl = new Float64Array(m);
      for (let i = 0; i < Math.min(rows, m); i++) {
        vh.fill(0);
        for (let j = i; j < m; j++) vh[j] = R[j * ld + i];
        this.rotateIn(vh, vl.fill(0), i);
      }
    } finally {
      arena.release(a);
      arena.release(tau);
    }
    this.tauScale = Math.max(this.tauScale, Math.sqrt(m * rows));
  }

  /** Rotates the row v (double-double, zero before `from`) into R with Givens rotations. */
  rotateIn(vh: Float64Array, vl: Float64Array, from: number): void {
    const { m, hi, lo } = this;
    for (let k = from; k < m; k++) {
      if (vh[k] === 0 && vl[k] === 0) continue;
      const kk = k * m + k;
      // r = √(a² + b²) with a, b scaled by a power of two (exact) so the squares stay in range
      const e = Math.max(exponent(hi[kk]), exponent(vh[k]));
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

// floor(log2|t|) (−1074 for 0): scales a rotation's pair exactly.
function exponent(t: number): number {
  const a = Math.abs(t);
  if (!(a > 0)) return -1074;
  let e = Math.floor(Math.log2(a));
  if (pow2(1, e) > a) e--;
  else if (pow2(1, e + 1) <= a) e++;
  return e;
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
