// The small factor every path of the closed form reduces the data to, and the solves with it.
//
// The factored matrix is Ã = √W·[1·s₀ | (X − 1x̄ᵀ)·D⁻¹] (intercept column first when there is
// one, k0 = 1) or Ã = √W·X·D⁻¹ (k0 = 0): centred, column-scaled, weighted. Ã = Q·R with R q×q
// upper triangular (q = k0 + p) and c = Qᵀ·√W·y. The original design A = √W·[1 | X] satisfies
// A = Ã·M⁻¹ with x = M·z: x₀ = s₀z₀ − x̄·β, β = D⁻¹z′. The coefficient block enters only through
// B = R₁₁·D, the R factor of the unscaled (centred, weighted) X, whose SVD gives the rank, the
// singular values and the minimum-norm solution. The intercept is never truncated.

import { jacobiSvd, pinvApply, solveUpper, zeros, type Svd, type Vec } from './dense.js';

/** @internal The reduced problem. */
export interface Factor {
  /** Features p, intercept flag k0, q = k0 + p. */
  p: number; k0: 0 | 1; q: number;
  /** R (q×q row-major, upper) and c = Qᵀ·b̃ (q) in scaled coordinates. */
  r: Vec; c: Vec;
  /** Column scales D (p, never 0), weighted means x̄ (p; zeros without intercept), s₀. */
  d: Vec; xbar: Vec; s0: number;
  /** SVD of B = R₁₁·D (computed on first use when the rank is certified full), and the rank of B. */
  readonly svd: Svd; rank: number;
  /**
   * ‖R₁₁‖_F·‖R₁₁⁻¹‖_F ≥ the scaled condition number (at most √p·… above it) when the rank was
   * certified full without the SVD; Infinity otherwise.
   */
  kappaBound: number;
  /**
   * Under the default rule: the scaled block is too close to singular for the rank to be read off
   * in double precision; rank.ts settles it (the rank is provisionally p).
   */
  doubtful?: boolean;
  /** Certified dependencies (rank.ts): the full-rank base columns and the exact null space. */
  deficiency?: Deficiency;
}

/** @internal Dependencies proved in double-double: see rank.ts. */
export interface Deficiency {
  /** Data columns of the full-rank base, and its factor (coefficients in those columns only). */
  keep: number[]; base: Factor;
  /** Orthonormal basis of the null space of the centred, weighted X (p-vectors). */
  nullSpace: number[][];
  /** Candidates that proved independent (they joined the base). */
  unproved: number;
}

// The rank is certified full when ‖B‖_F·‖B⁻¹‖_F ≥ σ_max/σ_min stays this far below 1/rcond.
const CERTIFY_MARGIN = 1e-3;
/**
 * Under the default rule, a scaled condition bound above this leaves the rank in doubt: a
 * dependency that holds to rounding can show up anywhere below it in double precision.
 */
export const DOUBT = 1e8;

/**
 * Completes a factor. With a number `rcond`, the rank of the coefficient block B = R₁₁·D counts
 * singular values above `rcond`·σ_max as numpy does: when B is clearly well-conditioned (a
 * Frobenius-norm bound on its condition number, from the triangular inverse) the rank is p, the
 * solves are triangular and the SVD waits for its first use; otherwise the SVD (one-sided Jacobi)
 * decides and solves. With `rcond` null (the default rule) the rank is p when the scaled bound is
 * below {@link DOUBT}, else the factor is marked `doubtful` for rank.ts to settle.
 */
export function makeFactor(
  base: Omit<Factor, 'svd' | 'rank' | 'q' | 'kappaBound'>, rcond: number | null,
): Factor {
  const { p } = base;
  const e = scaleExponent(base.d);
  const bounds = conditionBounds(base, e);
  const fullRank = rcond === null ? bounds.scaled <= DOUBT : bounds.unscaled <= CERTIFY_MARGIN / rcond;
  if (fullRank || rcond === null) {
    const kappaBound = Number.isFinite(bounds.scaled) ? bounds.scaled : Infinity;
    return new FactorData(base, e, p, kappaBound, !fullRank);
  }
  const f = new FactorData(base, e, 0, Infinity, false);
  const cutoff = rcond * (f.svd.sigma[0] ?? 0);
  while (f.rank < p && f.svd.sigma[f.rank] > cutoff) f.rank++;
  return f;
}

