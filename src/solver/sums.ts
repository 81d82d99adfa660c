// O(n) sums over y and the weights that the statistics need.

import type { Problem } from './problem.js';
import { log } from '../stats/special/libm.js'; // Math.log rounds differently in different engines

/**
 * @internal Total sum of squares (about the weighted mean with an intercept, about 0 without) and
 * Σ log w; `known` is the SST the solve already has (the Gram block's), which saves the pass when
 * there are no weights.
 */
export function problemSums(pb: Problem, known?: number): { sst: number; sumLogWeights: number } {
  const w = pb.w ? pb.arena.f64(pb.w, pb.rows) : null;
  if (known !== undefined && !w) return { sst: known, sumLogWeights: 0 };
  const y = pb.arena.f64(pb.y, pb.rows);
  let sw = 0, sy = 0, logs = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i] : 1;
    sw += wi;
    sy += wi * y[i];
    if (w && wi > 0) logs += log(wi);
  }
  const mean = pb.intercept ? sy / sw : 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) sst += (w ? w[i] : 1) * (y[i] - mean) ** 2;
  return { sst, sumLogWeights: logs };
}

/**
 * R² = 1 − Σw(y − ŷ)² / Σw(y − ȳ)², as sklearn.metrics.r2_score: 1 for a perfect fit of constant
 * y, 0 for an imperfect one.
 */
export function r2(y: ArrayLike<number>, pred: ArrayLike<number>, w: ArrayLike<number> | null): number {
  let sw = 0, sy = 0;
  for (let i = 0; i < y.length; i++) { const wi = w ? w[i] : 1; sw += wi; sy += wi * y[i]; }
  const mean = sy / sw;
  let num = 0, den = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i] : 1;
    num += wi * (y[i] - pred[i]) ** 2;
    den += wi * (y[i] - mean) ** 2;
  }
  if (den === 0) return num === 0 ? 1 : 0;
  return 1 - num / den;
}
