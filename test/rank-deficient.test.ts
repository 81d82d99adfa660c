// Exact and rounding-level column dependencies (fixtures from scripts/fixtures/rank_deficient.py:
// minimum-norm references in exact rational arithmetic, and numpy 1.24 / scikit-learn 1.2 /
// statsmodels 0.13 on the same data). Dummies beside the intercept, duplicated columns, exact sums,
// columns at 2^±27, weights, 100 × 100 of rank 99; then the semantics added with them: several
// targets, rcond < 0, zero-size shapes, a scalar sample weight, boolean X.
import { describe, expect, it } from 'vitest';
import { LinearRegression, Matrix, Vector, lstsq, type MatrixInput } from '../src/index.js';
import '../src/stats/index.js';
import { expectRel } from './closed-form-helpers.js';
import {
  expectClose, expectNamesColumns, expectNullSpace, lstsqMulti, multiTarget, rankFixtures as fx, withOnes,
} from './rank-helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
type Design = { name: string; X: number[][]; y: number[]; sampleWeight: number[] | null; Xtest: number[][] };
const designs = new Map<string, Design>(fx.designs.map((d: Design) => [d.name, d]));
const design = (name: string): Design => designs.get(name)!;
const lrCases: Any[] = fx.linearRegression, lstsqCases: Any[] = fx.lstsq, summaryCases: Any[] = fx.summary;
const multiLstsq: Any[] = fx.multiTarget.lstsq, multiLR: Any[] = fx.multiTarget.linearRegression, emptyCases: Any[] = fx.empty;
const inputs = ['number[][]', 'Matrix'] as const;
type Input = (typeof inputs)[number];

/** Runs fn with X (and y, w) as given or as zero-copy Matrix/Vector, disposing them afterwards. */
function withInput<T>(kind: Input, X: number[][], y: number[], w: number[] | null, fn: (X: MatrixInput, y: number[] | Vector, w?: number[] | Vector) => T): T {
  if (kind === 'number[][]') return fn(X, y, w ?? undefined);
  const M = Matrix.from(X), v = Vector.from(y), wv = w ? Vector.from(w) : undefined;
  try {
    return fn(M, v, wv);
  } finally {
    M.dispose(); v.dispose(); wv?.dispose();
  }
}

/** Intercept tolerance: relative to the size of the terms of ȳ_w − x̄_w·coef. */
function interceptScale(d: Design, coef: ArrayLike<number>, intercept: number): number {
  const w = d.sampleWeight ?? d.y.map(() => 1);
  const sw = w.reduce((s, t) => s + t, 0);
  let terms = Math.abs(intercept) + Math.abs(d.y.reduce((s, t, i) => s + w[i] * t, 0) / sw);
  for (let j = 0; j < coef.length; j++) terms += Math.abs(coef[j] * d.X.reduce((s, r, i) => s + w[i] * r[j], 0) / sw);
  return terms;
}

