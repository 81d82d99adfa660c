// statsmodels' OLS / WLS results for a fitted LinearRegression.

import type { LinearRegression } from '../solver/linear-regression.js';
import type { FitStats } from '../solver/fit-stats.js';
import { jacobiSvd } from '../solver/dense.js';
import { checkEnvelope, checkOptions, describe } from '../validate.js';
import { chi2Survival, fSurvival, normalQuantile, normalTwoSided, tQuantile, tTwoSided } from './distributions.js';
import { jarqueBera, omnibus } from './diagnostics.js';
import { formatSummary } from './format.js';
import { log } from './special/libm.js'; // Math.log rounds differently in different engines

/**
 * Covariance of the parameters: 'nonrobust' is σ²·(AᵀA)⁺; 'HC0'…'HC3' are White's
 * heteroskedasticity-consistent sandwiches (statsmodels' cov_type), which need a fit with
 * `{ statistics: 'full' }`.
 */
export type CovType = 'nonrobust' | 'HC0' | 'HC1' | 'HC2' | 'HC3';

/** Options of {@link summary}. */
export interface SummaryOptions {
  /** Confidence level of the intervals, in (0, 1). Default 0.95. */
  level?: number;
  /** Covariance of the parameters. Default: the fit's `covType` ('nonrobust' unless chosen at fit). */
  covType?: CovType;
}

/**
 * The statsmodels OLS table. Arrays are ordered intercept first (when fitted), then the
 * coefficients; `names` says which is which ('const', then the feature names).
 */
export interface Summary {
  /** statsmodels' printed table ('OLS Regression Results'); see docs/statistics.md. */
  toString(): string;
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
  /** Name of the dependent variable (the fit's `targetName`, default 'y'). */
  dependentVariable: string;
  /** 'WLS' for a fit with sample weights, else 'OLS'. */
  model: 'OLS' | 'WLS';
  /** Covariance behind standardErrors, tValues, pValues and the intervals. */
  covType: CovType;
  /**
   * Reference distribution of the tests and intervals: 't' (Student, dfResidual) for 'nonrobust',
   * 'normal' for HC0–HC3, as statsmodels does unless use_t is set.
   */
  distribution: 't' | 'normal';
  /**
   * Whether the model has a constant: the intercept, or (fitIntercept false) a constant the
   * columns span, as statsmodels detects it (k_constant). R², F and dfModel are then centred.
   */
  hasConstant: boolean;
  /** Durbin–Watson statistic of the (weighted) residuals; null unless fitted with `{ statistics: 'full' }`. */
  durbinWatson: number | null;
  /** D'Agostino–Pearson omnibus K² of the residuals (scipy.stats.normaltest); null unless full statistics. */
  omnibus: number | null;
  /** P(χ²₂ ≥ omnibus). */
  omnibusPValue: number | null;
  /** Skewness of the residuals (biased, scipy.stats.skew). */
  skew: number | null;
  /** Kurtosis of the residuals (Pearson's, 3 for normal data). */
  kurtosis: number | null;
  /** Jarque–Bera statistic n/6·(S² + (K − 3)²/4). */
  jarqueBera: number | null;
  /** P(χ²₂ ≥ jarqueBera). */
  jarqueBeraPValue: number | null;
}

/**
 * statsmodels-equivalent statistics of a fitted model: standard errors from σ²·(AᵀA)⁺ (refined
 * in double-double on the QR path) or White's HC0–HC3 sandwich, t (or z) and F tests, intervals,
 * R², likelihood, criteria and, for a fit with `{ statistics: 'full' }`, the residual diagnostics.
 * `String(s)` prints statsmodels' table; `JSON.stringify(s)` and {@link Summary.fromJSON} round-trip.
 * @throws NotFittedError before fit; RangeError for a level outside (0, 1) or an HC2/HC3 covariance
 *   that a leverage of 1 makes undefined; TypeError for an unknown covType, or an HC covariance of a
 *   fit without `{ statistics: 'full' }`.
 * @example
 * import { summary } from 'linreg-wasm/stats';
 * const s = summary(new LinearRegression().fit(X, y));
 * s.pValues; // Float64Array, intercept first
 * console.log(String(s)); // the table
 */
