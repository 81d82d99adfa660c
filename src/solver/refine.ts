// Iterative refinement with residuals in double-double (wasm kernel refineResidual).
//
// QR path (Björck 1967): refine x and r of the augmented system [I A; Aᵀ 0]·[r; x] = [b; c]
//   f = b − r − A·x,  g = c − Aᵀ·r           (double-double, one pass over X)
//   solve with the factor: Rfᵀh = g,  d = Qᵀf,  δx = Rf⁻¹(d₁ − h),  δr = Q·[h; d₂]
// converges at a rate ≈ ε·cond(Ã) whatever the size of the residual, so even Filip (scaled
// condition 5e9) reaches full accuracy. Starting from x = 0, r = 0 the first step is the plain QR
// solution. Rank-deficient problems stop after that step (LAPACK's minimum-norm answer).
// Gram path: semi-normal refinement δx = Rf⁻¹Rf⁻ᵀ·Aᵀ(b − A·x), for well-conditioned data only.

import { solverKernels } from './kernels.js';
import { solveR, solveRT, type Factor } from './factor.js';
import type { QrFactor } from './qr-path.js';
import type { Problem } from './problem.js';
import type { Arena } from '../memory/arena.js';
import { zeros, type Vec } from './dense.js';

/** @internal Refined solution ([intercept,] β), and Σ of squared (weighted) residuals. */
export interface Refined { x: Float64Array; sse: number; iterations: number }

/** @internal A column of (AᵀA)⁻¹: [I A; Aᵀ 0]·[r; x] = [0; c] (`zero` points to `rows` zeros). */
export interface InverseColumn { zero: number; c: Float64Array }

const MAX_STEPS = 12;
// A step shrinks the error by about C·ε·κ (κ the scaled condition number); refinement stops once
// the next correction is predicted below 10⁻³ ulp of x: size·C·ε·κ ≤ 10⁻³·ε with C = 100.
const CONVERGED = 1e-5;
const CHUNK = 16384;

/**
 * Björck refinement on the QR path: least squares for √W·y (the SSE at x by one more pass), or
 * with `column` the system of one (AᵀA)⁻¹ column (no SSE: NaN). `kappa` is the scaled condition
 * estimate. The first step, from x = 0 and r = 0, is the plain QR solution and needs no pass.
 */
export function refineQr(pb: Problem, qf: QrFactor, kappa: number, column?: InverseColumn): Refined {
  const { arena, rows, cols } = pb;
  const f = qf.factor, k = solverKernels();
  const n1 = cols + 1, y = column ? column.zero : pb.y;
  const buf = arena.alloc((2 * rows + cols + 2 * n1) * 8);
  const rPtr = buf, fPtr = buf + rows * 8, bPtr = fPtr + rows * 8, gPtr = bPtr + cols * 8;
  try {
    arena.f64(rPtr, rows).fill(0);
    if (column) arena.f64(fPtr, rows).fill(0);
    else arena.f64(fPtr, rows).set(arena.f64(qf.qty, rows)); // Qᵀ·f for f = √W·y − r − A·0
    const x = new Float64Array(f.q);
    const full = f.rank === f.p && rows >= f.q;
    let size = correct(arena, qf, x, rPtr, fPtr, rows, column ? column.c : new Float64Array(f.q));
    let steps = 1;
    for (let last = Infinity; full && steps < MAX_STEPS && size > 0 && size < last; steps++) {
      if (steps > 1 && size * kappa <= CONVERGED) break;
      last = size;
      arena.f64(bPtr, cols).set(x.subarray(f.k0));
      k.refineResidual(pb.x, pb.lo, y, pb.w, rows, cols, bPtr, f.k0 ? x[0] : 0, rPtr, fPtr, gPtr);
      k.applyQ(qf.a, rows, f.q, qf.ld, qf.tau, fPtr, 1);
      size = correct(arena, qf, x, rPtr, fPtr, rows, gradient(arena.f64(gPtr, 2 * n1), f, column?.c));
    }
    if (column) return { x, sse: Number.NaN, iterations: steps };
    // The exact weighted SSE at x (r is only the least-squares residual when refinement ran).
    arena.f64(bPtr, cols).set(x.subarray(f.k0));
    const sse = k.refineResidual(pb.x, pb.lo, y, pb.w, rows, cols, bPtr, f.k0 ? x[0] : 0, 0, 0, 0);
    return { x, sse, iterations: steps };
  } finally {
    arena.release(buf);
  }
}

// One correction from d = Qᵀf (in place at fPtr) and g: Rfᵀh = g, δx = Rf⁻¹(d₁ − h),
// δr = Q·[h; d₂]. Adds δx to x and δr to r; returns ‖δx‖∞ / ‖x‖∞.
function correct(arena: Arena, qf: QrFactor, x: Float64Array, rPtr: number, fPtr: number, rows: number, g: ArrayLike<number>): number {
  const f = qf.factor;
  const h = solveRT(f, g);
  const fv = arena.f64(fPtr, rows);
  const m = Math.min(rows, f.q);
  const d1 = new Float64Array(f.q);
  for (let i = 0; i < m; i++) d1[i] = fv[i] - h[i];
  const dx = solveR(f, d1);
  fv.set(h.subarray(0, m));
  solverKernels().applyQ(qf.a, rows, f.q, qf.ld, qf.tau, fPtr, 0);
  const rv = arena.f64(rPtr, rows), dr = arena.f64(fPtr, rows);
  for (let i = 0; i < rows; i++) rv[i] += dr[i];
  return addInto(x, dx);
}