describe('LinearRegression finds every exact dependency and returns the exact minimum-norm coefficients', () => {
  const cases = lrCases.flatMap((c) => inputs.map((kind) => [`${c.design}${c.fitIntercept ? '' : ', no intercept'} (${kind})`, c, kind] as const));
  it.each(cases)('%s', (_, c: Any, kind: Input) => {
    const d = design(c.design), ex = c.exact, p = d.X[0].length;
    withInput(kind, d.X, d.y, d.sampleWeight, (X, y, w) => {
      const m = new LinearRegression({ fitIntercept: c.fitIntercept }).fit(X, y, w ? { sampleWeight: w } : undefined);
      expect(m.rank).toBe(ex.rank);
      expectRel(m.coef, ex.coef, 1e-12, 'coef vs the exact minimum-norm coef');
      expectClose(m.intercept, ex.intercept, 0, 'intercept', 1e-12 * interceptScale(d, ex.coef, ex.intercept));
      expectRel(m.predict(d.Xtest), ex.predict, 1e-12, 'predict (rows outside the row space: the minimum-norm choice matters)');
      expect(m.dependencies).toHaveLength(p - ex.rank);
      expectNullSpace(m.nullSpace, ex.nullSpace, p - ex.rank);
    });
  });

  it.each(lrCases.map((c) => [`${c.design}${c.fitIntercept ? '' : ', no intercept'}`, c] as const))('%s: the warning names every column of the dependencies', (_, c: Any) => {
    const d = design(c.design);
    const m = new LinearRegression({ fitIntercept: c.fitIntercept }).fit(d.X, d.y, d.sampleWeight ? { sampleWeight: d.sampleWeight } : undefined);
    expectNamesColumns(m.warnings, c.exact.dependentColumns);
  });

  it.each(lrCases.filter((c) => c.fitIntercept).map((c) => [c.design, c] as const))(
    '%s: lstsq on [1, X] agrees on the rank (lstsq rank = LinearRegression rank + 1)', (_, c: Any) => {
      const d = design(c.design);
      const m = new LinearRegression().fit(d.X, d.y, d.sampleWeight ? { sampleWeight: d.sampleWeight } : undefined);
      expect(lstsq(withOnes(d.X), d.y).rank).toBe(m.rank + 1);
      expect(m.rank).toBe(c.exact.rank);
    });
});

describe('lstsq (numpy semantics on A as given): exact minimum-norm x over all columns', () => {
  const cases = lstsqCases.flatMap((c) => inputs.map((kind) => [`${c.ones ? '[1, X] of ' : ''}${c.design} (${kind})`, c, kind] as const));
  it.each(cases)('%s', (_, c: Any, kind: Input) => {
    const d = design(c.design);
    const A = c.ones ? withOnes(d.X) : d.X, n = A[0].length;
    withInput(kind, A, d.y, null, (M, b) => {
      const r = lstsq(M, b);
      expect(r.rank).toBe(c.exact.rank);
      expectRel(r.x, c.exact.x, 1e-12, 'x vs the exact minimum-norm x');
      expect(r.residuals).toHaveLength(0); // rank < n: numpy returns no residuals
      expect(r.singularValues).toHaveLength(Math.min(A.length, n));
      expectRel(r.singularValues, c.numpy.singularValues, 1e-12, 'singular values vs numpy');
      expect(r.nullSpace).toHaveLength(n - c.exact.rank);
      expect(r.dependencies).toHaveLength(n - c.exact.rank);
      expect(r.warnings.length).toBeGreaterThan(0);
    });
  });
});

