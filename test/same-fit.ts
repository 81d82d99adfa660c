// Shared by the tests of fits made in pieces (partialFit, merge, fitStream, the worker pool): a
// seeded generator and the comparison against the single in-memory fit.
import { expect } from 'vitest';
import type { LinearRegression } from '../src/index.js';

/** A seeded uniform generator on [0, 1) (a 32-bit LCG): the same data in every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

/**
 * `got` equals `want` to a relative `tol`: coefficients and intercept (relative to the largest of
 * them), rank, standard errors, R², the summary's counts, and (unless `names` is false) its names.
 */
export function expectSameFit(got: LinearRegression, want: LinearRegression, tol = 1e-12, { names = true } = {}): void {
  const rel = (a: number, b: number, scale = Math.abs(b)) => Math.abs(a - b) / Math.max(scale, 1e-300);
  const size = Math.max(...Array.from(want.coef, Math.abs), Math.abs(want.intercept));
  Array.from(want.coef).forEach((c, j) => expect(rel(got.coef[j], c, size), `coef[${j}]`).toBeLessThanOrEqual(tol));
  expect(rel(got.intercept, want.intercept, size), 'intercept').toBeLessThanOrEqual(tol);
  expect(got.rank).toBe(want.rank);
  const sg = got.summary(), sw = want.summary();
  Array.from(sw.standardErrors).forEach((se, j) => expect(rel(sg.standardErrors[j], se), `se[${j}]`).toBeLessThanOrEqual(tol));
  expect(rel(sg.rSquared, sw.rSquared), 'R²').toBeLessThanOrEqual(tol);
  expect([sg.nobs, sg.dfResidual, sg.dfModel, sg.hasConstant, sg.model]).toEqual([sw.nobs, sw.dfResidual, sw.dfModel, sw.hasConstant, sw.model]);
  if (names) expect([sg.names, sg.dependentVariable]).toEqual([sw.names, sw.dependentVariable]);
}
