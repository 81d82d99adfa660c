// The default rank rule: a dependency among the columns is proved, never read off a cutoff.
//
// Rounding noise in a double-precision factorization grows with n (centring, Householder sums),
// so no cutoff on the singular values alone separates an exact dependency (one-hot dummies beside
// the intercept, a duplicated column: its σ is noise, 1e-16…1e-12 relative) from a genuine
// near-dependency (NIST Filip: 3·ε·σ_max unscaled, 2e-10 once the columns are scaled). So:
//
//  1. Candidates: QR with column pivoting of the coefficient block B = R₁₁·D; trailing pivots
//     below 1/DOUBT of the first are candidates (a small column is one: the test below, not
//     the pivot, decides, and it does not depend on units).
//  2. Each candidate column t is regressed on the leading (base) columns and the intercept:
//     semi-normal iterations u ← u + (A_BᵀA_B)⁻¹A_Bᵀ(a_t − A_B·u) with the residual and Aᵀ·r
//     formed in double-double from the data (wasm refineResidual), so u converges to the exact
//     relation, not to one blurred by the factor's rounding.
//  3. t depends on the base when the relation vanishes to rounding:
//     ‖A·v‖ ≤ TAU · Σ_k |v_k|·‖a_k‖   (v = [u; −1 at t], A = √W·[1 | X + Xlo] uncentred),
//     i.e. a relative change of 16ε in the columns' terms makes A exactly singular.
//     A column that fails this is independent, however small its σ.
// Certified dependencies give the rank, an exact null-space basis and a full-rank base whose
// factor solves the problem; the minimum-norm answer is the base's, projected off the null space.

import { solverKernels } from './kernels.js';
import { orthonormalize, pivotedQr, solveUpper, type Vec } from './dense.js';
import { DOUBT, coefficientBlock, makeFactor, pow2, revise, scaleExponent, solveR, solveRT, type Factor } from './factor.js';
import { columnNorms, type Problem } from './problem.js';

/** Relative size of a relation's residual, against the size of its terms, that proves it. */
export const TAU = 16 * Number.EPSILON;
const MAX_PASSES = 8;

/**
 * @internal Settles the rank of a `doubtful` factor (see makeFactor): the factor itself, now
 * full-rank, when no dependency is proved; else a factor of rank p − k carrying the k certified
 * dependencies (`deficiency`).
 */
export function settleRank(pb: Problem, f: Factor): Factor {
  const { p, k0, c } = f;
  // B = R₁₁·D·2⁻ᵉ: pivoting on the unscaled columns keeps large columns in the base, so the
  // base's solution is not much larger than the minimum-norm one it is projected to
  const e = scaleExponent(f.d);
  const dd = Array.from(f.d, (t) => pow2(t, -e));
  const b = coefficientBlock(f, e);
  const factorIn = (order?: number[]) => {
    const rhs = Float64Array.from({ length: p }, (_, i) => c[i + k0]);
    const qr = pivotedQr(b, p, order, rhs);
    return { ...qr, rhs, scaled: qr.r.map((t, ij) => t / dd[qr.perm[ij % p]]) };
  };
  let qr = factorIn();
  const first = Math.abs(qr.r[0]);
  let base = p;
  while (base > 0 && Math.abs(qr.r[(base - 1) * p + base - 1]) * DOUBT <= first) base--;
  if (base === p) return revise(f, { doubtful: false });
  const candidates = qr.perm.slice(base);
  let keep = qr.perm.slice(0, base);
  let baseF = baseFactor(f, keep, qr.scaled, qr.rhs);
  const proved: number[] = [], relations: Float64Array[] = [];
  let unproved = 0;
  const work = newWorkspace(pb);
  try {
    // in pivot order; a candidate that proves independent joins the base for the later ones
    candidates.forEach((col, i) => {
      const rel = certify(pb, f, baseF, keep, col, initialRelation(qr.r, p, keep.length, qr.perm.indexOf(col)), work);
      if (rel) { proved.push(col); relations.push(rel); return; }
      unproved++;
      keep = [...keep, col];
      qr = factorIn([...keep, ...candidates.slice(i + 1), ...proved]);
      baseF = baseFactor(f, keep, qr.scaled, qr.rhs);
    });
  } finally {
    work.release();
  }
  if (!proved.length) return revise(f, { doubtful: false });
  return revise(f, {
    doubtful: false, rank: p - proved.length, kappaBound: baseF.kappaBound,
    deficiency: { keep, base: baseF, nullSpace: orthonormalize(relations), unproved },
  });
}

// The factor of the intercept and the leading `keep.length` pivoted columns: R̃'s leading block,
// the intercept row of R restricted to them, and c transformed alike (rhs = Q̃ᵀ·c₁).
function baseFactor(f: Factor, keep: number[], rt: Float64Array, rhs: Float64Array): Factor {
  const { p, k0, r } = f;
  const pb = keep.length, qb = k0 + pb;
  const rb = new Float64Array(qb * qb), cb = new Float64Array(qb);
  if (k0) {
    rb[0] = r[0];
    cb[0] = f.c[0];
    keep.forEach((j, i) => { rb[i + 1] = r[j + 1]; });
  }
  for (let i = 0; i < pb; i++) {
    cb[i + k0] = rhs[i];
    for (let j = i; j < pb; j++) rb[(i + k0) * qb + j + k0] = rt[i * p + j];
  }
  const pick = (v: Vec) => Float64Array.from(keep, (j) => v[j]);
  return makeFactor({ p: pb, k0, r: rb, c: cb, d: pick(f.d), xbar: pick(f.xbar), s0: f.s0 }, null);
}

