// Chooses the path for a least-squares problem and runs it (see docs/closed-form.md).
//
//   'qr'     Householder QR of a scaled copy + triangular solves with R (the SVD of R when the
//            rank is not certified full) + double-double Björck refinement, stopped once the next
//            correction would fall below the rounding of x: exact to the last digits even for
//            condition numbers near 1/ε; copies X once (n·q f64).
//   'normal' Gram matrix in one SIMD pass + Cholesky (+ semi-normal refinement passes when the
//            scaled condition number is above 10): zero copies, for well-conditioned data.
//   'auto'   'normal' when its condition bound says the answer will be accurate (scaled cond
//            ≤ 1e6; ≤ 1e3 on small data, ≤ 2¹⁷ values) and the rank is not in doubt, else 'qr'
//            (also for wide problems).

import { conditionEstimate } from './dense.js';
import type { Factor } from './factor.js';
import { solveR } from './factor.js';
import { gramFactor, type ColumnSums } from './gram-path.js';
import { applyQt, qrFactor, type QrFactor } from './qr-path.js';
import { refineNormal, refineQr, targetCoordinates } from './refine.js';
import { SMALL, TINY, checkProblemFinite, type Problem } from './problem.js';
import { settleRank } from './rank.js';
import { projectOut } from './fit-stats.js';

/** How the closed form factors the data: see {@link LstsqOptions.method}. */
export type SolveMethod = 'auto' | 'qr' | 'normal';

/** @internal A solved problem: x = [intercept,] β, weighted SSE at x, the factor for statistics. */
export interface Solution {
  factor: Factor; x: Float64Array; sse: number; method: 'qr' | 'normal'; iterations: number;
  /** Σw(y − ȳ)² (about 0 without an intercept) when the path had it (the Gram block's). */
  sst?: number;
  /** (AᵀA)⁻¹ (q×q row-major) refined in double-double, when the QR path judged it worth it. */
  refinedInverse?: Float64Array;
  /** Without intercept on the Gram path: the block's column sums (saves implicit-constant.ts a pass). */
  sums?: ColumnSums;
}

const MAX_COND_NORMAL = 1e6;
// On small data the QR path costs little and its answer and statistics are exact to the last
// digits for any condition: the Gram path is taken only where it is as accurate, standard
// errors included ((AᵀA)⁻¹ from the Gram factor is off by about ε·κ²: 10⁻¹³ at κ = 20).
const MAX_COND_SMALL = 20;
const KAPPA_REFINED_INVERSE = 1e2;

/** @internal Solves `pb` by `method`. The caller owns pb's memory. */
export function solveProblem(pb: Problem, method: SolveMethod): Solution {
  return solveTargets(pb, [pb.y], method)[0];
}

/**
 * @internal Solves X·β ≈ y for each target in `ys` (pointers to `rows` values; pb.y is ignored)
 * with one factorization of X: the rank, the path and the factor are shared.
 */
export function solveTargets(pb: Problem, ys: number[], method: SolveMethod): Solution[] {
  const q = pb.cols + (pb.intercept ? 1 : 0);
  const first = withY(pb, ys[0]);
  if (method !== 'qr' && pb.rows >= q) {
    const normal = solveNormal(first, ys, method);
    if (normal) return normal;
  }
  return solveQr(first, ys);
}

/** @internal pb with another target (pb itself when it is the same). */
export function withY(pb: Problem, y: number): Problem {
  return y === pb.y ? pb : { ...pb, y };
}

