import { dot, axpy, zero, finite } from "./simd";
import { lossGradNarrow, NARROW } from "./narrow";

// Squared-error loss and its gradient in one pass over X.
// Parameters are one block p = [w_0 … w_{cols-1}, b]; the gradient block g has the same layout.
//
//   r_i = X[i,:]·w + b − y_i,     L = Σ r_i² / divisor
//   ∂L/∂w_j = Σ (2/divisor)·r_i·X[i,j],     ∂L/∂b = Σ (2/divisor)·r_i
//
// divisor = 1 gives the sum (sseLoss), divisor = rows the mean (mseLoss). Each block of four rows
// is read from memory once: the dot products pull it into L1, the gradient update reuses it.

/**
 * Overwrites g (cols+1 f64) with ∇L at parameters p and returns L.
 * Layout: X row-major rows×cols at x; y (rows) at y; p and g (cols+1) as above.
 */
export function lossGrad(
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, divisor: f64,
): f64 {
  assert(rows >= 0 && cols >= 0, "lossGrad: rows and cols must be >= 0");
  assert(((x | y | p | g) & 7) == 0, "lossGrad: pointers must be 8-byte aligned");
  // 1–3 columns: rows as SIMD lanes (narrow.ts); a row is too short for the loop below.
  if (cols > 0 && cols <= NARROW) return lossGradNarrow(x, y, rows, cols, p, g, divisor);
  zero(g, cols + 1);
  const b = load<f64>(p + (<usize>cols << 3));
  const c = 2 / divisor;
  const stride = <usize>cols << 3;
  let sse: f64 = 0;
  let gb: f64 = 0;
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const x0 = x + <usize>i * stride;
    const x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride;
    const yi = y + (<usize>i << 3);
    // Rows one after another: X streams from memory in address order, which the prefetcher
    // keeps up with (interleaving four rows' loads here halves the speed for wide rows).
    const r0 = dot(x0, p, cols) + b - load<f64>(yi);
    const r1 = dot(x1, p, cols) + b - load<f64>(yi, 8);
    const r2 = dot(x2, p, cols) + b - load<f64>(yi, 16);
    const r3 = dot(x3, p, cols) + b - load<f64>(yi, 24);
    sse += r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
    const s0 = c * r0, s1 = c * r1, s2 = c * r2, s3 = c * r3;
    gb += s0 + s1 + s2 + s3;
    accumulate4(g, x0, x1, x2, x3, s0, s1, s2, s3, cols);
  }
  for (; i < rows; i++) {
    const xi = x + <usize>i * stride;
    const r = dot(xi, p, cols) + b - load<f64>(y + (<usize>i << 3));
    sse += r * r;
    const s = c * r;
    gb += s;
    axpy(g, s, xi, cols);
  }
  store<f64>(g + (<usize>cols << 3), gb);
  return sse / divisor;
}

/**
 * loss.backward() semantics: computes L and ∇L into `scratch`, then adds ∇L into g only if L is
 * finite, so a failed call leaves g untouched. Returns L.
 */
export function lossGradAccumulate(
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, scratch: usize, divisor: f64,
): f64 {
  const loss = lossGrad(x, y, rows, cols, p, scratch, divisor);
  if (finite(loss)) {
    for (let j = 0; j <= cols; j++) {
      const o = <usize>j << 3;
      store<f64>(g + o, load<f64>(g + o) + load<f64>(scratch + o));
    }
  }
  return loss;
}

/** g[j] += s0·x0[j] + s1·x1[j] + s2·x2[j] + s3·x3[j]: one load/store of g for four rows. */
// @ts-ignore: decorator
@inline function accumulate4(
  g: usize, x0: usize, x1: usize, x2: usize, x3: usize,
  s0: f64, s1: f64, s2: f64, s3: f64, n: i32,
): void {
  const v0 = f64x2.splat(s0), v1 = f64x2.splat(s1), v2 = f64x2.splat(s2), v3 = f64x2.splat(s3);
  let j = 0;
  for (; j + 3 < n; j += 4) { // two column pairs per trip: half the loop overhead
    const o = <usize>j << 3;
    const a = f64x2.add(f64x2.mul(v128.load(x0 + o), v0), f64x2.mul(v128.load(x1 + o), v1));
    const b = f64x2.add(f64x2.mul(v128.load(x2 + o), v2), f64x2.mul(v128.load(x3 + o), v3));
    const c = f64x2.add(f64x2.mul(v128.load(x0 + o, 16), v0), f64x2.mul(v128.load(x1 + o, 16), v1));
    const d = f64x2.add(f64x2.mul(v128.load(x2 + o, 16), v2), f64x2.mul(v128.load(x3 + o, 16), v3));
    v128.store(g + o, f64x2.add(v128.load(g + o), f64x2.add(a, b)));
    v128.store(g + o, f64x2.add(v128.load(g + o, 16), f64x2.add(c, d)), 16);
  }
  if (j + 1 < n) {
    const o = <usize>j << 3;
    const a = f64x2.add(f64x2.mul(v128.load(x0 + o), v0), f64x2.mul(v128.load(x1 + o), v1));
    const b = f64x2.add(f64x2.mul(v128.load(x2 + o), v2), f64x2.mul(v128.load(x3 + o), v3));
    v128.store(g + o, f64x2.add(v128.load(g + o), f64x2.add(a, b)));
    j += 2;
  }
  if (j < n) {
    const o = <usize>j << 3;
    const t = (load<f64>(x0 + o) * s0 + load<f64>(x1 + o) * s1)
      + (load<f64>(x2 + o) * s2 + load<f64>(x3 + o) * s3);
    store<f64>(g + o, load<f64>(g + o) + t);
  }
}