// A factor whose SVD is computed on first use (kept on the instance: copies made by revise share it).
class FactorData implements Factor {
  p: number; k0: 0 | 1; q: number; r: Vec; c: Vec; d: Vec; xbar: Vec; s0: number;
  rank: number; kappaBound: number; doubtful: boolean; deficiency?: Deficiency;
  private cachedSvd?: Svd;
  private readonly e: number;

  constructor(base: Omit<Factor, 'svd' | 'rank' | 'q' | 'kappaBound'>, e: number, rank: number, kappaBound: number, doubtful: boolean) {
    this.p = base.p; this.k0 = base.k0; this.q = base.k0 + base.p;
    this.r = base.r; this.c = base.c; this.d = base.d; this.xbar = base.xbar; this.s0 = base.s0;
    this.e = e; this.rank = rank; this.kappaBound = kappaBound; this.doubtful = doubtful;
  }

  get svd(): Svd {
    if (this.cachedSvd) return this.cachedSvd;
    const { p, e } = this;
    const s = jacobiSvd(coefficientBlock(this, e), p);
    s.sigma = s.sigma.map((t) => pow2(t, e));
    return (this.cachedSvd = s);
  }
}

/** @internal A copy of `f` with some fields changed (its SVD, once computed, is shared). */
export function revise(f: Factor, changes: Partial<Pick<Factor, 'rank' | 'kappaBound' | 'doubtful' | 'deficiency'>>): Factor {
  return Object.assign(Object.create(Object.getPrototypeOf(f) as object) as Factor, f, changes);
}

/**
 * @internal e with the largest column scale of B·2⁻ᵉ in [1, 2): exact, and nothing under- or
 * overflows in the certificate, the SVD or the pivoting whatever the data's units.
 */
export function scaleExponent(d: ArrayLike<number>): number {
  let big = 0;
  for (let j = 0; j < d.length; j++) if (d[j] > big) big = d[j];
  return exponentOf(big);
}

/** @internal floor(log2|t|) exactly (−1074 for 0): engines round log2 differently just below a power of 2. */
export function exponentOf(t: number): number {
  const a = Math.abs(t);
  if (!(a > 0)) return -1074;
  let e = Math.floor(Math.log2(a));
  if (pow2(1, e) > a) e--;
  else if (pow2(1, e + 1) <= a) e++;
  return e;
}

/** @internal t·2ᵉ in two exact steps (2ᵉ alone may overflow for |e| > 1023). */
export function pow2(t: number, e: number): number {
  const a = Math.trunc(e / 2);
  return t * 2 ** a * 2 ** (e - a);
}

// B·2⁻ᵉ = R₁₁·D·2⁻ᵉ (p×p row-major).
/** @internal */
export function coefficientBlock(f: Pick<Factor, 'p' | 'k0' | 'r' | 'd'>, e: number): Float64Array {
  const { p, k0, r, d } = f, q = k0 + p;
  const b = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const dj = pow2(d[j], -e);
    for (let i = 0; i <= j; i++) b[i * p + j] = r[(i + k0) * q + j + k0] * dj;
  }
  return b;
}

// Upper bounds on the condition numbers of R₁₁ (scaled) and B = R₁₁·D (unscaled):
// ‖·‖_F·‖·⁻¹‖_F, Infinity (or NaN) when R₁₁ is singular. R₁₁⁻¹ by columns of back substitution:
// O(p³/6).
function conditionBounds(base: Pick<Factor, 'p' | 'k0' | 'r' | 'd'>, e: number): { scaled: number; unscaled: number } {
  const { p, k0, r } = base, q = k0 + p;
  const d = zeros(p);
  for (let j = 0; j < p; j++) d[j] = pow2(base.d[j], -e);
  let rr = 0, bb = 0, ri = 0, bi = 0;
  const t = zeros(p);
  for (let j = 0; j < p; j++) {
    t.fill(0, 0, j); // column j of R₁₁⁻¹ (zero below j): R₁₁·t = e_j
    t[j] = 1;
    solveUpper(r, j + 1, t, false, q, k0);
    for (let i = 0; i <= j; i++) {
      const rij = r[(i + k0) * q + j + k0];
      rr += rij * rij;
      bb += (rij * d[j]) ** 2;
      ri += t[i] * t[i];
      bi += (t[i] / d[i]) ** 2;
    }
  }
  if (p === 0) return { scaled: 1, unscaled: 1 };
  const unscaled = Math.sqrt(bb * bi), scaled = Math.sqrt(rr * ri);
  return { scaled: scaled || Infinity, unscaled: unscaled || Infinity };
}