// The Gram path, or null when its answer would not be accurate (the QR path takes over).
function solveNormal(pb: Problem, ys: number[], method: SolveMethod): Solution[] | null {
  const q = pb.cols + (pb.intercept ? 1 : 0);
  const gf = gramFactor(pb);
  if (!Number.isFinite(gf.sst)) checkProblemFinite(pb);
  if (!gf.factor) return null;
  if (gf.factor.doubtful) {
    // On large data, dependencies proved from the data need no copy of X: the base's factor
    // solves. Any other doubt is ill-conditioning, which the Gram matrix squares: QR (as for
    // small data, whose singular values then come from the QR factor, to numpy's accuracy).
    if (pb.rows * q <= SMALL) return null;
    const f = settleRank(pb, gf.factor);
    const def = f.deficiency;
    if (!def || def.unproved > 0 || !(def.base.kappaBound <= MAX_COND_NORMAL)) return null;
    return ys.map((y, t) => ({ ...solveDeficient(withY(pb, y), f, t === 0, 'normal'), sums: gf.sums }));
  }
  // κ: the Frobenius bound (≥ κ₂, up to p times above it), estimated by power iterations only
  // where the bound alone would send small data to the QR path
  const f = gf.factor, small = pb.rows * q <= SMALL;
  const kappa = small && f.kappaBound > MAX_COND_SMALL ? scaledCondition(f) : f.kappaBound;
  if (method === 'auto' && !(kappa <= (small ? MAX_COND_SMALL : MAX_COND_NORMAL))) return null;
  const tiny = pb.rows * q <= TINY;
  return ys.map((y, t): Solution => {
    const pt = withY(pb, y);
    const x = solveR(f, t === 0 ? f.c : targetCoordinates(pt, f));
    // The Cholesky answer's relative error is about ε·κ² (times the cancellation in
    // intercept = ȳ − x̄·β), and the SSE from the factor's last pivot ε·SST/SSE (a close fit
    // cancels). Below 1e-14 they stand; else refine: tiny data in double-double (cheap there; to
    // the last digits for κ ≤ 1e3), larger data with the fused pass. On larger data an SSE good
    // to 1e-12 (R² ≤ 0.9998) stands without a pass of its own.
    const error = answerError(f, x, kappa);
    const sseOk = t === 0 && Number.EPSILON * gf.sst <= (tiny ? 1e-14 : 1e-12) * gf.sse;
    const steps = error <= 1e-14 ? 0 : tiny ? 3 : kappa <= 1e3 ? 1 : 2;
    if (steps === 0 && sseOk) return { factor: f, x, sse: gf.sse, sst: gf.sst, method: 'normal', iterations: 0, sums: gf.sums };
    const refined = refineNormal(pt, f, x, steps, undefined, tiny); // steps 0: a pass for the SSE alone
    return { factor: f, x: refined.x, sse: refined.sse, sst: t === 0 ? gf.sst : undefined, method: 'normal', iterations: refined.iterations, sums: gf.sums };
  });
}

// ε·κ²·(intercept cancellation), κ from the bound; when that asks for refinement, from the
// power-iteration estimate (doubled: it is not a bound), which is cheap beside a pass over X and
// is often several times lower than the bound.
function answerError(f: Factor, x: Float64Array, bound: number): number {
  const amplified = Number.EPSILON * interceptCancellation(f, x);
  const error = amplified * bound * bound;
  if (error <= 1e-14) return error;
  const kappa = Math.min(bound, 2 * scaledCondition(f));
  return amplified * kappa * kappa;
}

// Σ|x̄_j·β_j| / |intercept| (at least 1): how much the intercept's subtraction amplifies errors.
function interceptCancellation(f: Factor, x: Float64Array): number {
  if (!f.k0) return 1;
  let terms = 0;
  for (let j = 0; j < f.p; j++) terms += Math.abs(f.xbar[j] * x[j + 1]);
  return Math.max(1, terms / Math.abs(x[0]));
}