// The relation of R̃'s column t on its leading `pb` (base) columns: R̃_BB·z = R̃_{B,t}, with R̃
// from B (unscaled up to a common power of two), so z is already in β coordinates.
function initialRelation(rt: Float64Array, p: number, pb: number, t: number): Float64Array {
  const z = new Float64Array(pb);
  for (let i = 0; i < pb; i++) z[i] = rt[i * p + t];
  solveUpper(rt, pb, z, false, p);
  return z;
}

interface Workspace { zeros: number; beta: number; g: number; norms: Float64Array; release(): void }

function newWorkspace(pb: Problem): Workspace {
  const { arena, rows, cols } = pb;
  const zeros = arena.alloc(rows * 8), beta = arena.alloc(cols * 8), g = arena.alloc(2 * (cols + 1) * 8);
  arena.f64(zeros, rows).fill(0);
  // read from the data: a factor's scales can be placeholders for columns that vanished in it
  const norms = columnNorms(arena.f64(pb.x, rows * cols), rows, cols, pb.w ? arena.f64(pb.w, rows) : null);
  return { zeros, beta, g, norms, release() { arena.release(zeros); arena.release(beta); arena.release(g); } };
}

// Refines the relation of data column `col` on the base in double-double; returns it as a
// p-vector (β coordinates, −1 at col) when it vanishes to rounding (see TAU), else null.
function certify(
  pb: Problem, f: Factor, base: Factor, keep: number[], col: number, z: Float64Array, work: Workspace,
): Float64Array | null {
  const { arena, cols } = pb;
  const { k0, xbar } = f;
  const u = new Float64Array(base.q); // [v0,] β on the base columns
  u.set(z, k0);
  const beta = new Float64Array(cols);
  const fill = () => {
    beta.fill(0);
    keep.forEach((j, i) => { beta[j] = u[i + k0]; });
    beta[col] = -1;
  };
  fill();
  if (k0) { let m = 0; for (let j = 0; j < cols; j++) m += xbar[j] * beta[j]; u[0] = -m; }
  let last = Infinity;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    fill();
    const v0 = k0 ? u[0] : 0;
    const { sse, size } = relationResidual(pb, f, beta, v0, work, true);
    if (size === 0) return beta.slice(); // zero columns: A·v = 0 exactly
    // Σf² under- or overflows beyond these magnitudes: no proof either way
    if (!(size > 1e-140 && size < 1e140)) return null;
    if (Math.sqrt(sse) <= (pb.tau ?? TAU) * size) return sparsify(pb, f, beta, v0, size, work);
    if (!(sse < last / 2)) return null; // stalled: a genuine direction (or not convergent)
    last = sse;
    const g = arena.f64(work.g, 2 * (cols + 1)), n1 = cols + 1;
    const gb = new Float64Array(base.q);
    if (k0) gb[0] = g[cols] + g[n1 + cols];
    keep.forEach((j, i) => { gb[i + k0] = g[j] + g[n1 + j]; });
    const du = solveR(base, solveRT(base, gb));
    for (let i = 0; i < u.length; i++) u[i] += du[i];
  }
  return null;
}

// ‖A·v‖² (v = [v0; β]) in double-double, with Aᵀ·(A·v) into work.g when `gradient`, and the
// size of the relation's terms Σ|v_k|·‖a_k‖.
function relationResidual(
  pb: Problem, f: Factor, beta: Float64Array, v0: number, work: Workspace, gradient: boolean,
): { sse: number; size: number } {
  const { arena, rows, cols } = pb;
  arena.f64(work.beta, cols).set(beta);
  // f = −√W·(v0 + (X + Xlo)·β) = a_col − A_B·u, and g = Aᵀf
  const sse = solverKernels().refineResidual(pb.x, pb.lo, work.zeros, pb.w, rows, cols, work.beta, v0, 0, 0, gradient ? work.g : 0);
  let size = f.k0 ? Math.abs(v0) / f.s0 : 0;
  for (let j = 0; j < cols; j++) if (beta[j]) size += Math.abs(beta[j]) * work.norms[j];
  return { sse, size };
}

// A proved relation without its terms below TAU of the whole, when it still holds without them:
// their coefficients are only known to rounding of the larger terms (β of a column at scale 1
// beside dummies at 2²⁷ comes out 1e-10, not 0), and the minimum-norm answer multiplies them by
// the other coefficients. An exact relation (dummies) then holds exactly.
function sparsify(pb: Problem, f: Factor, beta: Float64Array, v0: number, size: number, work: Workspace): Float64Array {
  const clean = beta.slice();
  let dropped = false;
  for (let j = 0; j < clean.length; j++) {
    if (clean[j] && Math.abs(clean[j]) * work.norms[j] <= (pb.tau ?? TAU) * size) { clean[j] = 0; dropped = true; }
  }
  const v = f.k0 && Math.abs(v0) / f.s0 <= (pb.tau ?? TAU) * size ? 0 : v0;
  if (!dropped && v === v0) return beta.slice();
  const again = relationResidual(pb, f, clean, v, work, false);
  return Math.sqrt(again.sse) <= (pb.tau ?? TAU) * again.size ? clean : beta.slice();
}
