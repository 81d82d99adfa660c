// Plain-TypeScript twins of the wasm kernels: the simplest loops that compute the same contract,
// used by the tests to check the SIMD code on every tail length. They live in test/ so the npm
// tarball carries only the library.

/** Twin of `predict`: out[i] = X[i,:]·w + b. */
export function predictRef(x: Float64Array, rows: number, cols: number, w: ArrayLike<number>, b: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += x[i * cols + j] * w[j];
    out[i] = s + b;
  }
  return out;
}

/** Twin of `lossGrad`: L = Σ r² / divisor and its gradient, with p = [w, b]. */
export function lossGradRef(
  x: Float64Array, y: ArrayLike<number>, rows: number, cols: number, p: ArrayLike<number>, divisor: number,
): { loss: number; grad: Float64Array } {
  const grad = new Float64Array(cols + 1);
  let sse = 0;
  for (let i = 0; i < rows; i++) {
    let r = p[cols] - y[i];
    for (let j = 0; j < cols; j++) r += x[i * cols + j] * p[j];
    sse += r * r;
    const s = (2 / divisor) * r;
    for (let j = 0; j < cols; j++) grad[j] += s * x[i * cols + j];
    grad[cols] += s;
  }
  return { loss: sse / divisor, grad };
}

/** Twin of `readSum` (bench-only kernel, build/bench.wasm): Σ of the values. */
export function readSumRef(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