function solveQr(pb: Problem, ys: number[]): Solution[] {
  const qf = qrFactor(pb);
  try {
    if (qf.factor.doubtful) qf.factor = settleRank(pb, qf.factor);
    const f = qf.factor;
    if (f.deficiency) return ys.map((y, t) => solveDeficient(withY(pb, y), f, t === 0));
    // κ: the certificate's upper bound when it already says "well-conditioned", else estimated
    const kappa = f.rank < f.p ? Infinity : f.kappaBound <= KAPPA_REFINED_INVERSE ? f.kappaBound : scaledCondition(f);
    const inverse = kappa > KAPPA_REFINED_INVERSE ? inverseColumns(pb, qf, kappa) : undefined;
    return ys.map((y, t) => {
      const pt = withY(pb, y);
      const refined = t === 0 ? refineQr(pt, qf, kappa) : withTarget(pt, qf, (qt) => refineQr(pt, qt, kappa));
      return { factor: f, x: refined.x, sse: refined.sse, method: 'qr', iterations: refined.iterations, refinedInverse: inverse };
    });
  } finally {
    qf.release();
  }
}

// Runs `fn` with the factor's reflectors and Qᵀ√W·y of another target y (pb.y).
function withTarget<T>(pb: Problem, qf: QrFactor, fn: (qf: QrFactor) => T): T {
  const v = pb.arena.alloc(pb.rows * 8);
  try {
    applyQt(pb, qf.a, qf.ld, qf.tau, qf.factor.q, v);
    return fn({ ...qf, qty: v });
  } finally {
    pb.arena.release(v);
  }
}

// A certified rank-deficient problem: the base's solution, refined in double-double, then
// projected off the null space (the minimum-norm answer; the intercept is not penalised).
function solveDeficient(pb: Problem, f: Factor, first: boolean, method: 'qr' | 'normal' = 'qr'): Solution {
  const { base, keep, nullSpace } = f.deficiency!;
  // until the corrections stop (≤ 1e-17 of x): the factor's noise in small columns' coefficients
  // can be large in absolute terms however well-conditioned the scaled base is. Other targets
  // than the factored one start from 0 (the first step is then the semi-normal solution).
  const start = first ? solveR(base, base.c) : new Float64Array(base.q);
  const refined = refineNormal(pb, base, start, 6, keep);
  const x = new Float64Array(f.q), { k0 } = f;
  if (k0) x[0] = refined.x[0];
  keep.forEach((j, i) => { x[k0 + j] = refined.x[k0 + i]; });
  const beta = projectOut(x.subarray(k0), nullSpace);
  // same fit: the intercept absorbs the centring of what the projection took away
  if (k0) for (let j = 0; j < f.p; j++) x[0] += (x[k0 + j] - beta[j]) * f.xbar[j];
  x.set(beta, k0);
  return { factor: f, x, sse: refined.sse, method, iterations: refined.iterations };
}

// (AᵀA)⁻¹ from the factor alone is accurate to about ε·κ (κ the scaled condition number); the
// refined columns need the reflectors and the data, which are gone after fit(). So they are
// computed at fit time, and only where they matter: κ above KAPPA_REFINED_INVERSE, full rank,
// at most 64 columns and a small copy.
function inverseColumns(pb: Problem, qf: QrFactor, kappa: number): Float64Array | undefined {
  const f = qf.factor;
  if (f.rank < f.p || pb.rows <= f.q || f.q > 64 || pb.rows * f.q > SMALL) return undefined;
  const zero = pb.arena.alloc(pb.rows * 8);
  try {
    pb.arena.f64(zero, pb.rows).fill(0);
    const out = new Float64Array(f.q * f.q);
    for (let j = 0; j < f.q; j++) {
      const c = new Float64Array(f.q);
      c[j] = -1;
      const col = refineQr(pb, qf, kappa, { zero, c }).x;
      for (let i = 0; i < f.q; i++) out[i * f.q + j] = col[i];
    }
    return out;
  } finally {
    pb.arena.release(zero);
  }
}

/** σ_max/σ_min of the scaled coefficient block R₁₁ (what the normal equations square), estimated. */
export function scaledCondition(f: Factor): number {
  const { p, k0, q, r } = f;
  if (p === 0) return 1;
  const b = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) b[i * p + j] = r[(i + k0) * q + j + k0];
  return conditionEstimate(b, p);
}
