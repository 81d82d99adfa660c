// Save and load a LinearRegression as plain JSON (the fitted numbers, nothing recomputed), so a
// loaded model predicts and summarises bit for bit as the saved one.

import type { Dependency } from './collinearity.js';
import type { FitStats } from './fit-stats.js';
import { warningsOf, type Fitted } from './fitted.js';
import type { LinearRegressionOptions } from './linear-regression.js';
import type { SolveMethod } from './solve.js';
import { describe } from '../validate.js';

/** The format name of {@link LinearRegressionJSON}. */
export const FORMAT = 'linreg-wasm/LinearRegression';

/**
 * A saved LinearRegression (`model.toJSON()`, version 1). Arrays are plain numbers; parameters
 * and (AᵀA)⁺ are ordered intercept first when `fitIntercept`.
 */
export interface LinearRegressionJSON {
  format: typeof FORMAT;
  version: 1;
  options: { fitIntercept: boolean; method: SolveMethod; rcond: number | null; warn: boolean };
  /** null for an estimator that was never fitted. */
  fitted: null | {
    featureNames: string[];
    coef: number[];
    intercept: number;
    rank: number;
    singularValues: number[];
    nullSpace: number[][];
    dependencies: Dependency[];
    methodUsed: 'qr' | 'normal';
    /** Rows, weighted SSE and total sum of squares, Σ log w: what summary() needs besides (AᵀA)⁺. */
    nobs: number; sse: number; sst: number; sumLogWeights: number;
    /** (AᵀA)⁺, q×q row-major (q = p + 1 with an intercept). */
    normInv: number[];
    /** σ_max/σ_min of the design; 'Infinity' or 'NaN' for a singular design. */
    conditionNumber: number | 'Infinity' | 'NaN';
  };
}

/** @internal The JSON of an estimator's options and fitted state. */
export function toJSON(options: LinearRegressionJSON['options'], s: Fitted | undefined): LinearRegressionJSON {
  if (!s) return { format: FORMAT, version: 1, options, fitted: null };
  const st = s.stats, cn = st.conditionNumber;
  return {
    format: FORMAT, version: 1, options,
    fitted: {
      featureNames: st.names.slice(st.hasIntercept ? 1 : 0), coef: Array.from(s.coef), intercept: s.intercept,
      rank: s.rank, singularValues: Array.from(s.singularValues), nullSpace: s.nullSpace.map((v) => v.slice()),
      dependencies: structuredCloneDeps(s.dependencies), methodUsed: s.method,
      nobs: st.nobs, sse: st.sse, sst: st.sst, sumLogWeights: st.sumLogWeights, normInv: Array.from(st.normInv),
      conditionNumber: Number.isFinite(cn) ? cn : (String(cn) as 'Infinity' | 'NaN'),
    },
  };
}

function structuredCloneDeps(deps: Dependency[]): Dependency[] {
  return deps.map((d) => ({ column: d.column, combination: d.combination.map((t) => ({ ...t })), constant: d.constant }));
}

/**
 * @internal The options (for the constructor to check) and the raw fitted part of a saved model.
 * @throws TypeError when it is not a saved LinearRegression; RangeError for another version.
 */
export function readSaved(json: unknown): { options: LinearRegressionOptions; fitted: unknown } {
  const j = json as LinearRegressionJSON;
  if (typeof j !== 'object' || j === null || j.format !== FORMAT) {
    throw new TypeError(`not a saved LinearRegression (expected format ${JSON.stringify(FORMAT)}), got ${describe(j)}`);
  }
  if (j.version !== 1) throw new RangeError(`unsupported LinearRegression format version ${describe(j.version)}; this build reads version 1`);
  const { rcond, ...rest } = object('options', j.options);
  return { options: rcond === null ? rest : { ...rest, rcond }, fitted: j.fitted };
}

/**
 * @internal The fitted state from its JSON, every field checked against the others.
 * @throws TypeError for wrong kinds; RangeError for inconsistent lengths or non-finite numbers.
 */
