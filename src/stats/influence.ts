// Influence of observations on a fitted model, as statsmodels' OLSInfluence: leverage,
// studentized residuals, Cook's distance and DFFITS.

import type { LinearRegression } from '../solver/linear-regression.js';
import { assertInputsFinite, borrowMatrix, borrowVector, type MatrixInput, type VectorInput } from '../memory/borrow.js';
import { checkOptions, checkShapes } from '../validate.js';
import { checkWeights } from '../solver/options.js';
import { fSurvival } from './distributions.js';

/** Per-row influence measures (statsmodels' OLSInfluence names in parentheses). */
export interface Influence {
  /** Leverage h = aᵀ·(AᵀA)⁺·a of each row a = [1, x] (hat_matrix_diag). */
  leverage: Float64Array;
  /** Residuals y − ŷ, weighted √w·(y − ŷ) for a weighted fit (resid). */
  residuals: Float64Array;
  /** e / (σ̂·√(1 − h)), σ̂² the fit's residual variance (resid_studentized_internal). */
  studentizedInternal: Float64Array;
  /** e / (σ̂₍ᵢ₎·√(1 − h)), σ̂₍ᵢ₎² the variance without the row (resid_studentized_external). */
  studentizedExternal: Float64Array;
  /** Cook's distance r²/k · h/(1 − h), r the internal studentized residual, k the number of parameters (cooks_distance[0]). */
  cooksDistance: Float64Array;
  /** P(F(k, dfResidual) ≥ Cook's distance) (cooks_distance[1]). */
  cooksPValue: Float64Array;
  /** External studentized residual · √(h/(1 − h)) (dffits[0]). */
  dffits: Float64Array;
  /** 2·√(k/nobs): |DFFITS| above it marks an influential row (dffits[1]). */
  dffitsThreshold: number;
  /** Rows whose measures are undefined (leverage 1: the fit passes through them), named. */
  warnings: string[];
}

/** Options of {@link influence}. */
export interface InfluenceOptions {
  /** The rows' weights, for a model fitted with sample weights (and only then). */
  sampleWeight?: VectorInput | number;
}

/**
 * Leverage, studentized residuals, Cook's distance and DFFITS of the rows (X, y) under a fitted
 * model. On the fitting data they equal statsmodels' OLSInfluence; on other rows the same
 * formulas use the fit's σ̂² and SSE (the "without the row" reading then no longer applies).
 * For a weighted fit they are OLSInfluence's formulas on the whitened rows √w·[1, x], √w·y
 * (statsmodels 0.13 offers no influence for WLS): residuals are then √w·(y − ŷ).
 * @throws NotFittedError before fit; RangeError for mismatched shapes, a wrong column count or
 *   NaN/±Infinity; TypeError for a model fitted to several targets.
 * @example
 * const inf = model.influence(X, y);
 * inf.cooksDistance.findIndex((d) => d > 1); // an influential row, or −1
 */
export function influence(model: LinearRegression, X: MatrixInput, y: VectorInput, options?: InfluenceOptions): Influence {
  const st = model.fitStats;
  const opts = checkOptions<InfluenceOptions>('influence', options, ['sampleWeight']);
  const refX = borrowMatrix('X', X);
  const refY = borrowVector('y', y);
  try {
    checkShapes('X', refX, refY, 'y');
    assertInputsFinite([['X', refX], ['y', refY]]);
    if (st.weighted !== (opts.sampleWeight !== undefined)) {
      throw new TypeError(st.weighted ? 'the model was fitted with sample weights: pass the rows\' weights as { sampleWeight }' : 'the model was fitted without sample weights: leave out sampleWeight');
    }
    const w = opts.sampleWeight === undefined ? null : checkWeights(opts.sampleWeight, refX.rows);
    const pred = model.predict(X) as Float64Array;
    const n = refX.rows, p = refX.cols, k0 = st.hasIntercept ? 1 : 0, q = p + k0, K = st.normInv;
    const dfResidual = st.nobs - st.rank, scale = st.sse / dfResidual;
    const data = refX.data(), yv = refY.data(), a = new Float64Array(q);
    const out = {
      leverage: new Float64Array(n), residuals: new Float64Array(n), studentizedInternal: new Float64Array(n),
      studentizedExternal: new Float64Array(n), cooksDistance: new Float64Array(n), cooksPValue: new Float64Array(n),
      dffits: new Float64Array(n), dffitsThreshold: 2 * Math.sqrt(q / st.nobs), warnings: [] as string[],
    };
    const undefinedRows: number[] = [];
    for (let i = 0; i < n; i++) {
      a[0] = 1;
      for (let j = 0; j < p; j++) a[j + k0] = data[i * p + j];
      const wi = w ? w[i] : 1;
      let h = 0;
      for (let r = 0; r < q; r++) for (let c = 0; c < q; c++) h += a[r] * K[r * q + c] * a[c];
      h *= wi;
      const e = (yv[i] - pred[i]) * Math.sqrt(wi), rest = 1 - h;
      if (!(rest > 1e-12)) undefinedRows.push(i);
      const internal = e / Math.sqrt(scale * rest);
      const external = e / Math.sqrt(((st.sse - (e * e) / rest) / (dfResidual - 1)) * rest);
      const cook = ((internal * internal) / q) * (h / rest);
      out.leverage[i] = h; out.residuals[i] = e;
      out.studentizedInternal[i] = internal; out.studentizedExternal[i] = external;
      out.cooksDistance[i] = cook; out.cooksPValue[i] = fSurvival(cook, q, dfResidual);
      out.dffits[i] = external * Math.sqrt(h / rest);
    }
    if (undefinedRows.length) {
      out.warnings.push(`row${undefinedRows.length > 1 ? 's' : ''} ${undefinedRows.slice(0, 10).join(', ')}${undefinedRows.length > 10 ? ', …' : ''} ha${undefinedRows.length > 1 ? 've' : 's'} leverage 1 (the fit passes through it): studentized residuals, Cook's distance and DFFITS are NaN or ±Infinity there`);
    }
    return out;
  } finally {
    refY.release();
    refX.release();
  }
}
