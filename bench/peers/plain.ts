// Plain JavaScript over Float64Array: what a careful JS developer writes by hand. Tight loops, no
// allocation per step, row-major data as our kernels see it. These are comparisons, not strawmen.

/**
 * Full-batch gradient descent on the sum of squared errors, the notebook's algorithm: per step one
 * fused pass computes residuals, the loss and the gradient, then p ← p − lr·g.
 * p = [w_0 … w_{cols−1}, b] is updated in place; g (cols+1) is scratch; losses[t] = loss before step t.
 */
export function plainTrain(
  X: Float64Array, y: Float64Array, rows: number, cols: number,
  p: Float64Array, g: Float64Array, lr: number, iterations: number, losses: Float64Array,
): void {
  for (let t = 0; t < iterations; t++) {
    losses[t] = plainLossGrad(X, y, rows, cols, p, g);
    for (let j = 0; j <= cols; j++) p[j] -= lr * g[j];
  }
}

/**
 * One fused pass: returns L = Σ rᵢ² with rᵢ = xᵢ·w + b − yᵢ and overwrites g with
 * ∂L/∂w = 2 Σ rᵢ xᵢ, ∂L/∂b = 2 Σ rᵢ.
 */
export function plainLossGrad(
  X: Float64Array, y: Float64Array, rows: number, cols: number, p: Float64Array, g: Float64Array,
): number {
  for (let j = 0; j < cols; j++) g[j] = 0;
  const b = p[cols];
  let sse = 0;
  let gb = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    let r = b - y[i];
    for (let j = 0; j < cols; j++) r += X[o + j] * p[j];
    sse += r * r;
    const s = 2 * r;
    gb += s;
    for (let j = 0; j < cols; j++) g[j] += s * X[o + j];
  }
  g[cols] = gb;
  return sse;
}

/**
 * Least squares with an intercept by the normal equations: one pass accumulates the upper triangle
 * of [1 X]ᵀ[1 X] and [1 X]ᵀy, then Cholesky and two triangular solves.
 * @throws Error when the Gram matrix is not numerically positive definite.
 */
export function plainNormalEquations(
  X: Float64Array, y: Float64Array, rows: number, cols: number,
): { coef: Float64Array; intercept: number } {
  const q = cols + 1;
  const G = new Float64Array(q * q);
  const c = new Float64Array(q);
  const r = new Float64Array(q);
  r[0] = 1;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    for (let j = 0; j < cols; j++) r[j + 1] = X[o + j];
    const yi = y[i];
    for (let a = 0; a < q; a++) {
      const ra = r[a];
      const row = a * q;
      for (let b = a; b < q; b++) G[row + b] += ra * r[b];
      c[a] += ra * yi;
    }
  }
  const beta = choleskySolve(G, c, q);
  return { coef: beta.subarray(1), intercept: beta[0] };
}

/**
 * Least squares with an intercept by the centred normal equations, as scikit-learn centres: one
 * pass for the column means of X and the mean of y, one pass accumulating the upper triangle of
 * X_cᵀX_c and X_cᵀy_c (X_c = X − means), then Cholesky and two triangular solves on the p×p
 * system; the intercept is ȳ − x̄·coef. Centring keeps the Gram matrix's condition that of the
 * data, not of the column means.
 * @throws Error when X_cᵀX_c is not numerically positive definite.
 */
export function plainCentredNormalEquations(
  X: Float64Array, y: Float64Array, rows: number, cols: number,
): { coef: Float64Array; intercept: number } {
  const mean = new Float64Array(cols);
  let yMean = 0;
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    for (let j = 0; j < cols; j++) mean[j] += X[o + j];
    yMean += y[i];
  }
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  yMean /= rows;
  const G = new Float64Array(cols * cols);
  const c = new Float64Array(cols);
  const r = new Float64Array(cols);
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    for (let j = 0; j < cols; j++) r[j] = X[o + j] - mean[j];
    const yi = y[i] - yMean;
    for (let a = 0; a < cols; a++) {
      const ra = r[a];
      const row = a * cols;
      for (let b = a; b < cols; b++) G[row + b] += ra * r[b];
      c[a] += ra * yi;
    }
  }
  const coef = choleskySolve(G, c, cols);
  let intercept = yMean;
  for (let j = 0; j < cols; j++) intercept -= mean[j] * coef[j];
  return { coef, intercept };
}

/** Solves G β = c for symmetric positive definite G (upper triangle read, row-major q×q). */
export function choleskySolve(G: ArrayLike<number>, c: ArrayLike<number>, q: number): Float64Array {
  const L = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    let d = G[j * q + j];
    for (let k = 0; k < j; k++) d -= L[j * q + k] * L[j * q + k];
    if (!(d > 0)) throw new Error('normal equations: XᵀX is not positive definite');
    const ljj = Math.sqrt(d);
    L[j * q + j] = ljj;
    for (let i = j + 1; i < q; i++) {
      let s = G[j * q + i];
      for (let k = 0; k < j; k++) s -= L[i * q + k] * L[j * q + k];
      L[i * q + j] = s / ljj;
    }
  }
  const z = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = c[i];
    for (let k = 0; k < i; k++) s -= L[i * q + k] * z[k];
    z[i] = s / L[i * q + i];
  }
  for (let i = q - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < q; k++) s -= L[k * q + i] * z[k];
    z[i] = s / L[i * q + i];
  }
  return z;
}
