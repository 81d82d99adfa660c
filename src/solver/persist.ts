// Save and load a LinearRegression as plain JSON (the fitted numbers, nothing refitted), so a
// loaded model predicts and summarises bit for bit as the saved one.

import { dependencies } from './collinearity.js';
import { warningsOf, type Fitted } from './fitted.js';
import { designNullSpace, projectOut } from './fit-stats.js';
import type { LinearRegressionOptions } from './linear-regression.js';
import type { SolveMethod } from './solve.js';
import { checkEnvelope, describe } from '../validate.js';
import type { ResidualStats } from './residual-stats.js';
import type { Partial } from './partial.js';
import { stateToJSON, type SavedState } from './state-io.js';

const FORMAT = 'linreg-wasm/LinearRegression';

/**
 * A saved LinearRegression (`model.toJSON()`, version 1). Arrays are plain numbers; parameters
 * and (AᵀA)⁺ are ordered intercept first when `fitIntercept`.
 */
export interface LinearRegressionJSON {
  format: 'linreg-wasm/LinearRegression';
  version: 1;
  options: { fitIntercept: boolean; method: SolveMethod; rcond: number | null; warn: boolean };
  /** null for an estimator that was never fitted; one entry per target for a fit to a matrix Y. */
  fitted: null | SavedFit | SavedFit[];
  /** The mergeable state of partialFit / merge / fitStream (absent or null otherwise). */
  partial?: SavedState | null;
}

/** The fitted numbers of one target in a {@link LinearRegressionJSON}. */
export interface SavedFit {
    featureNames: string[];
    coef: number[];
    intercept: number;
    rank: number;
    singularValues: number[];
    /** p − rank vectors of length p; with featureMeans they give the dependencies. */
    nullSpace: number[][];
    /** Weighted means of the features (zeros without an intercept). */
    featureMeans: number[];
    /** Norms of the centred (weighted) features, the units the dependencies are read in (optional). */
    featureScales?: number[];
    methodUsed: 'qr' | 'normal';
    /** Rows, weighted SSE and total sum of squares, Σ log w: what summary() needs besides (AᵀA)⁺. */
    nobs: number; sse: number; sst: number; sumLogWeights: number;
    /** (AᵀA)⁺, q×q row-major (q = p + 1 with an intercept). */
    normInv: number[];
    /** σ_max/σ_min of the design; 'Infinity' or 'NaN' for a singular design. */
    conditionNumber: number | 'Infinity' | 'NaN';
    /** A constant in the model: the intercept, or one X spans (then sst is centred). Default fitIntercept. */
    hasConstant?: boolean;
    /** Without intercept: the column of X that is the constant, if one is (statsmodels' const_idx). */
    constantColumn?: number | null;
    /** Fitted with sample weights (WLS). Default false. */
    weighted?: boolean;
    /** Name of the dependent variable. Default 'y'. */
    targetName?: string;
    /** What a fit with { statistics: 'full' } kept from the rows (the HC sandwiches are q×q row-major). */
    residuals?: SavedResiduals | null;
}

/** The residual statistics in a {@link SavedFit}. */
export interface SavedResiduals {
  durbinWatson: number | null; skew: number | null; kurtosis: number | null;
  sandwiches: [number[], number[] | null, number[] | null]; leverageOneRow: number;
}
type Saved = SavedFit;

/** @internal The JSON of an estimator's options and fitted state (one per target, or none). */
export function toJSON(options: LinearRegressionJSON['options'], s: Fitted | Fitted[] | undefined, partial?: Partial): LinearRegressionJSON {
  const json: LinearRegressionJSON = { format: FORMAT, version: 1, options, fitted: !s ? null : Array.isArray(s) ? s.map(saveFit) : saveFit(s) };
  if (partial) json.partial = stateToJSON(partial);
  return json;
}

function saveFit(s: Fitted): SavedFit {
  const st = s.stats, cn = st.conditionNumber;
  return {
      featureNames: st.names.slice(st.hasIntercept ? 1 : 0), coef: Array.from(s.coef), intercept: s.intercept,
      rank: s.rank, singularValues: Array.from(s.singularValues), nullSpace: s.nullSpace.map((v) => v.slice()),
      featureMeans: Array.from(s.means), featureScales: Array.from(s.scales), methodUsed: s.method,
      nobs: st.nobs, sse: st.sse, sst: st.sst, sumLogWeights: st.sumLogWeights, normInv: Array.from(st.normInv),
      conditionNumber: Number.isFinite(cn) ? cn : (String(cn) as 'Infinity' | 'NaN'),
      hasConstant: st.hasConstant, constantColumn: st.constantColumn, weighted: st.weighted, targetName: st.targetName,
      residuals: st.residuals && { ...st.residuals, sandwiches: st.residuals.sandwiches.map((m) => m && Array.from(m)) as SavedResiduals['sandwiches'] },
  };
}

/**
 * @internal The options (for the constructor to check) and the raw fitted part of a saved model.
 * @throws TypeError when it is not a saved LinearRegression; RangeError for another version.
 */
export function readSaved(json: unknown): { options: LinearRegressionOptions; fitted: unknown; partial: unknown } {
  const j = checkEnvelope(json, FORMAT, `not a saved LinearRegression (expected format "${FORMAT}")`, 'unsupported LinearRegression format version');
  const { rcond, ...rest } = object('options', j.options);
  return { options: rcond === null ? rest : { ...rest, rcond }, fitted: j.fitted, partial: j.partial ?? null };
}

/**
 * @internal The fitted state from its JSON, every field checked against the others.
 * @throws TypeError for wrong kinds; RangeError for inconsistent lengths or non-finite numbers.
 */