export function summary(model: LinearRegression, options?: SummaryOptions): Summary {
  const { level, covType } = checkSummaryOptions(options);
  const st = model.fitStats;
  const q = st.params.length, k = st.hasConstant ? 1 : 0, robust = covType !== 'nonrobust';
  const dfResidual = st.nobs - st.rank, dfModel = st.rank - k;
  const scale = st.sse / dfResidual;
  const cov = robust ? robustCovariance(st, covType, dfResidual) : st.normInv.map((t) => t * scale);
  const se = new Float64Array(q), tv = new Float64Array(q), pv = new Float64Array(q);
  const crit = robust ? normalQuantile(1 - (1 - level) / 2) : tQuantile(1 - (1 - level) / 2, dfResidual);
  const ci: [number, number][] = [];
  for (let j = 0; j < q; j++) {
    se[j] = Math.sqrt(cov[j * q + j]);
    tv[j] = st.params[j] / se[j];
    pv[j] = robust ? normalTwoSided(tv[j]) : tTwoSided(tv[j], dfResidual);
    ci.push([st.params[j] - crit * se[j], st.params[j] + crit * se[j]]);
  }
  const rSquared = 1 - st.sse / st.sst;
  const warnings = model.warnings.slice();
  const [fStatistic, dfF] = robust ? waldF(st, cov, warnings) : [((st.sst - st.sse) / dfModel) / scale, dfModel];
  const half = st.nobs / 2;
  const logLikelihood = -log(st.sse) * half - (1 + log(Math.PI / half)) * half + 0.5 * st.sumLogWeights;
  const r = st.residuals, n = st.nobs;
  const om = r?.skew == null ? null : omnibus(r.skew, r.kurtosis!, n);
  const jb = r?.skew == null ? null : jarqueBera(r.skew, r.kurtosis!, n);
  // scipy warns here too: its kurtosis test assumes n ≥ 20, and the omnibus needs 8 residuals
  if (r?.skew != null && n < 20) warnings.push(n < 8 ? `The omnibus test needs at least 8 residuals (${n} here): it is left out` : `The omnibus test's kurtosis part is only valid for n ≥ 20 (n = ${n}): read Prob(Omnibus) with care`);
  return new Summary({
    names: st.names.slice(), params: st.params.slice(), standardErrors: se, tValues: tv, pValues: pv,
    confidenceIntervals: ci, level, rSquared,
    adjustedRSquared: 1 - ((st.nobs - k) / dfResidual) * (1 - rSquared),
    fStatistic, fPValue: fSurvival(fStatistic, dfF, dfResidual),
    residualStandardError: Math.sqrt(scale), nobs: st.nobs, dfModel, dfResidual,
    logLikelihood, aic: -2 * logLikelihood + 2 * st.rank, bic: -2 * logLikelihood + log(st.nobs) * st.rank,
    conditionNumber: st.conditionNumber, rank: st.rank, warnings,
    dependentVariable: st.targetName, model: st.weighted ? 'WLS' : 'OLS', covType,
    distribution: robust ? 'normal' : 't', hasConstant: st.hasConstant,
    durbinWatson: r?.durbinWatson ?? null, omnibus: om, omnibusPValue: om === null ? null : chi2Survival(om, 2),
    skew: r?.skew ?? null, kurtosis: r?.kurtosis ?? null,
    jarqueBera: jb, jarqueBeraPValue: jb === null ? null : chi2Survival(jb, 2),
  });
}

// White's sandwich K·Aᵀ·diag(s)·A·K (statsmodels' _HCCM), kept by the fit; HC1 is HC0·n/dfResidual.
function robustCovariance(st: FitStats, covType: Exclude<CovType, 'nonrobust'>, dfResidual: number): Float64Array {
  const r = st.residuals;
  if (!r) throw new TypeError(`covType '${covType}' needs every row's residual, which this fit did not keep: fit with { statistics: 'full' }`);
  const v = r.sandwiches[covType === 'HC2' ? 1 : covType === 'HC3' ? 2 : 0];
  if (!v) throw new RangeError(`covType '${covType}' is undefined for this fit: row ${r.leverageOneRow} has leverage 1 (the fit passes through it); use 'HC0' or 'HC1'`);
  const c = covType === 'HC1' ? st.nobs / dfResidual : 1;
  return v.map((t) => t * c);
}

