// The float64 reference every closed-form row is compared with: Householder QR on [1 X], which
// is backward stable (errors grow with cond(X), not cond(X)², unlike the normal equations).

/** Least-squares [intercept, coef] of y on [1 X] (X row-major rows×cols) by Householder QR. */
export function referenceFit(
  X: Float64Array, y: Float64Array, rows: number, cols: number,
): { coef: Float64Array; intercept: number } {
  const n = cols + 1;
  const A = new Float64Array(rows * n); // column-major [1 X]
  A.fill(1, 0, rows);
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    for (let j = 0; j < cols; j++) A[(j + 1) * rows + i] = X[o + j];
  }
  const b = Float64Array.from(y.subarray(0, rows));
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ck = k * rows;
    let norm = 0;
    for (let i = k; i < rows; i++) norm += A[ck + i] * A[ck + i];
    norm = Math.sqrt(norm);
    const ak = A[ck + k];
    const alpha = ak > 0 ? -norm : norm;
    A[ck + k] = ak - alpha; // v = a − α e₁ stored in place
    const vv = 2 * norm * (norm + Math.abs(ak)); // vᵀv, without cancellation
    diag[k] = alpha;
    if (vv === 0) continue;
    for (let j = k + 1; j < n; j++) reflect(A, ck, j * rows, k, rows, vv);
    reflectVector(A, ck, b, k, rows, vv);
  }
  const beta = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= A[j * rows + i] * beta[j];
    beta[i] = s / diag[i];
  }
  return { coef: beta.subarray(1), intercept: beta[0] };
}

// a ← a − 2 (v·a / v·v) v over rows k…m−1, v in column at cv, a in column at ca.
function reflect(A: Float64Array, cv: number, ca: number, k: number, rows: number, vv: number): void {
  let d = 0;
  for (let i = k; i < rows; i++) d += A[cv + i] * A[ca + i];
  const f = (2 * d) / vv;
  for (let i = k; i < rows; i++) A[ca + i] -= f * A[cv + i];
}

function reflectVector(A: Float64Array, cv: number, b: Float64Array, k: number, rows: number, vv: number): void {
  let d = 0;
  for (let i = k; i < rows; i++) d += A[cv + i] * b[i];
  const f = (2 * d) / vv;
  for (let i = k; i < rows; i++) b[i] -= f * A[cv + i];
}

/** max |a − b| over [intercept, coef…]. */
export function maxCoefDiff(
  a: { coef: ArrayLike<number>; intercept: number }, b: { coef: ArrayLike<number>; intercept: number },
): number {
  let worst = Math.abs(a.intercept - b.intercept);
  for (let j = 0; j < b.coef.length; j++) worst = Math.max(worst, Math.abs(a.coef[j] - b.coef[j]));
  return worst;
}
