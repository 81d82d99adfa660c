// statsmodels' OLS / WLS results for a fitted LinearRegression.

import type { LinearRegression } from '../solver/linear-regression.js';
import { checkOptions, describe } from '../validate.js';
import { fSurvival, tQuantile, tTwoSided } from './distributions.js';

/** Options of {@link summary}. */
export interface SummaryOptions {
  /** Confidence level of the intervals, in (0, 1). Default 0.95. */
  level?: number;
}

/**
 * The statsmodels OLS table. Arrays are ordered intercept first (when fitted), then the
 * coefficients; `names` says which is which ('const', then the feature names).
 */
export interface Summary {
  /** Parameter names: 'const' (with an intercept), then the feature names. */
  names: string[];
  /** Estimated parameters (statsmodels' params): intercept first, then the coefficients. */
  params: Float64Array;
  /** Standard errors √(σ²·[(AᵀA)⁺]ⱼⱼ), σ² = SSE / dfResidual (statsmodels' bse). */
  standardErrors: Float64Array;
  /** t statistics params / standardErrors, for H₀: parameter = 0. */
  tValues: Float64Array;
  /** Two-sided p-values P(|T| ≥ |t|) of the t statistics, T ~ Student's t with dfResidual degrees of freedom. */
  pValues: Float64Array;
  /** [lower, upper] per parameter at `level`. */
  confidenceIntervals: [number, number][];
  /** Confidence level of the intervals (default 0.95). */
  level: number;
  /** Centred R² with an intercept; uncentred (about 0) without, as statsmodels and NIST. */
  rSquared: number;
  /** R² adjusted for the number of parameters: 1 − (nobs − k)/dfResidual · (1 − R²), k = 1 with an intercept. */
  adjustedRSquared: number;
  /** F statistic of the regression against the intercept-only (or zero) model. */
  fStatistic: number;
  /** P(F ≥ fStatistic) with (dfModel, dfResidual) degrees of freedom. */
  fPValue: number;
  /** σ̂ = √(SSE / dfResidual). */
  residualStandardError: number;
  /** Number of observations: the rows of X. */
  nobs: number;
  /** Model degrees of freedom: rank minus the intercept. */
  dfModel: number;
  /** Residual degrees of freedom: nobs − rank. */
  dfResidual: number;
  /** Gaussian log-likelihood at the fit (weighted: statsmodels' WLS llf). */
  logLikelihood: number;
  /** Akaike's information criterion −2·logLikelihood + 2·(dfModel + intercept). */
  aic: number;
  /** Bayesian information criterion −2·logLikelihood + log(nobs)·(dfModel + intercept). */
  bic: number;
  /** σ_max/σ_min of the design [1 | X] (weighted), statsmodels' condition_number. */
  conditionNumber: number;
  /** Rank of the design including the intercept column. */
  rank: number;
  /** The fit's warnings (rank deficiency). */
  warnings: string[];
}

/**
 * statsmodels-equivalent statistics of a fitted model: standard errors from σ²·(AᵀA)⁺ (refined
 * in double-double on the QR path), t and F tests, intervals, R², likelihood and criteria.
 * @throws NotFittedError before fit; RangeError for a level outside (0, 1).
 * @example
 * import { summary } from 'linreg-wasm/stats';
 * const s = summary(new LinearRegression().fit(X, y));
 * s.pValues; // Float64Array, intercept first
 */
export function summary(model: LinearRegression, options?: SummaryOptions): Summary {
  const level = checkLevel(options);
  const st = model.fitStats;
  const q = st.params.length, k = st.hasIntercept ? 1 : 0;
  const dfResidual = st.nobs - st.rank, dfModel = st.rank - k;
  const scale = st.sse / dfResidual;
  const se = new Float64Array(q), tv = new Float64Array(q), pv = new Float64Array(q);
  const crit = tQuantile(1 - (1 - level) / 2, dfResidual);
  const ci: [number, number][] = [];
  for (let j = 0; j < q; j++) {
    se[j] = Math.sqrt(st.normInv[j * q + j] * scale);
    tv[j] = st.params[j] / se[j];
    pv[j] = tTwoSided(tv[j], dfResidual);
    ci.push([st.params[j] - crit * se[j], st.params[j] + crit * se[j]]);
  }
  const rSquared = 1 - st.sse / st.sst;
  const fStatistic = ((st.sst - st.sse) / dfModel) / scale;
  const half = st.nobs / 2;
  const logLikelihood = -Math.log(st.sse) * half - (1 + Math.log(Math.PI / half)) * half + 0.5 * st.sumLogWeights;
  const kParams = dfModel + k;
  return {
    names: st.names.slice(), params: st.params.slice(), standardErrors: se, tValues: tv, pValues: pv,
    confidenceIntervals: ci, level, rSquared,
    adjustedRSquared: 1 - ((st.nobs - k) / dfResidual) * (1 - rSquared),
    fStatistic, fPValue: fSurvival(fStatistic, dfModel, dfResidual),
    residualStandardError: Math.sqrt(scale), nobs: st.nobs, dfModel, dfResidual,
    logLikelihood, aic: -2 * logLikelihood + 2 * kParams, bic: -2 * logLikelihood + Math.log(st.nobs) * kParams,
    conditionNumber: st.conditionNumber, rank: st.rank, warnings: model.warnings.slice(),
  };
}

/** @internal The confidence level from options (default 0.95). */
export function checkLevel(options: unknown): number {
  const opts = checkOptions<SummaryOptions>('options', options, ['level']);
  if (opts.level === undefined) return 0.95;
  const level = opts.level;
  if (typeof level !== 'number') throw new TypeError(`level must be a number in (0, 1) such as 0.95, got ${describe(level)}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), a confidence level such as 0.95, got ${level}`);
  return level;
}
