// Small dense linear algebra on p×p blocks (p = number of features): the O(p³) work after the
// O(n·p²) pass over the data. Row-major Float64Arrays throughout.

/**
 * A small vector or matrix. Temporaries are number[]: V8 backs a Float64Array of more than 64
 * bytes with malloc'd memory, about 1 µs to allocate, which dominated fits of tiny data.
 */
export type Vec = number[] | Float64Array;

/** n zeros as a number[] (unboxed doubles, allocated on the JS heap). */
export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** Singular value decomposition B = U·diag(sigma)·Vᵀ of a square k×k matrix, sigma descending. */
export interface Svd { k: number; u: Float64Array; sigma: Float64Array; v: Float64Array }

/**
 * SVD of the k×k row-major matrix b by one-sided Jacobi (Hestenes): columns are rotated until
 * pairwise orthogonal; V accumulates the rotations. Relatively accurate for graded matrices
 * (an R factor times column scales), which is why it is used here. Columns are kept as
 * contiguous arrays and their squared norms updated by the rotation formulas.
 */
export function jacobiSvd(b: Float64Array, k: number): Svd {
  const w = Array.from({ length: k }, (_, j) => Float64Array.from({ length: k }, (_, r) => b[r * k + j]));
  const v = Array.from({ length: k }, (_, j) => { const e = new Float64Array(k); e[j] = 1; return e; });
  const norms = new Float64Array(k);
  for (let sweep = 0; sweep < 80; sweep++) {
    for (let j = 0; j < k; j++) norms[j] = dot(w[j], w[j]);
    let rotated = false;
    for (let i = 0; i < k - 1; i++) {
      for (let j = i + 1; j < k; j++) rotated = rotate(w, v, norms, i, j) || rotated;
    }
    if (!rotated) break;
  }
  return sortSvd(w, v, k);
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let r = 0; r < x.length; r++) s += x[r] * y[r];
  return s;
}

// Orthogonalises columns i and j of w (and rotates v alike); false when already orthogonal.
function rotate(w: Float64Array[], v: Float64Array[], norms: Float64Array, i: number, j: number): boolean {
  const a = norms[i], b = norms[j];
  const wi = w[i], wj = w[j];
  const c = dot(wi, wj);
  // LAPACK dgesvj's test: orthogonal to working accuracy, √k·ε relative
  if (c === 0 || Math.abs(c) <= Math.sqrt(wi.length) * 2.220446049250313e-16 * Math.sqrt(a * b)) return false;
  const zeta = (b - a) / (2 * c);
  const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
  const cs = 1 / Math.sqrt(1 + t * t), sn = cs * t;
  planeRotation(wi, wj, cs, sn);
  planeRotation(v[i], v[j], cs, sn);
  norms[i] = a - t * c;
  norms[j] = b + t * c;
  return true;
}

function planeRotation(x: Float64Array, y: Float64Array, cs: number, sn: number): void {
  for (let r = 0; r < x.length; r++) {
    const p = x[r], q = y[r];
    x[r] = cs * p - sn * q;
    y[r] = sn * p + cs * q;
  }
}

function sortSvd(w: Float64Array[], v: Float64Array[], k: number): Svd {
  const norms = w.map((c) => {
    let big = 0;
    for (const x of c) big = Math.max(big, Math.abs(x));
    if (big === 0) return 0;
    let s = 0;
    for (const x of c) s += (x / big) ** 2;
    return big * Math.sqrt(s);
  });
  const order = norms.map((_, j) => j).sort((x, y) => norms[y] - norms[x]);
  const u = new Float64Array(k * k), vs = new Float64Array(k * k), sigma = new Float64Array(k);
  order.forEach((j, c) => {
    sigma[c] = norms[j];
    for (let r = 0; r < k; r++) {
      u[r * k + c] = norms[j] > 0 ? w[j][r] / norms[j] : 0;
      vs[r * k + c] = v[j][r];
    }
  });
  return { k, u, sigma, v: vs };
}

/**
 * Cholesky factor R (upper, row-major) of the symmetric positive definite k×k matrix whose upper
 * triangle is in a (row-major); null when a pivot is not positive (rank-deficient or too
 * ill-conditioned for the normal equations). With `lastMayVanish` the last pivot may be ≤ 0 (it
 * is the residual of an augmented [X | y] block: 0 for an exact fit) and becomes 0; with
 * `semidefinite` every pivot may, and its row of R is 0 (a column dependent on earlier ones).
 */
