// Shared helpers of the rank-deficiency tests: the fixture, checks, and the multi-target calls.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { LinearRegression, lstsq, type LstsqOptions, type MatrixInput } from '../src/index.js';

/** test/fixtures/rank-deficient.json, made by scripts/fixtures/rank_deficient.py. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rankFixtures: any = JSON.parse(readFileSync(new URL('./fixtures/rank-deficient.json', import.meta.url), 'utf8'));

/** [1, X]: the design numpy and statsmodels see. */
export function withOnes(X: ArrayLike<number>[]): number[][] {
  return Array.from(X, (row) => [1, ...Array.from(row)]);
}

/** |got − want| ≤ tol·|want| + floor, with both numbers in the message. */
export function expectClose(got: number, want: number, tol: number, what: string, floor = 0): void {
  if (!(Math.abs(got - want) <= tol * Math.abs(want) + floor)) {
    expect.fail(`${what}: got ${got}, want ${want} (relative error ${(Math.abs(got - want) / Math.abs(want)).toExponential(2)} > ${tol})`);
  }
}

/** The warning text names every listed column (as a whole word: x1 does not match x10). */
export function expectNamesColumns(warnings: string[], columns: string[]): void {
  expect(warnings.length).toBeGreaterThan(0);
  const text = warnings.join('\n');
  expect(text).toContain('rank-deficient');
  for (const c of columns) {
    if (!new RegExp(`(^|[^\\w])${c}($|[^\\w])`).test(text)) expect.fail(`the warning does not name ${c}: ${text}`);
  }
}

/**
 * The null-space basis is orthonormal, has `count` vectors, and contains each of `want` (vectors
 * known exactly, any scaling): the residual of each normalised one after projection ≤ tol.
 */
export function expectNullSpace(basis: ArrayLike<number>[], want: number[][], count: number, tol = 1e-9): void {
  expect(basis).toHaveLength(count);
  basis.forEach((u, i) => basis.forEach((v, j) => {
    let d = 0;
    for (let k = 0; k < u.length; k++) d += u[k] * v[k];
    expect(Math.abs(d - (i === j ? 1 : 0))).toBeLessThan(1e-10);
  }));
  for (const w of want) {
    const norm = Math.hypot(...w);
    const r = w.map((t) => t / norm);
    for (const u of basis) {
      let d = 0;
      for (let k = 0; k < r.length; k++) d += u[k] * r[k];
      for (let k = 0; k < r.length; k++) r[k] -= d * u[k];
    }
    const left = Math.hypot(...r);
    if (!(left <= tol)) expect.fail(`exact null vector [${w}] is not in the returned null space (residual ${left.toExponential(2)})`);
  }
}

// ---- multiple targets (numpy's lstsq with a 2-D B, scikit-learn's Y n×k) ------------------------

/** lstsq with B m×k (number[][] or Matrix): x has n rows of k values, residuals k values when rank = n < m. */
export const lstsqMulti = (A: MatrixInput, B: MatrixInput, options?: LstsqOptions) => lstsq(A, B, options);

/** LinearRegression for Y n×k: coef is k arrays of p (scikit-learn's coef_), intercept k values, predict n rows of k. */
export const multiTarget = () => new LinearRegression<MatrixInput>();
