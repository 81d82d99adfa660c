import type { MatrixRef } from './memory/borrow.js';
import type { LossName } from './loss.js';

/**
 * The largest learning rate for which full-batch gradient descent is stable on this data:
 * the loss' Hessian is 2·AᵀA (SSE) or 2·AᵀA/n (MSE) with A = [X, 1], so the limit is
 * 1/λmax(AᵀA) (SSE) or n/λmax(AᵀA) (MSE). λmax by power iteration; used on the error path only.
 */
export function suggestLearningRate(X: MatrixRef, loss: LossName): number | undefined {
  const lambda = largestEigenvalue(X.data(), X.rows, X.cols);
  if (!(lambda > 0) || !Number.isFinite(lambda)) return undefined;
  return (loss === 'sse' ? 1 : X.rows) / lambda;
}

function largestEigenvalue(x: Float64Array, rows: number, cols: number, iterations = 100): number {
  const p = cols + 1;
  let v = new Float64Array(p).fill(1 / Math.sqrt(p));
  let lambda = 0;
  for (let k = 0; k < iterations; k++) {
    const w = new Float64Array(p); // w = Aᵀ(A v)
    for (let i = 0; i < rows; i++) {
      let a = v[cols];
      for (let j = 0; j < cols; j++) a += x[i * cols + j] * v[j];
      for (let j = 0; j < cols; j++) w[j] += a * x[i * cols + j];
      w[cols] += a;
    }
    const norm = Math.hypot(...w);
    if (norm === 0) return 0;
    lambda = norm;
    v = w.map((e) => e / norm);
  }
  return lambda;
}
