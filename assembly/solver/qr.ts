// Householder QR of a column-major matrix, in place (LAPACK dgeqr2 conventions), and the
// application of Q or Qᵀ to a vector. Columns are contiguous, so every reflector is a pair of
// SIMD passes (dot, then axpy) down one column.
//
//   H_j = I − τ_j v_j v_jᵀ,  v_j = [0…0, 1, a[j+1..m, j]],   Q = H_0 H_1 … H_{k−1}
//   on return R is on and above the diagonal, the v_j below it, τ in tau (k = min(m, n)).

import { dot, axpy } from "../simd";

/**
 * Factors the m×n column-major matrix at a (column stride ld ≥ m, in f64) as Q·R in place;
 * writes τ_j (min(m, n) f64) at tau. A zero column gets τ = 0 (H = I), as dlarfg does.
 */
export function householderQR(a: usize, m: i32, n: i32, ld: i32, tau: usize): void {
  const k = min(m, n);
  const colBytes = <usize>ld << 3;
  for (let j = 0; j < k; j++) {
    const cj = a + <usize>j * colBytes;
    const t = reflector(cj, j, m);
    store<f64>(tau + (<usize>j << 3), t);
    if (t == 0) continue;
    for (let c = j + 1; c < n; c++) applyReflector(cj, a + <usize>c * colBytes, j, m, t);
  }
}

/**
 * Applies Qᵀ (transpose ≠ 0) or Q to the m-vector at v in place, with the reflectors that
 * householderQR left in a (k = min(m, n) of them).
 */
export function applyQ(a: usize, m: i32, n: i32, ld: i32, tau: usize, v: usize, transpose: i32): void {
  const k = min(m, n);
  const colBytes = <usize>ld << 3;
  for (let s = 0; s < k; s++) {
    const j = transpose ? s : k - 1 - s;
    const t = load<f64>(tau + (<usize>j << 3));
    if (t != 0) applyReflector(a + <usize>j * colBytes, v, j, m, t);
  }
}

/**
 * Turns column c[j..m) into the reflector that maps it onto β·e_j: stores β at c[j], v below it
 * (v_j = 1 implied) and returns τ. Scaled by the column's max-abs first, so nothing overflows.
 */
function reflector(c: usize, j: i32, m: i32): f64 {
  const alpha0 = load<f64>(c + (<usize>j << 3));
  let big = Math.abs(alpha0);
  for (let i = j + 1; i < m; i++) big = Math.max(big, Math.abs(load<f64>(c + (<usize>i << 3))));
  if (big == 0) return 0;
  const tail = c + (<usize>(j + 1) << 3), len = m - j - 1;
  const inv = 1 / big;
  const sigma = dot(tail, tail, len) * inv * inv;
  if (sigma == 0) return 0;
  const alpha = alpha0 * inv;
  const norm = Math.sqrt(alpha * alpha + sigma);
  const beta = alpha >= 0 ? -norm : norm;
  const t = (beta - alpha) / beta;
  const scale = 1 / (alpha0 - beta * big);
  for (let i = 0; i < len; i++) {
    const p = tail + (<usize>i << 3);
    store<f64>(p, load<f64>(p) * scale);
  }
  store<f64>(c + (<usize>j << 3), beta * big);
  return t;
}

/** x ← H x for H = I − τ v vᵀ with v = [1, c[j+1..m)] acting on x[j..m). Not inlined: shared by both exports. */
function applyReflector(c: usize, x: usize, j: i32, m: i32, t: f64): void {
  const o = <usize>j << 3;
  const tailV = c + o + 8, tailX = x + o + 8, len = m - j - 1;
  const s = t * (load<f64>(x + o) + dot(tailV, tailX, len));
  store<f64>(x + o, load<f64>(x + o) - s);
  axpy(tailX, -s, tailV, len);
}
