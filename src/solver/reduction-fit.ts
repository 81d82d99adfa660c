// The fit of a mergeable state (reduction.ts): the triangle R is itself a small data set with the
// same Gram matrix as the rows it came from (AᵀA = RᵀR), so the ordinary solver fits it: its
// rows are pseudo-data, their low parts go in as xLow, and the low part of the target as a second
// target. The QR path, the double-double refinement and the rank proofs all apply unchanged;
// only the intercept is put back from the state's first row (R₀₀ = √Σw, R₀ⱼ = Σw(xⱼ − sⱼ)/√Σw).

import type { Arena } from '../memory/arena.js';
import { makeFactor, revise, type Factor } from './factor.js';
import { TAU } from './rank.js';
import { Reduction } from './reduction.js';
import { OUT, add, div, mul } from './dd.js';
import { pickConstantColumn } from './implicit-constant.js';
import { solveTargets, type Solution } from './solve.js';

/** @internal A state's solution, with the sums of squares the statistics need. */
export interface ReducedFit {
  sol: Solution; sst: number;
  /** Without intercept: statsmodels' constant detection (see implicit-constant.ts). */
  constant: { centredSst: number; column: number | null } | null;
}

/** @internal Solves the state `red` (at least one row) with the default or given rank rule. */
export function solveReduction(arena: Arena, red: Reduction, rcond: number | null): ReducedFit {
  const { p, m, intercept } = red;
  const t = intercept ? trailing(red) : withoutColumn(red, 0);
  const P = p + 1; // pseudo-rows: the (p+1)×(p+1) triangle of [x, y]
  const block = arena.alloc((2 * P * p + 2 * P) * 8);
  try {
    const x = block, lo = x + P * p * 8, yh = lo + P * p * 8, yl = yh + P * 8;
    const X = arena.f64(x, P * p), L = arena.f64(lo, P * p), YH = arena.f64(yh, P), YL = arena.f64(yl, P);
    for (let i = 0; i < P; i++) {
      for (let j = 0; j < p; j++) { X[i * p + j] = t.hi[i * P + j]; L[i * p + j] = t.lo[i * P + j]; }
      YH[i] = t.hi[i * P + p]; YL[i] = t.lo[i * P + p];
    }
    const pb = { arena, x, lo, y: yh, w: 0, rows: P, cols: p, intercept: false, rcond, tau: TAU * red.tauScale };
    const [main, low] = solveTargets(pb, [yh, yl], 'qr');
    // at full rank β straight from the double-double triangle (exact to ~1e-32·κ); with a
    // dependency, the solver's minimum-norm answer for the two parts of the target
    const [betaHi, betaLo] = main.factor.rank === p ? backSubstitute(t, p) : [main.x, low.x];
    const beta = betaHi.map((b, j) => b + betaLo[j]);
    // full rank: the last pivot is the residual, exact in the state; with a dependency the
    // residual also holds the target's entries at vanished pivots, so the solve's SSE counts
    const sse = main.factor.rank < p ? main.sse : square(t, p, p);
    const centred = columnSquares(red, m - 1, 1);
    if (!intercept) {
      const sol = { ...main, x: beta, sse };
      return { sol, sst: columnSquares(red, m - 1, 0), constant: implicitConstant(red, centred) };
    }
    const sw = square(red, 0, 0);
    // the means s + R₀ⱼ/R₀₀ and b = ȳ − x̄·β in double-double: x̄·β may dwarf b (NIST Wampler)
    const mean = (j: number) => {
      div(red.hi[j + 1], red.lo[j + 1], red.hi[0], red.lo[0]);
      add(OUT[0], OUT[1], red.shift![j], 0);
      return [OUT[0], OUT[1]];
    };
    const means = Array.from({ length: p + 1 }, (_, j) => mean(j));
    const xbar = Float64Array.from({ length: p }, (_, j) => means[j][0] + means[j][1]);
    let [bh, bl] = means[p];
    for (let j = 0; j < p; j++) {
      mul(means[j][0], means[j][1], betaHi[j], betaLo[j]);
      add(bh, bl, -OUT[0], -OUT[1]);
      [bh, bl] = [OUT[0], OUT[1]];
    }
    const b = bh + bl, ybar = means[p][0] + means[p][1];
    const factor = lift(main.factor, xbar, ybar, sw);
    return { sol: { factor, x: Float64Array.of(b, ...beta), sse, method: 'qr', iterations: main.iterations }, sst: centred, constant: null };
  } finally {
    arena.release(block);
  }
}