/** x = M·R⁺·v: the solution in original coordinates ([intercept,] β) of R·z = v. */
export function solveR(f: Factor, v: ArrayLike<number>): Float64Array {
  const { p, k0, q, r, d, xbar } = f;
  const beta = coefSolve(f, v, k0);
  const x = new Float64Array(q);
  for (let j = 0; j < p; j++) x[j + k0] = beta[j];
  if (k0) {
    let t = v[0], m = 0;
    for (let j = 0; j < p; j++) {
      t -= r[j + 1] * d[j] * beta[j];
      m += xbar[j] * beta[j];
    }
    x[0] = f.s0 * (t / r[0]) - m;
  }
  return x;
}

/** h with (R·M⁻¹)ᵀ·h = g, g in original coordinates: the transpose solve of {@link solveR}. */
export function solveRT(f: Factor, g: ArrayLike<number>): Float64Array {
  const { p, k0, q, r, d, xbar } = f;
  const h = new Float64Array(q);
  const rhs = zeros(p);
  const g0 = k0 ? g[0] : 0;
  if (k0) h[0] = (f.s0 * g0) / r[0];
  for (let j = 0; j < p; j++) rhs[j] = g[j + k0] - xbar[j] * g0 - (k0 ? d[j] * r[j + 1] * h[0] : 0);
  const z = coefSolve(f, rhs, 0, true);
  for (let j = 0; j < p; j++) h[j + k0] = z[j];
  return h;
}

// B⁺·v = D⁻¹·R₁₁⁻¹·v, or with `transpose` (B⁺)ᵀ·v = R₁₁⁻ᵀ·D⁻¹·v: triangular solves when the rank
// is certified full, else the truncated SVD.
function coefSolve(f: Factor, v: ArrayLike<number>, from: number, transpose = false): Vec {
  const { p, d } = f;
  const z = zeros(p);
  for (let i = 0; i < p; i++) z[i] = v[i + from];
  if (!(f.kappaBound < Infinity)) return pinvApply(f.svd, f.rank, z, transpose);
  if (transpose) for (let i = 0; i < p; i++) z[i] /= d[i];
  solveUpper(f.r, p, z, transpose, f.q, f.k0);
  if (!transpose) for (let i = 0; i < p; i++) z[i] /= d[i];
  return z;
}

/**
 * (AᵀA)⁻¹ in original coordinates (q×q row-major), column by column from the factor; for a
 * rank-deficient factor a generalized inverse K (AᵀA·K·AᵀA = AᵀA): the truncated pseudo-inverse
 * in centred coordinates, or the base's inverse with zeros for the dependent columns.
 */
export function normalInverse(f: Factor): Float64Array {
  if (f.deficiency) return embedInverse(f, f.deficiency);
  const { q } = f;
  const out = new Float64Array(q * q);
  const e = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    e.fill(0);
    e[j] = 1;
    const col = solveR(f, solveRT(f, e));
    for (let i = 0; i < q; i++) out[i * q + j] = col[i];
  }
  return out;
}

// The base's (A_BᵀA_B)⁻¹ placed at the base's rows and columns of a q×q zero matrix.
function embedInverse(f: Factor, def: Deficiency): Float64Array {
  const small = normalInverse(def.base), qb = def.base.q, { q, k0 } = f;
  const at = (i: number) => (i < k0 ? i : def.keep[i - k0] + k0);
  const out = new Float64Array(q * q);
  for (let i = 0; i < qb; i++) for (let j = 0; j < qb; j++) out[at(i) * q + at(j)] = small[i * qb + j];
  return out;
}

/**
 * An orthonormal basis of the null space of the centred X (p-vectors): the certified one, or the
 * right singular vectors of B beyond the rank.
 */
export function nullBasis(f: Factor): number[][] {
  if (f.deficiency) return f.deficiency.nullSpace.map((v) => v.slice());
  const { p, rank } = f;
  if (rank === p) return [];
  const svd = f.svd;
  return Array.from({ length: p - rank }, (_, c) => Array.from({ length: p }, (_, i) => svd.v[i * p + rank + c]));
}