describe('summary() of a rank-deficient fit is statsmodels\' OLS/WLS table on [1, X] (pinv: minimum norm over all columns)', () => {
  // On designs with columns at 2^±27 statsmodels' own numbers are off (its standard errors by up
  // to 10^16 relative: see the fixture's statsmodels.bseRelErr), so the reference is the exact one;
  // entries 10^13 times smaller than the largest are compared to 1e-13 of the largest.
  const finite = (v: number) => expect(Number.isFinite(v)).toBe(true);
  it.each(summaryCases.map((c) => [c.design, c] as const))('%s', (_, c: Any) => {
    const d = design(c.design), ex = c.exact, sm = c.statsmodels;
    const ref = sm.ok ? sm : ex;
    const m = new LinearRegression({ fitIntercept: c.fitIntercept }).fit(d.X, d.y, d.sampleWeight ? { sampleWeight: d.sampleWeight } : undefined);
    const s = m.summary();
    const q = ex.params.length;
    expect(s.names).toEqual([...(c.fitIntercept ? ['const'] : []), ...d.X[0].map((_, j) => `x${j + 1}`)]);
    expect([s.rank, s.dfModel, s.dfResidual, s.nobs]).toEqual([ex.rank, ex.df_model, ex.df_resid, ex.nobs]);
    expectRel(s.params, ex.params, 1e-12, 'params vs the exact pinv params');
    if (sm.ok) expectRel(s.params, sm.params, 1e-7, 'params vs statsmodels');
    const bseMax = Math.max(...ex.bse), floor = c.graded ? 1e-13 * bseMax : 0;
    const paramMax = Math.max(...ex.params.map(Math.abs));
    for (let j = 0; j < q; j++) {
      expectClose(s.standardErrors[j], ex.bse[j], 1e-7, `standard error ${s.names[j]}`, floor);
      // t, p and the interval of a parameter are meaningful to 1e-7 when it and its standard error are
      // (always on well-scaled designs)
      if (!c.graded || (ex.bse[j] >= 1e-6 * bseMax && Math.abs(ex.params[j]) >= 1e-6 * paramMax)) {
        expectClose(s.tValues[j], ref.tvalues[j], 1e-7, `t ${s.names[j]}`);
        expectClose(s.pValues[j], ref.pvalues[j], 1e-6, `p ${s.names[j]}`, 1e-300);
        expectClose(s.confidenceIntervals[j][0], ref.ci95[j][0], 1e-7, `CI lower ${s.names[j]}`, 1e-9 * Math.abs(ref.ci95[j][1]));
        expectClose(s.confidenceIntervals[j][1], ref.ci95[j][1], 1e-7, `CI upper ${s.names[j]}`, 1e-9 * Math.abs(ref.ci95[j][0]));
      }
    }
    for (const [key, want] of [['rSquared', ref.rsquared], ['adjustedRSquared', ref.rsquared_adj], ['fStatistic', ref.fvalue],
      ['logLikelihood', ref.llf], ['aic', ref.aic], ['bic', ref.bic]] as const) expectClose(s[key], want, 1e-7, key);
    expectClose(s.fPValue, ref.f_pvalue, 1e-6, 'F p-value', 1e-300);
    expectClose(s.residualStandardError, Math.sqrt(ex.scale), 1e-7, 'residual standard error');
    for (const v of [...s.params, ...s.standardErrors, ...s.tValues, ...s.pValues, ...s.confidenceIntervals.flat(), s.rSquared,
      s.adjustedRSquared, s.fStatistic, s.fPValue, s.logLikelihood, s.aic, s.bic, s.residualStandardError]) finite(v);
    expect(s.warnings.length).toBeGreaterThan(0);
    expect(s.warnings).toEqual(m.warnings);
  });
});

describe('several targets: lstsq with B m×k (numpy), LinearRegression with Y n×k (scikit-learn)', () => {
  const rows = (x: ArrayLike<number>[]) => Array.from(x, (r) => Array.from(r));
  it.each(multiLstsq.flatMap((c) => inputs.map((kind) => [`${c.name} (${kind})`, c, kind] as const)))('lstsq %s', (_, c: Any, kind: Input) => {
    const A = kind === 'Matrix' ? Matrix.from(c.A) : c.A, B = kind === 'Matrix' ? Matrix.from(c.B) : c.B;
    try {
      const r = lstsqMulti(A, B);
      const k = c.B[0].length, n = c.A[0].length;
      expect(r.x).toHaveLength(n);
      for (const row of r.x) expect(row).toHaveLength(k);
      expect(r.rank).toBe(c.rank);
      expectRel(rows(r.x).flat(), (c.xExact ?? c.x).flat(), c.xExact ? 1e-12 : 1e-10, 'x');
      expect(r.residuals).toHaveLength(c.residuals.length);
      c.residuals.forEach((v: number, t: number) => expectClose(r.residuals[t], v, 1e-10, `residuals[${t}]`));
      expectRel(r.singularValues, c.singularValues, 1e-12, 'singular values');
    } finally {
      if (A instanceof Matrix) A.dispose();
      if (B instanceof Matrix) B.dispose();
    }
  });
  it('lstsq with B m×k gives, column by column, what it gives for each target alone', () => {
    const c = fx.multiTarget.lstsq.find((t: Any) => t.xExact);
    const r = lstsqMulti(c.A, c.B);
    for (let t = 0; t < c.B[0].length; t++) {
      const one = lstsq(c.A, c.B.map((row: number[]) => row[t]));
      expectRel(r.x.map((row) => row[t]), one.x, 1e-12, `target ${t}`);
      expect(one.rank).toBe(r.rank);
    }
  });
  it.each(multiLR.flatMap((c) => inputs.map((kind) => [`${c.name} (${kind})`, c, kind] as const)))('LinearRegression %s', (_, c: Any, kind: Input) => {
    const X = kind === 'Matrix' ? Matrix.from(c.X) : c.X, Y = kind === 'Matrix' ? Matrix.from(c.Y) : c.Y;
    const opts = c.sampleWeight ? { sampleWeight: c.sampleWeight } : undefined;
    try {
      const m = multiTarget().fit(X, Y, opts);
      const k = c.Y[0].length, p = c.X[0].length;
      const tol = c.sklearn ? 1e-12 : 1e-10; // exact references (rank-deficient case) or scikit-learn's
      expect(m.rank).toBe(c.rank);
      expect(m.coef).toHaveLength(k);
      m.coef.forEach((row, t) => {
        expect(row).toHaveLength(p);
        expectRel(row, c.coef[t], tol, `coef of target ${t}`);
      });
      expect(m.intercept).toHaveLength(k);
      expectRel(m.intercept, c.intercept, tol, 'intercepts');
      const pred = m.predict(c.Xtest);
      expect(pred).toHaveLength(c.Xtest.length);
      for (const row of pred) expect(row).toHaveLength(k);
      expectRel(rows(pred).flat(), c.predict.flat(), tol, 'predict');
      expectClose(m.score(c.X, c.Y, opts), c.score, 1e-10, 'score (uniform average of the R² of each target)');
      expect(() => m.summary()).toThrow(TypeError);
    } finally {
      if (X instanceof Matrix) X.dispose();
      if (Y instanceof Matrix) Y.dispose();
    }
  });
});