export function restore(json: unknown, intercept: boolean): Fitted {
  const f = object('fitted', json) as NonNullable<LinearRegressionJSON['fitted']>;
  const coef = numbers('coef', f.coef), p = coef.length, q = p + (intercept ? 1 : 0);
  if (p === 0) throw new RangeError('fitted.coef is empty: a fitted model has at least one feature');
  const names = strings('featureNames', f.featureNames, p);
  const rank = integer('rank', f.rank, 0, p);
  const singularValues = numbers('singularValues', f.singularValues, p);
  const nullSpace = list('nullSpace', f.nullSpace, p - rank).map((v, i) => Array.from(numbers(`nullSpace[${i}]`, v, p)));
  const normInv = numbers('normInv', f.normInv, q * q);
  const nobs = integer('nobs', f.nobs, 1, Infinity);
  const [sse, sst, sumLogWeights] = (['sse', 'sst', 'sumLogWeights'] as const).map((k) => finite(k, f[k]));
  if (sse < 0 || sst < 0) throw new RangeError(`fitted.sse and fitted.sst are sums of squares, got ${sse} and ${sst}`);
  const icpt = finite('intercept', f.intercept);
  if (!intercept && icpt !== 0) throw new RangeError(`fitted.intercept is ${icpt} but fitIntercept is false`);
  if (f.methodUsed !== 'qr' && f.methodUsed !== 'normal') throw new TypeError(`fitted.methodUsed must be 'qr' or 'normal', got ${describe(f.methodUsed)}`);
  const cn = f.conditionNumber === 'Infinity' ? Infinity : f.conditionNumber === 'NaN' ? NaN : finite('conditionNumber', f.conditionNumber);
  const deps = dependencyList(f.dependencies, p - rank);
  const stats: FitStats = {
    names: intercept ? ['const', ...names] : names, params: Float64Array.from(intercept ? [icpt, ...coef] : coef),
    hasIntercept: intercept, nobs, rank: rank + (intercept ? 1 : 0), sse, sst, sumLogWeights, normInv, conditionNumber: cn,
  };
  return {
    coef, intercept: icpt, rank, singularValues, dependencies: deps, nullSpace,
    warnings: warningsOf(rank, p, deps), method: f.methodUsed, stats,
  };
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
  const a = list(name, v, length ?? (Array.isArray(v) ? v.length : 0));
  return Float64Array.from(a, (t, i) => finite(`${name}[${i}]`, t));
}

function finite(name: string, t: unknown): number {
  if (typeof t !== 'number') throw new TypeError(`fitted.${name} must be a number, got ${describe(t)}`);
  if (!Number.isFinite(t)) throw new RangeError(`fitted.${name} is ${t}: a saved model holds finite numbers only`);
  return t;
}

function strings(name: string, v: unknown, length: number): string[] {
  const a = list(name, v, length);
  a.forEach((t, i) => { if (typeof t !== 'string') throw new TypeError(`fitted.${name}[${i}] must be a string, got ${describe(t)}`); });
  return a as string[];
}

function integer(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`fitted.${name} must be an integer in [${min}, ${max}], got ${describe(v)}`);
  }
  return v;
}

function dependencyList(v: unknown, maxLength: number): Dependency[] {
  if (!Array.isArray(v) || v.length > maxLength) throw new RangeError(`fitted.dependencies must be an array of at most ${maxLength} entries (p − rank), got ${describe(v)}`);
  return v.map((d, i) => {
    const o = object(`fitted.dependencies[${i}]`, d);
    if (typeof o.column !== 'string' || !Array.isArray(o.combination)) throw new TypeError(`fitted.dependencies[${i}] must be { column, combination, constant }`);
    const combination = o.combination.map((t, k) => {
      const term = object(`fitted.dependencies[${i}].combination[${k}]`, t);
      if (typeof term.column !== 'string') throw new TypeError(`fitted.dependencies[${i}].combination[${k}].column must be a string`);
      return { column: term.column, coef: finite(`dependencies[${i}].combination[${k}].coef`, term.coef) };
    });
    return { column: o.column, combination, constant: finite(`dependencies[${i}].constant`, o.constant) };
  });
}
