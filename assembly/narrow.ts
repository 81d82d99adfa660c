// The fused loss + gradient pass of loss.ts for narrow X (1 to NARROW columns), with rows as the
// SIMD lanes. A row of 1–3 values is too short for a column-wise f64x2 loop: each row's dot
// product would be one SIMD trip, a scalar tail and a lane extraction, and every row block a
// load-add-store of g in memory. Here rows i and i+1 fill the two lanes (a pair's 2·cols values
// are cols f64x2 loads and one shuffle per column), and the residuals, the loss and every gradient
// sum stay in registers.
//
// Order of the sums: per row the twin's, r = ((b − y) + x₀w₀) + x₁w₁ + …; over rows, lane by lane
// (even rows, odd rows; an odd last row joins lane 0), then the two lanes; the gradient is
// Σ r·x times 2/divisor at the end. lossGrad and the SGD loop below run this one pass, so train()
// and sseLoss give the same bits.

import { MAXIMIZE, CFG_LR, CFG_STEP, CFG_FLAGS } from "./optim";
import { finite, copy } from "./simd";

/** Widest X (columns) that takes this path. */
export const NARROW = 3;

/** lossGrad for 1 ≤ cols ≤ NARROW: g (cols+1) ← ∇L, returns L. Layout as lossGrad. */
export function lossGradNarrow(
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, divisor: f64,
): f64 {
  return narrow(x, y, rows, cols, p, g, divisor, false, 0, 0, 0, 1, 0, 0);
}

/**
 * Plain SGD (no momentum, no weight decay) for 1 ≤ cols ≤ NARROW: trainLoop's contract, with
 * the parameters and the gradient kept in registers between steps (no round trip through memory).
 * Each step is sgdStep's arithmetic, p ← p + −lr·(±g), so the bits are the generic loop's.
 */
export function trainNarrowSgd(
  c: usize, x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize,
  divisor: f64, t0: i32, count: i32, losses: usize, backup: usize,
): i32 {
  // sgdStep's −lr·(±g) as one product: (−lr·±1)·g has the same bits (±1 scales exactly).
  const flags = <i32>load<f64>(c + (<usize>CFG_FLAGS << 3));
  const rate = -load<f64>(c + (<usize>CFG_LR << 3)) * (flags & MAXIMIZE ? -1 : 1);
  return <i32>narrow(x, y, rows, cols, p, g, divisor, true, rate, c, t0, count, losses, backup);
}

/** `run` with cols a constant: one copy per width, where every `cols > j` test folds away. */
function narrow(
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, divisor: f64,
  train: bool, rate: f64, c: usize, t0: i32, count: i32, losses: usize, backup: usize,
): f64 {
  if (cols == 1) return run(x, y, rows, 1, p, g, divisor, train, rate, c, t0, count, losses, backup);
  if (cols == 2) return run(x, y, rows, 2, p, g, divisor, train, rate, c, t0, count, losses, backup);
  return run(x, y, rows, 3, p, g, divisor, train, rate, c, t0, count, losses, backup);
}

/**
 * The pass, and around it, when `train`, trainLoop's loop for plain SGD. Without `train`: one
 * pass, g ← ∇L, returns L. With `train`: `count` full-batch steps, the first being the run's step t0
 * (losses[k], backup, restore on a non-finite loss as trainLoop), each p ← p + rate·g; returns
 * the number completed.
 */
