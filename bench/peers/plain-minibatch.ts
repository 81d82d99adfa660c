// Plain JavaScript mini-batch training over Float64Array: what a careful JS developer writes by
// hand for one epoch of mini-batch SGD or Adam on the mean squared error. Batches are contiguous
// rows in order (no shuffle), the last partial batch kept; no allocation per step. These are
// comparisons, not strawmen.

/** Adam's hyperparameters (torch.optim.Adam's defaults apart from lr: betas 0.9, 0.999, eps 1e-8). */
export interface PlainAdamOptions { lr: number; beta1: number; beta2: number; eps: number }

/**
 * One fused pass over rows [start, end): returns the batch's mean squared error and overwrites g
 * with its gradient, ∂/∂w = (2/B) Σ rᵢ xᵢ, ∂/∂b = (2/B) Σ rᵢ, with rᵢ = xᵢ·w + b − yᵢ and
 * B = end − start. p = [w_0 … w_{cols−1}, b].
 */
export function plainBatchMseGrad(
  X: Float64Array, y: Float64Array, start: number, end: number, cols: number, p: Float64Array, g: Float64Array,
): number {
  for (let j = 0; j < cols; j++) g[j] = 0;
  const b = p[cols];
  let sse = 0;
  let gb = 0;
  for (let i = start, o = start * cols; i < end; i++, o += cols) {
    let r = b - y[i];
    for (let j = 0; j < cols; j++) r += X[o + j] * p[j];
    sse += r * r;
    const s = 2 * r;
    gb += s;
    for (let j = 0; j < cols; j++) g[j] += s * X[o + j];
  }
  g[cols] = gb;
  const n = end - start;
  for (let j = 0; j <= cols; j++) g[j] /= n;
  return sse / n;
}

/**
 * One epoch of mini-batch SGD (no momentum): for each batch of `batchSize` rows in order (the
 * last one partial), losses[t] = its mean squared error at p, then p ← p − lr·g.
 * p (cols+1) is updated in place, g (cols+1) is scratch, losses holds ⌈rows / batchSize⌉ entries.
 */
export function plainMinibatchSgd(
  X: Float64Array, y: Float64Array, rows: number, cols: number,
  p: Float64Array, g: Float64Array, lr: number, batchSize: number, losses: Float64Array,
): void {
  for (let start = 0, t = 0; start < rows; start += batchSize, t++) {
    losses[t] = plainBatchMseGrad(X, y, start, Math.min(rows, start + batchSize), cols, p, g);
    for (let j = 0; j <= cols; j++) p[j] -= lr * g[j];
  }
}

/**
 * One epoch of mini-batch Adam, torch.optim.Adam's update (no weight decay, no amsgrad) with step
 * count t from 1:
 *
 *     m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
 *     p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 *
 * m and v (cols+1 each) are the optimizer state, zeros for a fresh optimizer; p, g, losses as
 * {@link plainMinibatchSgd}.
 */
export function plainMinibatchAdam(
  X: Float64Array, y: Float64Array, rows: number, cols: number,
  p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, o: PlainAdamOptions,
  batchSize: number, losses: Float64Array,
): void {
  const { lr, beta1, beta2, eps } = o;
  for (let start = 0, t = 0; start < rows; start += batchSize, t++) {
    losses[t] = plainBatchMseGrad(X, y, start, Math.min(rows, start + batchSize), cols, p, g);
    const step = t + 1;
    const stepSize = lr / (1 - beta1 ** step);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
    for (let j = 0; j <= cols; j++) {
      const gj = g[j];
      const mj = m[j] * beta1 + (1 - beta1) * gj;
      const vj = v[j] * beta2 + (1 - beta2) * gj * gj;
      m[j] = mj;
      v[j] = vj;
      p[j] += (-stepSize * mj) / (Math.sqrt(vj) / bc2Sqrt + eps);
    }
  }
}