export function cholesky(a: ArrayLike<number>, k: number, lastMayVanish = false, semidefinite = false): number[] | null {
  const r = zeros(k * k);
  for (let i = 0; i < k; i++) {
    let d = a[i * k + i];
    for (let t = 0; t < i; t++) d -= r[t * k + i] * r[t * k + i];
    if (!(d > 0)) {
      if (lastMayVanish && i === k - 1 && d <= 0) return r;
      // a pivot that vanished: its row stays 0, which factors the matrix without that column
      if (semidefinite && d <= 0) continue;
      return null;
    }
    const rii = Math.sqrt(d);
    r[i * k + i] = rii;
    for (let j = i + 1; j < k; j++) {
      let s = a[i * k + j];
      for (let t = 0; t < i; t++) s -= r[t * k + i] * r[t * k + j];
      r[i * k + j] = s / rii;
    }
  }
  return r;
}

/**
 * out = Vᵣ·diag(1/σ)·Uᵣᵀ·v over the first `rank` singular triplets (truncated pseudo-inverse), or
 * its transpose Uᵣ·diag(1/σ)·Vᵣᵀ·v with `transpose`.
 */
export function pinvApply(s: Svd, rank: number, v: ArrayLike<number>, transpose = false): Float64Array {
  const { k, sigma } = s;
  const left = transpose ? s.v : s.u, right = transpose ? s.u : s.v;
  const coef = new Float64Array(rank);
  for (let c = 0; c < rank; c++) {
    let t = 0;
    for (let r = 0; r < k; r++) t += left[r * k + c] * v[r];
    coef[c] = t / sigma[c];
  }
  const out = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    let t = 0;
    for (let c = 0; c < rank; c++) t += right[r * k + c] * coef[c];
    out[r] = t;
  }
  return out;
}

/**
 * Estimate of σ_max/σ_min of the k×k upper-triangular r (row-major) by power iteration on rᵀr and
 * on (rᵀr)⁻¹ (triangular solves; at most 30 steps, fewer once the Rayleigh quotient settles to
 * 10⁻⁴): O(k²) a step, within a few percent of the 2-norm condition number in practice, never
 * below max|r_ii| / min|r_ii|.
 */
export function conditionEstimate(r: ArrayLike<number>, k: number): number {
  let dmax = 0, dmin = Infinity;
  for (let i = 0; i < k; i++) { const d = Math.abs(r[i * k + i]); dmax = Math.max(dmax, d); dmin = Math.min(dmin, d); }
  if (!(dmin > 0)) return Infinity;
  const big = powerNorm(r, k, false);
  const small = powerNorm(r, k, true);
  return Math.max(Math.sqrt(big * small), dmax / dmin);
}

// Largest eigenvalue of rᵀr (or of (rᵀr)⁻¹ when `inverse`) by power iteration, in place.
function powerNorm(r: ArrayLike<number>, k: number, inverse: boolean): number {
  const x = zeros(k), x0 = zeros(k);
  for (let i = 0; i < k; i++) x[i] = 1 + i / k;
  let lambda = 0;
  for (let it = 0; it < 30; it++) {
    let n = 0;
    for (let i = 0; i < k; i++) n += x[i] * x[i];
    n = Math.sqrt(n);
    if (!(n > 0) || !Number.isFinite(n)) return n === 0 ? lambda : Infinity;
    for (let i = 0; i < k; i++) x[i] /= n;
    for (let i = 0; i < k; i++) x0[i] = x[i];
    if (inverse) { solveUpper(r, k, x, true); solveUpper(r, k, x); } else { upper(r, k, x); upperT(r, k, x); }
    const previous = lambda;
    lambda = 0;
    for (let i = 0; i < k; i++) lambda += x0[i] * x[i];
    if (it > 1 && Math.abs(lambda - previous) <= 1e-4 * lambda) break;
  }
  return lambda;
}

// x ← r·x
function upper(r: ArrayLike<number>, k: number, x: Vec): void {
  for (let i = 0; i < k; i++) { let s = 0; for (let j = i; j < k; j++) s += r[i * k + j] * x[j]; x[i] = s; }
}

// x ← rᵀ·x
function upperT(r: ArrayLike<number>, k: number, x: Vec): void {
  for (let j = k - 1; j >= 0; j--) { let s = 0; for (let i = 0; i <= j; i++) s += r[i * k + j] * x[i]; x[j] = s; }
}

/**
 * x ← T⁻¹·x (or T⁻ᵀ·x with `transpose`) in place, for the k×k upper-triangular block T of r that
 * starts at row and column `off` of a row-major matrix with row length `ld`.
 */