// statsmodels' robust F: the Wald test that every parameter but the constant is 0, with
// pinv of the robust covariance, F = W/J on (J, dfResidual) degrees of freedom, J its rank. Undefined (NaN,
// as statsmodels, with a warning here) when the constant is implicit or there is nothing to test.
function waldF(st: FitStats, cov: Float64Array, warnings: string[]): [number, number] {
  const q = st.params.length, constant = st.hasIntercept ? 0 : st.constantColumn;
  const idx = [...st.params.keys()].filter((j) => j !== constant), J = idx.length;
  if ((st.hasConstant && constant === null) || !J) {
    warnings.push(`The F statistic is undefined for a robust covariance ${J ? 'with a constant spanned by the features (statsmodels gives nan too)' : 'of a model with no coefficient besides the constant'}`);
    return [NaN, Math.max(J, 1)];
  }
  const sub = Float64Array.from({ length: J * J }, (_, t) => cov[idx[Math.floor(t / J)] * q + idx[t % J]]);
  const { u, sigma, v } = jacobiSvd(sub, J), b = idx.map((j) => st.params[j]);
  let w = 0, rank = 0;
  for (let k = 0; k < J; k++) {
    if (!(sigma[k] > 1e-15 * sigma[0])) continue;
    let ub = 0, vb = 0;
    for (let i = 0; i < J; i++) { ub += u[i * J + k] * b[i]; vb += v[i * J + k] * b[i]; }
    w += (vb * ub) / sigma[k];
    rank++;
  }
  return [w / rank, rank];
}

const COV_TYPES: readonly string[] = ['nonrobust', 'HC0', 'HC1', 'HC2', 'HC3'];

/** @internal The confidence level (default 0.95) and covariance type (default 'nonrobust'). */
export function checkSummaryOptions(options: unknown): { level: number; covType: CovType } {
  const opts = checkOptions<SummaryOptions>('options', options, ['level', 'covType']);
  const covType = opts.covType ?? 'nonrobust';
  if (!COV_TYPES.includes(covType)) throw new TypeError(`covType must be one of ${COV_TYPES.map((c) => `'${c}'`).join(', ')}, got ${describe(covType)}`);
  return { level: checkLevel(opts.level), covType };
}

/** @internal A confidence level in (0, 1) (default 0.95). */
export function checkLevel(level: unknown): number {
  if (level === undefined) return 0.95;
  if (typeof level !== 'number') throw new TypeError(`level must be a number in (0, 1) such as 0.95, got ${describe(level)}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), a confidence level such as 0.95, got ${level}`);
  return level;
}

const FORMAT = 'linreg-wasm/Summary';
const ARRAYS = ['params', 'standardErrors', 'tValues', 'pValues'] as const;

/**
 * The statistics as values (the fields of {@link Summary}), with statsmodels' printed table as
 * `String(summary)` and a JSON form that {@link Summary.fromJSON} reads back to the same bits.
 */
export class Summary {
  /** @internal Made by summary(); fromJSON rebuilds one. */
  constructor(fields: Omit<Summary, 'toString' | 'toJSON'>) {
    Object.assign(this, fields);
  }

  toString(): string {
    return formatSummary(this);
  }

  /** Plain JSON: `{ format: 'linreg-wasm/Summary', version: 1, ...fields }`, arrays as lists, NaN and ±Infinity as strings. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { format: FORMAT, version: 1 };
    for (const [key, value] of Object.entries(this)) out[key] = plain(value);
    return out;
  }

  /**
   * A Summary from its {@link Summary.toJSON} output (parsed), every number to the same bits.
   * @throws TypeError when it is not a saved Summary or a field has the wrong kind; RangeError for another version.
   */
  static fromJSON(json: unknown): Summary {
    const j = checkEnvelope(json, FORMAT, 'not a saved Summary (expected format "linreg-wasm/Summary")', 'unsupported Summary format version');
    const { format: _f, version: _v, ...fields } = j;
    const names = fields.names;
    if (!Array.isArray(names) || names.some((t) => typeof t !== 'string')) throw new TypeError(`names must be a list of strings, got ${describe(names)}`);
    const q = names.length, revived = revive(fields, '') as Record<string, unknown>;
    for (const key of ARRAYS) revived[key] = Float64Array.from(list(revived[key], key, q) as number[]);
    list(revived.confidenceIntervals, 'confidenceIntervals', q).forEach((pair, i) => list(pair, `confidenceIntervals[${i}]`, 2));
    return new Summary(revived as unknown as Summary);
  }
}

function plain(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value as ArrayLike<unknown>, plain);
  return value;
}

// Numbers saved as 'NaN' / 'Infinity' / '-Infinity' come back as numbers; kinds are checked.
function revive(value: unknown, key: string): unknown {
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  if (Array.isArray(value)) return value.map((t, i) => revive(t, `${key}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, t]) => [k, revive(t, k)]));
  if (value !== null && !['number', 'string', 'boolean'].includes(typeof value)) throw new TypeError(`${key} must be a number, string or list, got ${describe(value)}`);
  return value;
}

function list(value: unknown, key: string, length: number): unknown[] {
  if (!Array.isArray(value) || value.length !== length) throw new TypeError(`${key} must be a list of ${length} numbers (one per parameter), got ${describe(value)}`);
  return value;
}
