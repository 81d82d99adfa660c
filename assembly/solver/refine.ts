// One pass over X for iterative refinement, in double-double: the residual of the current
// solution and a product with Aᵀ, where A = √W·[X + Xlo, 1] (the intercept column last).
//
//   f_i = √w_i·(y_i − β₀ − Σ_j (x_ij + lo_ij)·β_j) − r_i
//   g_j = Σ_i a_ij·t_i   with t = r, or t = f when r = 0 (plain refinement of the normal equations);
//                       skipped when g = 0 (a pass for Σ f² alone costs half as much)
//
// Products are exact (Dekker), sums are double-double; f is rounded to double once per row, g is
// returned as hi and lo parts. Lanes run over pairs of columns.

import { twoSum, twoProd, ddAdd, twoProdV, ddAddV, ddLo, ddLoV } from "./dd";

/**
 * Layout: X row-major rows×cols at x; lo (same layout) or 0; y, w (or 0 for unit weights), r (or
 * 0) and f (or 0 to skip storing) rows f64 each; beta cols f64; g 2·(cols+1) f64 (hi then lo),
 * overwritten, or 0 to skip it. beta0 is the intercept (0 without one). Returns Σ f_i².
 */
export function refineResidual(
  x: usize, lo: usize, y: usize, w: usize, rows: i32, cols: i32,
  beta: usize, beta0: f64, r: usize, f: usize, g: usize,
): f64 {
  let sse: f64 = 0;
  const n1 = cols + 1;
  const gl = g + (<usize>n1 << 3);
  if (g) for (let j = 0; j < 2 * n1; j++) store<f64>(g + (<usize>j << 3), 0);
  const rowBytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) {
    const o = <usize>i << 3;
    const xi = x + <usize>i * rowBytes;
    const li = lo ? lo + <usize>i * rowBytes : 0;
    const sw = w ? Math.sqrt(load<f64>(w + o)) : 1.0;
    // s = y_i − β₀ − x_i·β in double-double, then f_i = √w_i·s − r_i
    let sh = twoSum(load<f64>(y + o), -beta0);
    let sl = ddLo;
    sh = ddAdd(sh, sl, -rowDot(xi, li, beta, cols), -ddLo);
    sl = ddLo;
    let fh = twoProd(sh, sw);
    let fl = ddLo + sl * sw;
    const ri = r ? load<f64>(r + o) : 0.0;
    fh = ddAdd(fh, fl, -ri, 0);
    const fi = fh + ddLo;
    if (f) store<f64>(f + o, fi);
    sse += fi * fi;
    if (!g) continue;
    // u = √w_i·t_i (double-double), g += a_i·t_i
    const t = r ? ri : fi;
    const uh = twoProd(sw, t);
    const ul = ddLo;
    accumulateRow(g, gl, xi, li, uh, ul, cols);
    const gc = g + rowBytes, gcl = gl + rowBytes;
    store<f64>(gc, ddAdd(load<f64>(gc), load<f64>(gcl), uh, ul));
    store<f64>(gcl, ddLo);
  }
  return sse;
}

/** Σ_j (x_j + lo_j)·β_j as double-double: returns hi, lo in ddLo. */
// @ts-ignore: decorator
@inline function rowDot(xi: usize, li: usize, beta: usize, cols: i32): f64 {
  let hv = f64x2.splat(0), lv = f64x2.splat(0);
  let j = 0;
  for (; j + 1 < cols; j += 2) {
    const o = <usize>j << 3;
    const b = v128.load(beta + o);
    const p = twoProdV(v128.load(xi + o), b);
    let e = ddLoV;
    if (li) e = f64x2.add(e, f64x2.mul(v128.load(li + o), b));
    hv = ddAddV(hv, lv, p, e);
    lv = ddLoV;
  }
  let h = ddAdd(f64x2.extract_lane(hv, 0), f64x2.extract_lane(lv, 0), f64x2.extract_lane(hv, 1), f64x2.extract_lane(lv, 1));
  let l = ddLo;
  for (; j < cols; j++) {
    const o = <usize>j << 3;
    const b = load<f64>(beta + o);
    const p = twoProd(load<f64>(xi + o), b);
    let e = ddLo;
    if (li) e += load<f64>(li + o) * b;
    h = ddAdd(h, l, p, e);
    l = ddLo;
  }
  ddLo = l;
  return h;
}

/** (g, gl)[j] += (x_j + lo_j)·(uh + ul) for j < cols, in double-double. */
// @ts-ignore: decorator
@inline function accumulateRow(g: usize, gl: usize, xi: usize, li: usize, uh: f64, ul: f64, cols: i32): void {
  const uhv = f64x2.splat(uh), ulv = f64x2.splat(ul);
  let j = 0;
  for (; j + 1 < cols; j += 2) {
    const o = <usize>j << 3;
    const a = v128.load(xi + o);
    const p = twoProdV(a, uhv);
    let e = f64x2.add(ddLoV, f64x2.mul(a, ulv));
    if (li) e = f64x2.add(e, f64x2.mul(v128.load(li + o), uhv));
    v128.store(g + o, ddAddV(v128.load(g + o), v128.load(gl + o), p, e));
    v128.store(gl + o, ddLoV);
  }
  for (; j < cols; j++) {
    const o = <usize>j << 3;
    const a = load<f64>(xi + o);
    const p = twoProd(a, uh);
    let e = ddLo + a * ul;
    if (li) e += load<f64>(li + o) * uh;
    store<f64>(g + o, ddAdd(load<f64>(g + o), load<f64>(gl + o), p, e));
    store<f64>(gl + o, ddLo);
  }
}