export function restore(json: unknown, intercept: boolean): Fitted {
  const f = object('fitted', json) as unknown as Saved;
  const coef = numbers('coef', f.coef), p = coef.length, k = intercept ? 1 : 0;
  if (p === 0) throw new RangeError('fitted.coef is empty: a fitted model has at least one feature');
  const names = list('featureNames', f.featureNames, p) as string[];
  names.forEach((t, i) => { if (typeof t !== 'string') throw new TypeError(`fitted.featureNames[${i}] must be a string, got ${describe(t)}`); });
  const rank = f.rank;
  if (!Number.isInteger(rank) || rank < 0 || rank > p) throw new RangeError(`fitted.rank must be an integer in [0, ${p}], got ${describe(rank)}`);
  const nullSpace = list('nullSpace', f.nullSpace, p - rank).map((v, i) => Array.from(numbers(`nullSpace[${i}]`, v, p)));
  const means = numbers('featureMeans', f.featureMeans, p);
  const scales = f.featureScales === undefined ? new Float64Array(p).fill(1) : numbers('featureScales', f.featureScales, p);
  const [icpt, sse, sst, sumLogWeights] = (['intercept', 'sse', 'sst', 'sumLogWeights'] as const).map((n) => finite(n, f[n]));
  if (sse < 0 || sst < 0) throw new RangeError(`fitted.sse and fitted.sst are sums of squares, got ${sse} and ${sst}`);
  if (!k && icpt !== 0) throw new RangeError(`fitted.intercept is ${icpt} but fitIntercept is false`);
  if (!Number.isInteger(f.nobs) || f.nobs < 1) throw new RangeError(`fitted.nobs must be an integer ≥ 1, got ${describe(f.nobs)}`);
  if (f.methodUsed !== 'qr' && f.methodUsed !== 'normal') throw new TypeError(`fitted.methodUsed must be 'qr' or 'normal', got ${describe(f.methodUsed)}`);
  const cn = f.conditionNumber;
  const deps = rank < p ? dependencies(nullSpace, names, k ? means : undefined, undefined, scales) : [];
  return {
    coef, intercept: icpt, rank, singularValues: numbers('singularValues', f.singularValues, p), means, scales, dependencies: deps, nullSpace,
    warnings: warningsOf(rank, p, deps), method: f.methodUsed,
    stats: {
      names: k ? ['const', ...names] : names, params: projectOut(k ? [icpt, ...coef] : coef, designNullSpace(nullSpace, means, k)), hasIntercept: !!k,
      nobs: f.nobs, rank: rank + k, sse, sst, sumLogWeights, normInv: numbers('normInv', f.normInv, (p + k) ** 2),
      conditionNumber: cn === 'Infinity' || cn === 'NaN' ? Number(cn) : finite('conditionNumber', cn),
      hasConstant: f.hasConstant === undefined ? !!k : flag('hasConstant', f.hasConstant),
      constantColumn: f.constantColumn == null ? null : index('constantColumn', f.constantColumn, p),
      weighted: f.weighted === undefined ? false : flag('weighted', f.weighted),
      targetName: f.targetName === undefined ? 'y' : text('targetName', f.targetName),
      residuals: f.residuals == null ? null : residuals(f.residuals, (p + k) ** 2),
    },
  };
}

function residuals(json: unknown, qq: number): ResidualStats {
  const r = object('fitted.residuals', json) as unknown as SavedResiduals;
  const orNull = (name: string, t: unknown) => (t === null ? null : finite(`residuals.${name}`, t));
  const sandwiches = list('residuals.sandwiches', r.sandwiches, 3).map((m, i) => (m === null && i > 0 ? null : numbers(`residuals.sandwiches[${i}]`, m, qq)));
  const row = r.leverageOneRow;
  if (!Number.isInteger(row) || row < -1) throw new RangeError(`fitted.residuals.leverageOneRow must be an integer ≥ −1, got ${describe(row)}`);
  return {
    durbinWatson: orNull('durbinWatson', r.durbinWatson), skew: orNull('skew', r.skew), kurtosis: orNull('kurtosis', r.kurtosis),
    sandwiches: sandwiches as ResidualStats['sandwiches'], leverageOneRow: row,
  };
}

function index(name: string, t: unknown, p: number): number {
  if (!Number.isInteger(t) || (t as number) < 0 || (t as number) >= p) throw new RangeError(`fitted.${name} must be a column index in [0, ${p}), got ${describe(t)}`);
  return t as number;
}

function flag(name: string, t: unknown): boolean {
  if (typeof t !== 'boolean') throw new TypeError(`fitted.${name} must be true or false, got ${describe(t)}`);
  return t;
}

function text(name: string, t: unknown): string {
  if (typeof t !== 'string') throw new TypeError(`fitted.${name} must be a string, got ${describe(t)}`);
  return t;
}

function object(name: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`${name} must be an object in a saved LinearRegression, got ${describe(v)}`);
  return v as Record<string, unknown>;
}

function list(name: string, v: unknown, length: number): unknown[] {
  if (!Array.isArray(v)) throw new TypeError(`fitted.${name} must be an array, got ${describe(v)}`);
  if (v.length !== length) throw new RangeError(`fitted.${name} has ${v.length} entries but the model needs ${length}`);
  return v;
}

// Finite numbers, `length` of them (any length when undefined).
function numbers(name: string, v: unknown, length?: number): Float64Array {
  return Float64Array.from(list(name, v, length ?? (v as unknown[])?.length), (t, i) => finite(`${name}[${i}]`, t));
}

function finite(name: string, t: unknown): number {
  if (typeof t !== 'number') throw new TypeError(`fitted.${name} must be a number, got ${describe(t)}`);
  if (!Number.isFinite(t)) throw new RangeError(`fitted.${name} is ${t}: a saved model holds finite numbers only`);
  return t;
}
