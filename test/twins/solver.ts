// Plain-TypeScript twins of the solver kernels (assembly/solver/), operation for operation where
// it matters, over Float64Arrays instead of byte offsets. Tests compare the wasm kernels with them.

/** Twin of gramStride. */
export function gramStrideRef(cols: number): number {
  return (cols + 2 + 3) & ~3;
}

/** Twin of gramAccumulate: G (P×P, upper triangle) += Σ z zᵀ, z = √w·[x − s_x, y − s_y, 1, 0…]. */
export function gramAccumulateRef(
  X: Float64Array, y: Float64Array, w: Float64Array | null, rows: number, cols: number, shift: Float64Array, G: Float64Array,
): void {
  const P = gramStrideRef(cols);
  const z = new Float64Array(P);
  for (let i = 0; i < rows; i++) {
    const sw = w ? Math.sqrt(w[i]) : 1;
    for (let j = 0; j < cols; j++) z[j] = (X[i * cols + j] - shift[j]) * sw;
    z[cols] = (y[i] - shift[cols]) * sw;
    z[cols + 1] = sw;
    for (let j = 0; j < P; j++) for (let k = j; k < P; k++) G[j * P + k] += z[j] * z[k];
  }
}

/** Twin of householderQR on a column-major m×n matrix (stride ld) in place; returns τ. */
export function householderQRRef(a: Float64Array, m: number, n: number, ld: number): Float64Array {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const c = j * ld;
    let xnorm2 = 0;
    for (let i = j + 1; i < m; i++) xnorm2 += a[c + i] ** 2;
    if (xnorm2 === 0) continue;
    const alpha = a[c + j];
    const beta = -Math.sign(alpha || 1) * Math.sqrt(alpha * alpha + xnorm2);
    tau[j] = (beta - alpha) / beta;
    for (let i = j + 1; i < m; i++) a[c + i] /= alpha - beta;
    a[c + j] = beta;
    for (let col = j + 1; col < n; col++) reflect(a, c, a, col * ld, j, m, tau[j]);
  }
  return tau;
}

/** Twin of applyQ: v ← Qᵀv (transpose) or Q·v with the reflectors of householderQRRef. */
export function applyQRef(a: Float64Array, m: number, n: number, ld: number, tau: Float64Array, v: Float64Array, transpose: boolean): void {
  const k = Math.min(m, n);
  for (let s = 0; s < k; s++) {
    const j = transpose ? s : k - 1 - s;
    if (tau[j] !== 0) reflect(a, j * ld, v, 0, j, m, tau[j]);
  }
}

function reflect(a: Float64Array, c: number, x: Float64Array, xo: number, j: number, m: number, t: number): void {
  let s = x[xo + j];
  for (let i = j + 1; i < m; i++) s += a[c + i] * x[xo + i];
  s *= t;
  x[xo + j] -= s;
  for (let i = j + 1; i < m; i++) x[xo + i] -= s * a[c + i];
}

/**
 * Twin of refineResidual in exact-enough arithmetic (BigInt-free: sums of exact products kept as
 * arrays and added by Shewchuk's method), returning { f, g (cols+1, intercept last), sse }.
 */
export function refineResidualRef(
  X: Float64Array, lo: Float64Array | null, y: Float64Array, w: Float64Array | null, rows: number, cols: number,
  beta: Float64Array, beta0: number, r: Float64Array | null,
): { f: Float64Array; g: Float64Array; sse: number } {
  const f = new Float64Array(rows);
  const g: number[][] = Array.from({ length: cols + 1 }, () => []);
  let sse = 0;
  for (let i = 0; i < rows; i++) {
    const terms = [y[i], -beta0];
    for (let j = 0; j < cols; j++) {
      terms.push(...twoProd(-X[i * cols + j], beta[j]));
      if (lo) terms.push(-lo[i * cols + j] * beta[j]);
    }
    const sw = w ? Math.sqrt(w[i]) : 1;
    const s = exactSum(terms);
    f[i] = exactSum([...twoProd(s[0], sw), s[1] * sw, -(r ? r[i] : 0)])[0];
    sse += f[i] * f[i];
    const u = twoProd(sw, r ? r[i] : f[i]);
    for (let j = 0; j < cols; j++) {
      g[j].push(...twoProd(X[i * cols + j], u[0]), X[i * cols + j] * u[1]);
      if (lo) g[j].push(lo[i * cols + j] * u[0]);
    }
    g[cols].push(u[0], u[1]);
  }
  return { f, g: Float64Array.from(g, (t) => exactSum(t)[0]), sse };
}

function twoProd(a: number, b: number): [number, number] {
  const p = a * b, S = 134217729;
  const ca = S * a, ah = ca - (ca - a), al = a - ah;
  const cb = S * b, bh = cb - (cb - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

// Σ terms exactly as a nonoverlapping expansion (Shewchuk), returned as [rounded sum, remainder].
function exactSum(terms: number[]): [number, number] {
  const parts = expansion(terms);
  const hi = parts.reduce((a, b) => a + b, 0);
  const lo = expansion([...parts, -hi]).reduce((a, b) => a + b, 0);
  return [hi, lo];
}

function expansion(terms: number[]): number[] {
  let parts: number[] = [];
  for (const t of terms) {
    let x = t;
    const next: number[] = [];
    for (const p of parts) {
      const s = x + p, bb = s - x, e = (x - (s - bb)) + (p - bb);
      if (e !== 0) next.push(e);
      x = s;
    }
    next.push(x);
    parts = next;
  }
  return parts;
}