/**
 * Semi-normal refinement on the Gram path: `steps` passes, each δx = (AᵀA)⁻¹·Aᵀ(b − A·x), then
 * one more pass for the weighted SSE at the result. Without weights or low parts the pass is the
 * fused loss-and-gradient kernel in plain double (fixed-precision refinement reaches the QR
 * path's accuracy for these well-conditioned problems); otherwise refineResidual.
 */
export function refineNormal(pb: Problem, f: Factor, x: Float64Array, steps: number, keep?: number[], dd = false): Refined {
  const { arena, cols } = pb;
  const n1 = cols + 1;
  const buf = arena.alloc((2 * n1 + 2 * n1 + 2 * n1) * 8);
  try {
    let sse = 0, done = 0;
    for (let s = 0; s <= steps; s++) {
      const pass = residualPass(pb, f, x, buf, keep, dd);
      sse = pass.sse;
      if (s === steps) break;
      done = s + 1;
      if (addInto(x, solveR(f, solveRT(f, pass.g))) <= 1e-17) break;
    }
    return { x, sse, iterations: done };
  } finally {
    arena.release(buf);
  }
}

// One pass: Aᵀ(b − A·x) in the factor's order, and Σ of squared weighted residuals. Run in chunks
// of rows (summed in double) so V8's optimised code takes over between calls on a cold module.
// With `keep` the factor covers only those data columns (the others' coefficients are 0); with
// `keep` or `dd` the pass is in double-double.
function residualPass(pb: Problem, f: Factor, x: Float64Array, buf: number, keep?: number[], dd = false): { g: Vec; sse: number } {
  const { arena, rows, cols } = pb;
  const k = arena.kernels, solver = solverKernels(), n1 = cols + 1;
  const params = buf, grad = buf + 2 * n1 * 8, scratch = grad + 2 * n1 * 8;
  const pv = arena.f64(params, n1);
  if (keep) { pv.fill(0); keep.forEach((j, i) => { pv[j] = x[f.k0 + i]; }); } else pv.set(x.subarray(f.k0));
  pv[cols] = f.k0 ? x[0] : 0;
  const total = zeros(n1);
  let sse = 0;
  const fused = !pb.w && !pb.lo && !keep && !dd;
  if (fused) arena.f64(grad, n1).fill(0);
  for (let i = 0; i < rows; i += CHUNK) {
    const m = Math.min(CHUNK, rows - i), xi = pb.x + i * cols * 8, yi = pb.y + i * 8;
    if (fused) {
      // adds 2·Σ (A·x − b)_i·[x_i, 1] = −2·Aᵀ(b − A·x) into grad
      sse += k.lossGradAccumulate(xi, yi, m, cols, params, grad, scratch, 1);
      continue;
    }
    const lo = pb.lo ? pb.lo + i * cols * 8 : 0, w = pb.w ? pb.w + i * 8 : 0;
    sse += solver.refineResidual(xi, lo, yi, w, m, cols, params, pv[cols], 0, 0, grad);
    const gv = arena.f64(grad, 2 * n1);
    for (let j = 0; j < n1; j++) total[j] += gv[j] + gv[n1 + j];
  }
  if (fused) arena.f64(grad, n1).forEach((v, j) => { total[j] = -v / 2; });
  const gk = zeros(2 * n1);
  for (let j = 0; j < n1; j++) gk[j] = total[j];
  const g = gradient(gk, f, undefined, -1);
  return { g: keep ? Array.from({ length: f.q }, (_, i) => (i < f.k0 ? g[i] : g[keep[i - f.k0] + f.k0])) : g, sse };
}

/**
 * @internal c = Qᵀ·√W·y of a target that is not the factored one: Rᵀ·c = Ãᵀ·√W·y, with
 * Aᵀ·√W·y formed in one double-double pass (refineResidual at β = 0).
 */
export function targetCoordinates(pb: Problem, f: Factor): Vec {
  const { arena, rows, cols } = pb;
  const n1 = cols + 1;
  const buf = arena.alloc((cols + 2 * n1) * 8);
  try {
    arena.f64(buf, cols).fill(0);
    solverKernels().refineResidual(pb.x, pb.lo, pb.y, pb.w, rows, cols, buf, 0, 0, 0, buf + cols * 8);
    const g = gradient(arena.f64(buf + cols * 8, 2 * n1), f, undefined, -1);
    return solveRT(f, g);
  } finally {
    arena.release(buf);
  }
}

// g = c − (hi + lo) in the factor's order (intercept first); sign −1 gives +(hi + lo).
function gradient(gk: ArrayLike<number>, f: Factor, c: Float64Array | undefined, sign = 1): Vec {
  const n1 = gk.length / 2, p = n1 - 1;
  const g = zeros(f.k0 + p);
  const at = (j: number) => gk[j] + gk[n1 + j];
  if (f.k0) g[0] = (c ? c[0] : 0) - sign * at(p);
  for (let j = 0; j < p; j++) g[f.k0 + j] = (c ? c[f.k0 + j] : 0) - sign * at(j);
  return g;
}

// x += dx; returns ‖dx‖∞ / ‖x‖∞ (0 when x is 0).
function addInto(x: Float64Array, dx: ArrayLike<number>): number {
  let big = 0, step = 0;
  for (let i = 0; i < x.length; i++) {
    x[i] += dx[i];
    big = Math.max(big, Math.abs(x[i]));
    step = Math.max(step, Math.abs(dx[i]));
  }
  return big > 0 ? step / big : 0;
}
