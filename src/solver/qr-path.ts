// The orthogonal path: Householder QR (wasm) of a centred, column-scaled, weighted copy of X.
// Used for small and for ill-conditioned problems; the copy keeps Q (as reflectors) for the
// double-double refinement in refine.ts.

import { solverKernels } from './kernels.js';
import { makeFactor, type Factor } from './factor.js';
import { means, type Problem } from './problem.js';

/**
 * @internal The factor plus the reflectors it came from and Qᵀ√W·y (rows f64: c, then the
 * residual part); release() frees them.
 */
export interface QrFactor { factor: Factor; a: number; ld: number; tau: number; qty: number; release(): void }

/** Copies Ã into wasm memory (column-major), factors it, and forms Qᵀ√W·y (c = its first q values). */
export function qrFactor(pb: Problem): QrFactor {
  const { arena, rows, cols } = pb;
  const k0 = pb.intercept ? 1 : 0, q = k0 + cols;
  const ld = (rows + 1) & ~1;
  const a = arena.alloc(ld * q * 8), tau = arena.alloc(Math.max(1, q) * 8), v = arena.alloc(rows * 8);
  try {
    const xbar = means(pb);
    const { d, s0 } = fillScaled(pb, arena.f64(a, ld * q), ld, xbar);
    solverKernels().householderQR(a, rows, q, ld, tau);
    applyQt(pb, a, ld, tau, q, v);
    const c = new Float64Array(q);
    c.set(arena.f64(v, Math.min(rows, q)));
    const r = upper(arena.f64(a, ld * q), ld, rows, q);
    const factor = makeFactor({ p: cols, k0: k0 as 0 | 1, r, c, d, xbar, s0 }, pb.rcond);
    return { factor, a, ld, tau, qty: v, release: () => { arena.release(a); arena.release(tau); arena.release(v); } };
  } catch (error) {
    arena.release(a);
    arena.release(tau);
    arena.release(v);
    throw error;
  }
}

/** @internal v ← Qᵀ·√W·y (pb.y) with the reflectors at a (column stride ld), `tau`, q columns. */
export function applyQt(pb: Problem, a: number, ld: number, tau: number, q: number, v: number): void {
  const { arena, rows } = pb;
  const y = arena.f64(pb.y, rows), w = pb.w ? arena.f64(pb.w, rows) : null, bv = arena.f64(v, rows);
  for (let i = 0; i < rows; i++) bv[i] = w ? Math.sqrt(w[i]) * y[i] : y[i];
  solverKernels().applyQ(a, rows, q, ld, tau, v, 1);
}

// Column-major Ã with column stride ld; returns the column scales D (1 for a zero column) and s₀.
function fillScaled(pb: Problem, out: Float64Array, ld: number, xbar: Float64Array): { d: Float64Array; s0: number } {
  const { arena, rows, cols } = pb;
  const k0 = pb.intercept ? 1 : 0;
  const X = arena.f64(pb.x, rows * cols);
  const w = pb.w ? arena.f64(pb.w, rows) : null;
  const sqw = new Float64Array(rows);
  let sw = 0;
  for (let i = 0; i < rows; i++) { sqw[i] = w ? Math.sqrt(w[i]) : 1; sw += sqw[i] * sqw[i]; }
  const s0 = 1 / Math.sqrt(sw);
  if (k0) for (let i = 0; i < rows; i++) out[i] = sqw[i] * s0;
  const d = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const col = (j + k0) * ld;
    let norm = 0;
    for (let i = 0; i < rows; i++) {
      const t = (X[i * cols + j] - xbar[j]) * sqw[i];
      out[col + i] = t;
      norm += t * t;
    }
    // when the squares under- or overflow, the norm as max|t|·‖t/max|t|‖ (LAPACK's dnrm2 idea)
    d[j] = (norm > 1e-290 && norm < 1e290 ? Math.sqrt(norm) : scaledNorm(out, col, rows)) || 1;
    for (let i = 0; i < rows; i++) out[col + i] /= d[j];
  }
  return { d, s0 };
}

// ‖v[o..o+n)‖ as max|v|·‖v/max|v|‖, free of under- and overflow in the squares.
function scaledNorm(v: Float64Array, o: number, n: number): number {
  let big = 0, s = 0;
  for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(v[o + i]));
  if (!(big > 0 && big < Infinity)) return big;
  for (let i = 0; i < n; i++) s += (v[o + i] / big) ** 2;
  return big * Math.sqrt(s);
}

// The q×q upper-triangular R (row-major) from the factored column-major matrix; rows past m are 0.
function upper(a: Float64Array, ld: number, m: number, q: number): Float64Array {
  const r = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    for (let i = 0; i <= Math.min(j, m - 1); i++) r[i * q + j] = a[j * ld + i];
  }
  return r;
}