export function solveUpper(r: ArrayLike<number>, k: number, x: Vec, transpose = false, ld = k, off = 0): void {
  for (let n = 0; n < k; n++) {
    const i = transpose ? n : k - 1 - n;
    let s = x[i];
    if (transpose) for (let j = 0; j < i; j++) s -= r[(j + off) * ld + i + off] * x[j];
    else for (let j = i + 1; j < k; j++) s -= r[(i + off) * ld + j + off] * x[j];
    x[i] = s / r[(i + off) * ld + i + off];
  }
}

/** R (n×n upper, row-major) and the column order of {@link pivotedQr}. */
export interface PivotedQr { r: Float64Array; perm: number[] }

/**
 * Householder QR with column pivoting of the n×n row-major a (a copy is factored): at each step
 * the remaining column of largest norm comes first, so |r_kk| decreases and a trailing small
 * |r_kk| reveals a near-dependency (Businger–Golub). With `order` the columns are taken in that
 * order instead. The same reflections are applied to `rhs` (n values) in place: rhs ← Qᵀ·rhs.
 */
export function pivotedQr(a: Float64Array, n: number, order?: number[], rhs?: Float64Array): PivotedQr {
  const perm = order ? order.slice() : Array.from({ length: n }, (_, j) => j);
  const cols = perm.map(() => new Float64Array(n));
  const norms = new Array<number>(n).fill(0);
  for (let c = 0; c < n; c++) {
    const col = cols[c], j = perm[c];
    for (let i = 0; i < n; i++) { col[i] = a[i * n + j]; norms[c] += col[i] * col[i]; }
  }
  // remaining norms², downdated after each step and recomputed when cancellation sets in (dlaqp2)
  const exact = norms.slice();
  for (let k = 0; k < n; k++) {
    if (!order) pivot(cols, perm, norms, exact, k);
    const x = cols[k];
    let alpha = 0;
    for (let i = k; i < n; i++) alpha += x[i] * x[i];
    alpha = Math.sqrt(alpha);
    if (alpha === 0) continue;
    const beta = x[k] > 0 ? -alpha : alpha;
    x[k] -= beta; // x[k..] is now the reflector v, vᵀv = 2·alpha·(alpha + |x_k|)
    const vv = alpha * (alpha + Math.abs(x[k] + beta)) * 2;
    for (let j = k + 1; j < n; j++) {
      reflect(x, cols[j], k, n, vv);
      norms[j] -= cols[j][k] * cols[j][k];
      if (norms[j] <= 1e-2 * exact[j]) {
        let t = 0;
        for (let i = k + 1; i < n; i++) t += cols[j][i] * cols[j][i];
        norms[j] = exact[j] = t;
      }
    }
    if (rhs) reflect(x, rhs, k, n, vv);
    x.fill(0, k + 1);
    x[k] = beta;
  }
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[i * n + j] = cols[j][i];
  return { r, perm };
}

// y ← (I − 2vvᵀ/vᵀv)·y over rows k… (v = x[k..n), vv = vᵀv).
function reflect(x: Float64Array, y: Float64Array, k: number, n: number, vv: number): void {
  let s = 0;
  for (let i = k; i < n; i++) s += x[i] * y[i];
  s = (2 * s) / vv;
  for (let i = k; i < n; i++) y[i] -= s * x[i];
}

// Moves the column of largest remaining norm (rows k…) to position k.
function pivot(cols: Float64Array[], perm: number[], norms: number[], exact: number[], k: number): void {
  let best = k;
  for (let j = k + 1; j < cols.length; j++) if (norms[j] > norms[best]) best = j;
  for (const v of [cols, perm, norms, exact] as unknown[][]) [v[k], v[best]] = [v[best], v[k]];
}

/** An orthonormal basis (modified Gram–Schmidt, twice) of the span of linearly independent vectors. */
export function orthonormalize(vectors: ArrayLike<number>[]): number[][] {
  const basis: number[][] = [];
  for (const v of vectors) {
    const u = Array.from(v);
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let s = 0;
        for (let i = 0; i < u.length; i++) s += b[i] * u[i];
        for (let i = 0; i < u.length; i++) u[i] -= s * b[i];
      }
    }
    // not Math.hypot: engines round it differently, and every runtime must give the same bits
    const big = u.reduce((m, t) => Math.max(m, Math.abs(t)), 0);
    const norm = big * Math.sqrt(u.reduce((s, t) => s + (t / big) ** 2, 0));
    basis.push(u.map((t) => t / norm));
  }
  return basis;
}