// The centred factor of [x, y] (k0 = 0) as the factor of the design [1, x] (k0 = 1), as the
// Gram path builds it: R = [1 0; 0 R₁₁], c = [√Σw·ȳ; c₁], s₀ = 1/√Σw; a certified deficiency too.
function lift(f: Factor, xbar: Float64Array, ybar: number, sw: number): Factor {
  const { p } = f, q = p + 1;
  const r = new Float64Array(q * q), c = new Float64Array(q);
  r[0] = 1; c[0] = Math.sqrt(sw) * ybar;
  for (let i = 0; i < p; i++) {
    c[i + 1] = f.c[i];
    for (let j = i; j < p; j++) r[(i + 1) * q + j + 1] = f.r[i * p + j];
  }
  const lifted = makeFactor({ p, k0: 1, r, c, d: f.d, xbar, s0: 1 / Math.sqrt(sw) }, null);
  const def = f.deficiency;
  return revise(lifted, {
    rank: f.rank, kappaBound: f.kappaBound, doubtful: false,
    deficiency: def && { ...def, base: lift(def.base, Float64Array.from(def.keep, (j) => xbar[j]), ybar, sw) },
  });
}

// z with T₁₁·z = T₁,ₚ (T's last column) in double-double: β of a full-rank triangle.
function backSubstitute(t: { hi: Float64Array; lo: Float64Array }, p: number): [Float64Array, Float64Array] {
  const n = p + 1, zh = new Float64Array(p), zl = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sh = t.hi[i * n + p], sl = t.lo[i * n + p];
    for (let j = i + 1; j < p; j++) {
      mul(t.hi[i * n + j], t.lo[i * n + j], zh[j], zl[j]);
      add(sh, sl, -OUT[0], -OUT[1]);
      sh = OUT[0]; sl = OUT[1];
    }
    div(sh, sl, t.hi[i * n + i], t.lo[i * n + i]);
    zh[i] = OUT[0]; zl[i] = OUT[1];
  }
  return [zh, zl];
}

// R's rows and columns 1…m−1: the factor of the centred [x, y] (m−1 square).
function trailing(red: Reduction): { hi: Float64Array; lo: Float64Array } {
  const { m } = red, n = m - 1, hi = new Float64Array(n * n), lo = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) { hi[i * n + j] = red.hi[(i + 1) * m + j + 1]; lo[i * n + j] = red.lo[(i + 1) * m + j + 1]; }
  }
  return { hi, lo };
}

// The factor of R's columns without column `drop` (re-triangularized by rotations): m−1 square.
function withoutColumn(red: Reduction, drop: number, order?: number[]): Reduction {
  const { m } = red, cols = order ?? [...Array(m).keys()].filter((j) => j !== drop);
  const out = new Reduction(red.p - 1, false);
  const vh = new Float64Array(m - 1), vl = new Float64Array(m - 1);
  for (let i = 0; i < m; i++) {
    cols.forEach((j, k) => { vh[k] = red.hi[i * m + j]; vl[k] = red.lo[i * m + j]; });
    out.rotateIn(vh, vl, 0);
  }
  return out;
}

// (R_ij)² of a double-double triangle of side n (hi/lo row-major).
function square(t: { hi: Float64Array; lo: Float64Array }, i: number, j: number): number {
  const n = Math.round(Math.sqrt(t.hi.length)), v = t.hi[i * n + j] + t.lo[i * n + j];
  return v * v;
}

// Σ_{i ≥ from} R_ij²: the squared norm of column j's part below row `from`.
function columnSquares(red: Reduction, j: number, from: number): number {
  let s = 0;
  for (let i = from; i < red.m; i++) s += square(red, i, j);
  return s;
}

// statsmodels' k_constant without intercept: √w in the span of √W·X when regressing it on X
// leaves a residual within max(n, q)·ε of the terms (numpy's matrix_rank tolerance). With the
// constant column moved last, that residual is the last pivot of the re-triangularized R.
function implicitConstant(red: Reduction, centredSst: number): ReducedFit['constant'] {
  const { m, p } = red;
  const t = withoutColumn(red, m - 1, [...Array(p).keys()].map((j) => j + 1).concat(0));
  const residual = square(t, p, p);
  let size = square(red, 0, 0);
  for (let j = 1; j <= p; j++) size += columnSquares(red, j, 0);
  const tol = Math.max(red.nobs, p) * Number.EPSILON * red.tauScale;
  if (!(residual <= tol * tol * size)) return null;
  return { centredSst, column: pickConstantColumn(p, (j) => (red.colMin[j] === red.colMax[j] ? red.colMax[j] : null)) };
}
