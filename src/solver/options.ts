// Shared argument checks of lstsq and LinearRegression (thrown before wasm is entered).

import { assertInputsFinite, borrowMatrix, type MatrixRef, type VectorRef } from '../memory/borrow.js';
import { Vector, flattenVector } from '../memory/vector.js';
import { checkAllFinite, checkFinite, describe, firstNonFinite } from '../validate.js';
import type { Solution, SolveMethod } from './solve.js';
import { LinAlgError } from '../errors.js';

/**
 * @internal rcond: undefined (null: the default rule, dependencies proved in double-double, see
 * rank.ts) or a finite number, the relative cutoff on singular values; a negative one means
 * machine precision ε, as in numpy (LAPACK's convention).
 */
export function checkRcond(value: unknown): number | null {
  if (value === undefined) return null;
  const v = checkFinite('rcond', value);
  return v < 0 ? Number.EPSILON : v;
}

/** @internal 'auto' | 'qr' | 'normal'. */
export function checkMethod(value: unknown): SolveMethod {
  if (value === undefined) return 'auto';
  if (value === 'auto' || value === 'qr' || value === 'normal') return value;
  throw new TypeError(`method must be 'auto', 'qr' or 'normal', got ${describe(value)}`);
}

/**
 * @internal Non-negative finite weights, one per row, not all zero (a copy; a Vector is read as it
 * is); a single number means that weight for every row, as scikit-learn.
 */
export function checkWeights(value: unknown, rows: number): Float64Array {
  if (typeof value === 'number') {
    const v = checkFinite('sampleWeight', value);
    if (!(v > 0)) throw new RangeError(`sampleWeight is ${v}: a single weight for every row must be > 0`);
    return new Float64Array(rows).fill(v);
  }
  const w = Float64Array.from(value instanceof Vector ? value.data : flattenVector(value, 'sampleWeight'));
  checkAllFinite('sampleWeight', w);
  if (w.length !== rows) throw new RangeError(`sampleWeight has ${w.length} values but X has ${rows} rows; give one weight per row`);
  let sum = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] < 0) throw new RangeError(`sampleWeight[${i}] is ${w[i]}: weights must be ≥ 0`);
    sum += w[i];
  }
  if (!(sum > 0)) throw new RangeError('sampleWeight sums to 0: at least one row needs a positive weight');
  return w;
}

/** @internal Optional low-order parts of a design (same shape), borrowed into wasm memory. */
export function borrowLow(name: string, value: unknown, A: MatrixRef): MatrixRef | null {
  if (value === undefined) return null;
  const lo = borrowMatrix(name, value);
  if (lo.rows !== A.rows || lo.cols !== A.cols) {
    lo.release();
    throw new RangeError(`${name} is ${lo.rows}×${lo.cols} but the design is ${A.rows}×${A.cols}; it must have the same shape`);
  }
  return lo;
}

/**
 * @internal After a solve: when the answer (x, the SSE, the singular values if computed, or
 * `extra` sums) is not finite, throws a RangeError naming the first NaN/±Infinity among the inputs
 * (zero-copy matrices are not scanned before the solve), or a LinAlgError when the inputs are all
 * finite and their magnitudes overflowed or underflowed in the fit.
 */
export function checkAnswerFinite(
  sol: Solution, inputs: [string, MatrixRef | VectorRef | null][], extra: number[] = [],
): void {
  const f = sol.factor;
  const sigmaOk = f.kappaBound < Infinity || f.svd.sigma.every(Number.isFinite);
  if (Number.isFinite(sol.sse) && firstNonFinite(sol.x) < 0 && sigmaOk && firstNonFinite(extra) < 0) return;
  assertInputsFinite(inputs);
  const sizes: string[] = [];
  for (const [name, ref] of inputs) {
    if (!ref) continue;
    const data = ref.data();
    let big = 0, small = Infinity;
    for (const v of data) { const a = Math.abs(v); if (a > big) big = a; if (a > 0 && a < small) small = a; }
    const fmt = (v: number) => String(Number(v.toPrecision(3)));
    sizes.push(`${name} from ${fmt(small === Infinity ? 0 : small)} to ${fmt(big)} in magnitude`);
  }
  throw new LinAlgError(`the least-squares fit overflowed or underflowed double precision although the data are finite (${sizes.join(', ')}): `
    + 'rescale the columns and the targets to moderate sizes (e.g. divide by a power of 10) and scale the coefficients back');
}

// Default names per (prefix, n, first), shared: callers never modify them.
const namesCache = new Map<string, string[]>();
function defaultNames(prefix: string, n: number, first: number): string[] {
  const key = `${prefix}:${n}:${first}`;
  let names = namesCache.get(key);
  if (!names) {
    names = Array.from({ length: n }, (_, j) => `${prefix}${j + first}`);
    if (namesCache.size < 64) namesCache.set(key, names);
  }
  return names;
}

/**
 * @internal Column names: `value` (an array of n strings) or `prefix` + index from `first`.
 * @throws TypeError naming `name` and the `design` the names are for.
 */
export function checkNames(name: string, value: unknown, n: number, design: string, prefix: string, first: number): string[] {
  if (value === undefined) return defaultNames(prefix, n, first);
  if (!Array.isArray(value) || value.length !== n || !value.every((s) => typeof s === 'string')) {
    throw new TypeError(`${name} must be an array of ${n} strings, one per column of ${design}`);
  }
  return value as string[];
}

/** @internal fit's `statistics`: true for 'full'. */
export function checkStatistics(value: unknown): boolean {
  if (value === undefined || value === 'basic') return false;
  if (value === 'full') return true;
  throw new TypeError(`statistics must be 'basic' or 'full', got ${describe(value)}`);
}

/** @internal A name that must be a string. */
export function checkName(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${describe(value)}`);
  return value;
}