describe('rcond < 0 means machine precision ε, as in numpy (cutoff ε·σ_max)', () => {
  const c = fx.rcondNegative;
  // σ_min/σ_max ≈ 2.4e-15 lies between ε and numpy's default ε·max(m, n) = 1.1e-14
  it('keeps the direction numpy keeps with rcond=-1 (rank 3) and fits it', () => {
    const r = lstsq(c.A, c.b, { rcond: -1 });
    expect(r.rank).toBe(c.rcondMinus1.rank);
    expectRel(r.singularValues, c.rcondMinus1.singularValues, 1e-12, 'singular values');
    expect(r.residuals).toHaveLength(1);
    // the residual is well conditioned (numpy's own is off by ~1e-3 here); x is not (κ ≈ 4e14):
    // it must be the full-rank solution, of size ~1e12, not a rank-2 one of size ~0.2
    expectClose(r.residuals[0], c.rcondMinus1.residualsExact[0], 1e-6, 'residual sum of squares vs exact');
    expectRel(r.x, c.rcondMinus1.xExact, 0.5, 'x vs the exact solution (κ ≈ 4e14)');
    expect(Array.from(lstsq(c.A, c.b, { rcond: -5 }).x)).toEqual(Array.from(r.x));
  });
  it("numpy's default cutoff ε·max(m, n), given explicitly, drops it (rank 2) and gives numpy's x", () => {
    const r = lstsq(c.A, c.b, { rcond: c.defaultRcond });
    expect(r.rank).toBe(c.rcondNone.rank);
    expectRel(r.x, c.rcondNone.x, 1e-10, 'x');
    expect(r.residuals).toHaveLength(0);
  });
});