// @ts-ignore: decorator
@inline function run(
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, divisor: f64,
  train: bool, rate: f64, c: usize, t0: i32, count: i32, losses: usize, backup: usize,
): f64 {
  const n = cols + 1, stride = <usize>cols << 3;
  const half = 2 / divisor;
  let w0 = weight(p, cols, 0), w1 = weight(p, cols, 1), w2 = weight(p, cols, 2);
  let b = load<f64>(p + stride);
  const flags = train ? load<f64>(c + (<usize>CFG_FLAGS << 3)) : 0;
  const step = train ? load<f64>(c + (<usize>CFG_STEP << 3)) : 0;
  const end = y + (<usize>(rows & ~1) << 3), odd = (rows & 1) != 0;
  for (let k = 0; k < count; k++) {
    const bv = f64x2.splat(b);
    let g0 = f64x2.splat(0), g1 = g0, g2 = g0, sse = g0, gb = g0;
    let x0 = x, yi = y;
    for (; yi < end; yi += 16, x0 += stride << 1) {
      let r = f64x2.sub(bv, v128.load(yi));
      let a0 = f64x2.splat(0), a1 = a0, a2 = a0; // columns past cols stay 0 (never read)
      if (cols > 0) { a0 = column(x0, cols, 0); r = f64x2.add(r, f64x2.mul(a0, w0)); }
      if (cols > 1) { a1 = column(x0, cols, 1); r = f64x2.add(r, f64x2.mul(a1, w1)); }
      if (cols > 2) { a2 = column(x0, cols, 2); r = f64x2.add(r, f64x2.mul(a2, w2)); }
      // Σ r·x here, × 2/divisor once at the end (one product less per pair, one register more).
      sse = f64x2.add(sse, f64x2.mul(r, r));
      gb = f64x2.add(gb, r);
      g0 = f64x2.add(g0, f64x2.mul(r, a0));
      g1 = f64x2.add(g1, f64x2.mul(r, a1));
      g2 = f64x2.add(g2, f64x2.mul(r, a2));
    }
    if (odd) { // the last row of an odd count in lane 0; lane 1 adds zeros
      let r = b - load<f64>(yi);
      r = lane(r, x0, w0, cols, 0);
      r = lane(r, x0, w1, cols, 1);
      r = lane(r, x0, w2, cols, 2);
      const rv = f64x2.replace_lane(f64x2.splat(0), 0, r);
      sse = f64x2.add(sse, f64x2.mul(rv, rv));
      gb = f64x2.add(gb, rv);
      g0 = last(g0, rv, x0, cols, 0);
      g1 = last(g1, rv, x0, cols, 1);
      g2 = last(g2, rv, x0, cols, 2);
    }
    const loss = hsum(sse) / divisor, sb = half * hsum(gb);
    const d0 = half * hsum(g0), d1 = half * hsum(g1), d2 = half * hsum(g2);
    if (!train) {
      keep(g, cols, d0, d1, d2, sb);
      return loss;
    }
    store<f64>(losses + (<usize>k << 3), loss);
    if (!finite(loss)) {
      if (t0 + k > 0) restore(c, p, backup, n);
      return k;
    }
    keep(g, cols, d0, d1, d2, sb);
    // trainLoop's backup: p, step and flags before this step (no state in use).
    keep(backup, cols, f64x2.extract_lane(w0, 0), f64x2.extract_lane(w1, 0), f64x2.extract_lane(w2, 0), b);
    store<f64>(backup + (<usize>n << 3), step + <f64>k);
    store<f64>(backup + (<usize>n << 3), flags, 8);
    w0 = descend(w0, rate, d0);
    w1 = descend(w1, rate, d1);
    w2 = descend(w2, rate, d2);
    b = b + rate * sb;
  }
  store<f64>(c + (<usize>CFG_STEP << 3), step + <f64>count);
  keep(p, cols, f64x2.extract_lane(w0, 0), f64x2.extract_lane(w1, 0), f64x2.extract_lane(w2, 0), b);
  return count;
}

/** After a non-finite loss: p, step and flags back to the backup (the last finite point). */
export function restore(c: usize, p: usize, backup: usize, n: i32): void {
  copy(p, backup, n);
  store<f64>(c + (<usize>CFG_STEP << 3), load<f64>(backup + (<usize>n << 3)));
  store<f64>(c + (<usize>CFG_FLAGS << 3), load<f64>(backup + (<usize>n << 3), 8));
}

/** w_j as both lanes, or 0 past the last column (never read from memory). */
// @ts-ignore: decorator
@inline function weight(p: usize, cols: i32, j: i32): v128 {
  return cols > j ? v128.load64_splat(p + (<usize>j << 3)) : f64x2.splat(0);
}

/**
 * (x[i][j], x[i+1][j]) from the pair's 2·cols values at x0, read as cols f64x2: value e is
 * lane e & 1 of vector e >> 1. With cols and j constants, this is two loads and one shuffle.
 */
// @ts-ignore: decorator
@inline function column(x0: usize, cols: i32, j: i32): v128 {
  const e0 = j, e1 = cols + j;
  const a = v128.load(x0 + (<usize>(e0 >> 1) << 4)), b = v128.load(x0 + (<usize>(e1 >> 1) << 4));
  if (e0 & 1) return e1 & 1 ? v128.shuffle<f64>(a, b, 1, 3) : v128.shuffle<f64>(a, b, 1, 2);
  return e1 & 1 ? v128.shuffle<f64>(a, b, 0, 3) : v128.shuffle<f64>(a, b, 0, 2);
}

/** r + x[j]·w_j for j < cols (one row, scalars). */
// @ts-ignore: decorator
@inline function lane(r: f64, x: usize, w: v128, cols: i32, j: i32): f64 {
  return cols > j ? r + load<f64>(x + (<usize>j << 3)) * f64x2.extract_lane(w, 0) : r;
}

// @ts-ignore: decorator
@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** acc + (r·x[j], 0) for the odd last row at x (j < cols). */
// @ts-ignore: decorator
@inline function last(acc: v128, rv: v128, x: usize, cols: i32, j: i32): v128 {
  return cols > j ? f64x2.add(acc, f64x2.mul(rv, v128.load64_zero(x + (<usize>j << 3)))) : acc;
}

/** w_j + rate·g_j in both lanes: sgdStep's p + −lr·(±g). */
// @ts-ignore: decorator
@inline function descend(w: v128, rate: f64, g: f64): v128 {
  return f64x2.splat(f64x2.extract_lane(w, 0) + rate * g);
}

/** dst[0..cols) = v0…, dst[cols] = b. */
// @ts-ignore: decorator
@inline function keep(dst: usize, cols: i32, v0: f64, v1: f64, v2: f64, b: f64): void {
  if (cols > 0) store<f64>(dst, v0);
  if (cols > 1) store<f64>(dst, v1, 8);
  if (cols > 2) store<f64>(dst, v2, 16);
  store<f64>(dst + (<usize>cols << 3), b);
}
