// Confidence intervals for the mean and prediction intervals for new observations.

import type { LinearRegression } from '../solver/linear-regression.js';
import type { MatrixInput } from '../memory/borrow.js';
import { borrowMatrix } from '../memory/borrow.js';
import { tQuantile } from './distributions.js';
import { checkOptions } from '../validate.js';
import { checkLevel } from './summary.js';

/** Intervals at new points, as statsmodels' get_prediction(X).summary_frame(alpha). */
export interface PredictionIntervals {
  /** Predicted means ŷ. */
  mean: Float64Array;
  /** Standard errors of the mean, √(xᵀ·Cov·x). */
  meanSe: Float64Array;
  /** Confidence interval for the mean at each row: ŷ ± t·se, lower end. */
  meanLower: Float64Array;
  /** Upper end of the confidence interval for the mean. */
  meanUpper: Float64Array;
  /** Interval for a new observation: ŷ ± t·√(se² + σ²), lower end. */
  obsLower: Float64Array;
  /** Upper end of the interval for a new observation. */
  obsUpper: Float64Array;
  /** Confidence level of the intervals (default 0.95). */
  level: number;
}

/**
 * Confidence and prediction intervals at the rows of X (n×p, the fitted features).
 * @throws NotFittedError before fit; RangeError for a wrong column count or a level outside (0, 1).
 * @example
 * const { mean, obsLower, obsUpper } = predictInterval(model, [[2.5]], { level: 0.9 });
 */
export function predictInterval(model: LinearRegression, X: MatrixInput, options?: { level?: number }): PredictionIntervals {
  const level = checkLevel(checkOptions<{ level?: number }>('options', options, ['level']).level);
  const st = model.fitStats;
  const mean = model.predict(X);
  const ref = borrowMatrix('X', X);
  try {
    const data = ref.data(), p = ref.cols, q = st.params.length, k = st.hasIntercept ? 1 : 0;
    const df = st.nobs - st.rank, scale = st.sse / df;
    const crit = tQuantile(1 - (1 - level) / 2, df);
    const n = ref.rows;
    const out = { mean, meanSe: new Float64Array(n), meanLower: new Float64Array(n), meanUpper: new Float64Array(n), obsLower: new Float64Array(n), obsUpper: new Float64Array(n), level };
    const a = new Float64Array(q);
    for (let i = 0; i < n; i++) {
      if (k) a[0] = 1;
      for (let j = 0; j < p; j++) a[j + k] = data[i * p + j];
      let v = 0;
      for (let r = 0; r < q; r++) for (let c = 0; c < q; c++) v += a[r] * st.normInv[r * q + c] * a[c];
      const se = Math.sqrt(v * scale), obs = Math.sqrt(v * scale + scale);
      out.meanSe[i] = se;
      out.meanLower[i] = mean[i] - crit * se; out.meanUpper[i] = mean[i] + crit * se;
      out.obsLower[i] = mean[i] - crit * obs; out.obsUpper[i] = mean[i] + crit * obs;
    }
    return out;
  } finally {
    ref.release();
  }
}