describe("zero-size shapes get numpy's answers (test_linalg.py TestLstsq.test_empty_a_b)", () => {
  const fill = (rows: number, cols: number, v: (i: number, j: number) => number) => {
    const M = Matrix.alloc(rows, cols); // Matrix.alloc(0, n) is how JS spells a 0×n matrix
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) M.data[i * cols + j] = v(i, j);
    return M;
  };
  it.each(emptyCases.map((c) => [`m=${c.m}, n=${c.n}, k=${c.k}`, c] as const))('%s', (_, c: Any) => {
    const A = fill(c.m, c.n, (i, j) => i * c.n + j), B = fill(c.m, c.k, () => 1);
    try {
      const r = lstsqMulti(A, B);
      expect(r.x).toHaveLength(c.n);
      r.x.forEach((row, i) => {
        expect(row).toHaveLength(c.k);
        expectRel(row, c.x[i], 1e-12, `x[${i}]`);
      });
      if (c.m === 0) expect(r.x.every((row) => row.every((v) => v === 0))).toBe(true);
      expect(r.residuals).toHaveLength(c.residuals.length); // k values when m > n, else none
      // numpy's residuals of the exactly solvable m=4, n=2 case are rounding noise (5.7e-31): compare
      // to the size of ‖b‖² = m
      c.residuals.forEach((v: number, t: number) => expectClose(r.residuals[t], v, 0, `residuals[${t}]`, 1e-12 * c.m));
      expect(r.rank).toBe(Math.min(c.m, c.n));
      expect(r.singularValues).toHaveLength(Math.min(c.m, c.n));
      expectRel(r.singularValues, c.singularValues, 1e-12, 'singular values');
    } finally {
      A.dispose(); B.dispose();
    }
  });
  it('plain arrays too where they can say the shape (m > 0)', () => {
    for (const c of fx.empty.filter((t: Any) => t.m > 0)) {
      const r = lstsqMulti(c.A, c.B);
      expect([r.x.length, r.residuals.length, r.rank]).toEqual([c.n, c.residuals.length, c.rank]);
    }
  });
});

describe('a scalar sampleWeight means constant weights', () => {
  const c = fx.scalarWeight, d = design(c.design);
  const exact = fx.linearRegression.find((k: Any) => k.design === c.design).exact;
  const w = c.weight as number;
  const scalar = () => new LinearRegression().fit(d.X, d.y, { sampleWeight: w });
  it('gives the unweighted fit (scikit-learn with sample_weight=2.5)', () => {
    const m = scalar(), plain = new LinearRegression().fit(d.X, d.y);
    expect(m.rank).toBe(plain.rank);
    expectRel(m.coef, plain.coef, 1e-13, 'coef vs unweighted');
    expectRel(m.coef, exact.coef, 1e-12, 'coef vs exact');
    expectRel(m.coef, c.sklearn.coef, 1e-9, 'coef vs scikit-learn');
    expectClose(m.intercept, c.sklearn.intercept, 1e-9, 'intercept vs scikit-learn');
    const full = new LinearRegression().fit(d.X, d.y, { sampleWeight: d.y.map(() => w) });
    expectRel(m.coef, full.coef, 1e-15, 'coef vs an array of 2.5');
  });
  it("summary() is statsmodels WLS with weights 2.5 (its scale is 2.5× OLS's; its llf equals OLS's, the log-weights cancel)", () => {
    const s = scalar().summary(), sm = c.statsmodels;
    expectRel(s.params, sm.params, 1e-7, 'params');
    sm.bse.forEach((v: number, j: number) => expectClose(s.standardErrors[j], v, 1e-7, `bse ${j}`));
    expectClose(s.residualStandardError ** 2, sm.scale, 1e-7, 'scale');
    for (const [key, want] of [['logLikelihood', sm.llf], ['aic', sm.aic], ['bic', sm.bic], ['rSquared', sm.rsquared], ['fStatistic', sm.fvalue]] as const) {
      expectClose(s[key], want, 1e-7, key);
    }
  });
});

describe('boolean X is taken as 0/1', () => {
  const d = design('two categoricals, both fully one-hot');
  const numeric = d.X.map((r) => r.slice(1)); // the seven one-hot columns only
  const bools = numeric.map((r) => r.map((v) => v === 1));
  it('fits as the 0/1 numbers do (two dependencies among the dummies)', () => {
    const a = new LinearRegression().fit(bools, d.y);
    const b = new LinearRegression().fit(numeric, d.y);
    expect(a.rank).toBe(5);
    expect(a.rank).toBe(b.rank);
    expectRel(a.coef, b.coef, 1e-15);
    expect(a.intercept).toBeCloseTo(b.intercept, 14);
    expectRel(a.predict(bools.slice(0, 3)), b.predict(numeric.slice(0, 3)), 1e-15);
  });
});
