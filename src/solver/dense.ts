// Small dense linear algebra on p×p blocks (p = number of features): the O(p³) work after the
// O(n·p²) pass over the data. Row-major Float64Arrays throughout.

/** Singular value decomposition B = U·diag(sigma)·Vᵀ of a square k×k matrix, sigma descending. */
export interface Svd { k: number; u: Float64Array; sigma: Float64Array; v: Float64Array }

/**
 * SVD of the k×k row-major matrix b by one-sided Jacobi (Hestenes): columns are rotated until
 * pairwise orthogonal; V accumulates the rotations. Relatively accurate for graded matrices
 * (an R factor times column scales), which is why it is used here.
 */
export function jacobiSvd(b: Float64Array, k: number): Svd {
  const w = Float64Array.from(b);
  const v = identity(k);
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let i = 0; i < k - 1; i++) {
      for (let j = i + 1; j < k; j++) rotated = rotate(w, v, k, i, j) || rotated;
    }
    if (!rotated) break;
  }
  return sortSvd(w, v, k);
}

// Orthogonalises columns i and j of w (and rotates v alike); false when already orthogonal.
function rotate(w: Float64Array, v: Float64Array, k: number, i: number, j: number): boolean {
  let a = 0, b = 0, c = 0;
  for (let r = 0; r < k; r++) {
    const x = w[r * k + i], y = w[r * k + j];
    a += x * x; b += y * y; c += x * y;
  }
  if (c === 0 || Math.abs(c) <= 1e-16 * Math.sqrt(a * b)) return false;
  const zeta = (b - a) / (2 * c);
  const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
  const cs = 1 / Math.sqrt(1 + t * t), sn = cs * t;
  for (const m of [w, v]) {
    for (let r = 0; r < k; r++) {
      const x = m[r * k + i], y = m[r * k + j];
      m[r * k + i] = cs * x - sn * y;
      m[r * k + j] = sn * x + cs * y;
    }
  }
  return true;
}

function sortSvd(w: Float64Array, v: Float64Array, k: number): Svd {
  const norms = Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let r = 0; r < k; r++) s = Math.hypot(s, w[r * k + j]);
    return s;
  });
  const order = norms.map((_, j) => j).sort((x, y) => norms[y] - norms[x]);
  const u = new Float64Array(k * k), vs = new Float64Array(k * k), sigma = new Float64Array(k);
  order.forEach((j, c) => {
    sigma[c] = norms[j];
    for (let r = 0; r < k; r++) {
      u[r * k + c] = norms[j] > 0 ? w[r * k + j] / norms[j] : 0;
      vs[r * k + c] = v[r * k + j];
    }
  });
  return { k, u, sigma, v: vs };
}

/** The k×k identity, row-major. */
export function identity(k: number): Float64Array {
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) m[i * k + i] = 1;
  return m;
}

/**
 * Cholesky factor R (upper, row-major) of the symmetric positive definite k×k matrix whose upper
 * triangle is in a (row-major); null when a pivot is not positive (rank-deficient or too
 * ill-conditioned for the normal equations). With `lastMayVanish` the last pivot may be ≤ 0 (it
 * is the residual of an augmented [X | y] block: 0 for an exact fit) and becomes 0.
 */
export function cholesky(a: Float64Array, k: number, lastMayVanish = false): Float64Array | null {
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    let d = a[i * k + i];
    for (let t = 0; t < i; t++) d -= r[t * k + i] * r[t * k + i];
    if (!(d > 0)) {
      if (lastMayVanish && i === k - 1 && d <= 0) return r;
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

/** out = Vᵣ·diag(1/σ)·Uᵣᵀ·v over the first `rank` singular triplets (truncated pseudo-inverse). */
export function pinvApply(s: Svd, rank: number, v: ArrayLike<number>): Float64Array {
  const { k, u, sigma } = s;
  const coef = new Float64Array(rank);
  for (let c = 0; c < rank; c++) {
    let t = 0;
    for (let r = 0; r < k; r++) t += u[r * k + c] * v[r];
    coef[c] = t / sigma[c];
  }
  return combine(s.v, k, rank, coef);
}

/** out = Uᵣ·diag(1/σ)·Vᵣᵀ·v (the transpose of pinvApply's operator). */
export function pinvApplyT(s: Svd, rank: number, v: ArrayLike<number>): Float64Array {
  const { k, v: vm, sigma } = s;
  const coef = new Float64Array(rank);
  for (let c = 0; c < rank; c++) {
    let t = 0;
    for (let r = 0; r < k; r++) t += vm[r * k + c] * v[r];
    coef[c] = t / sigma[c];
  }
  return combine(s.u, k, rank, coef);
}

function combine(m: Float64Array, k: number, rank: number, coef: Float64Array): Float64Array {
  const out = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    let t = 0;
    for (let c = 0; c < rank; c++) t += m[r * k + c] * coef[c];
    out[r] = t;
  }
  return out;
}
