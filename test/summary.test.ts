// summary() and predictInterval() against statsmodels OLS / WLS (fixtures from
// scripts/fixtures/closed_form.py): 1e-7 relative, p-values 1e-6 relative.
import { describe, expect, it } from 'vitest';
import { LinearRegression, NotFittedError } from '../src/index.js';
import { fSurvival, predictInterval, summary, tQuantile, tTwoSided } from '../src/stats/index.js';
import { expectRel, fixtures } from './closed-form-helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Case = any;
const cases: Case[] = fixtures.summary;
const fitted = (c: Case) => new LinearRegression({ fitIntercept: c.fitIntercept }).fit(c.X, c.y, c.sampleWeight ? { sampleWeight: c.sampleWeight } : undefined);
const close = (got: number, want: number, tol: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.abs(want));
const each = (tol: number, got: ArrayLike<number>, want: number[]) => want.forEach((w, j) => close(got[j], w, tol));

const fullRank = cases.filter((c: Case) => c.rank === c.params.length);

describe('summary() matches statsmodels', () => {
  it.each(fullRank.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const s = summary(fitted(c));
    expect(s.names).toEqual(c.fitIntercept ? ['const', 'x1', 'x2', 'x3', 'x4', 'x5'].slice(0, c.params.length) : ['x1', 'x2', 'x3'].slice(0, c.params.length));
    each(1e-7, s.params, c.params);
    each(1e-7, s.standardErrors, c.bse);
    each(1e-7, s.tValues, c.tvalues);
    each(1e-6, s.pValues, c.pvalues);
    expectRel(s.confidenceIntervals.flat(), c.ci95.flat(), 1e-7, '95% intervals');
    for (const [key, want] of [['rSquared', c.rsquared], ['adjustedRSquared', c.rsquared_adj], ['fStatistic', c.fvalue],
      ['logLikelihood', c.llf], ['aic', c.aic], ['bic', c.bic], ['conditionNumber', c.condition_number]] as const) {
      close(s[key], want, 1e-7);
    }
    close(s.fPValue, c.f_pvalue, 1e-6);
    close(s.residualStandardError, Math.sqrt(c.scale), 1e-7);
    expect([s.dfResidual, s.dfModel, s.rank, s.nobs]).toEqual([c.df_resid, c.df_model, c.rank, c.nobs]);
    expect(s.level).toBe(0.95);
  });
  it('rank-deficient (seed data): same fit statistics and degrees of freedom; coefficients are scikit-learn\'s', () => {
    const c = cases.find((k: Case) => k.rank < k.params.length);
    const s = summary(fitted(c));
    for (const [key, want] of [['rSquared', c.rsquared], ['adjustedRSquared', c.rsquared_adj], ['fStatistic', c.fvalue],
      ['logLikelihood', c.llf], ['aic', c.aic], ['bic', c.bic]] as const) close(s[key], want, 1e-10);
    close(s.fPValue, c.f_pvalue, 1e-8);
    close(s.residualStandardError, Math.sqrt(c.scale), 1e-10);
    expect([s.dfResidual, s.dfModel, s.rank]).toEqual([c.df_resid, c.df_model, c.rank]);
    expect(s.warnings[0]).toContain('x2 ≈ x1 + 1');
    expect(s.conditionNumber).toBeGreaterThan(1e15);
  });
  it('gives other confidence levels on request (90%)', () => {
    const c = fullRank[0];
    expectRel(summary(fitted(c), { level: 0.9 }).confidenceIntervals.flat(), c.ci90.flat(), 1e-7);
  });
  it('is also reachable as model.summary() once the stats entry is imported', () => {
    const m = fitted(fullRank[0]);
    expect(m.summary().params).toEqual(summary(m).params);
  });
  it('without an intercept, R² is uncentred (about 0), as statsmodels and NIST', () => {
    const c = cases.find((k: Case) => !k.fitIntercept);
    const s = summary(fitted(c));
    const yy = c.y.reduce((t: number, v: number) => t + v * v, 0);
    close(s.rSquared, 1 - s.residualStandardError ** 2 * s.dfResidual / yy, 1e-12);
  });
});

describe('predictInterval matches statsmodels get_prediction().summary_frame()', () => {
  it.each(cases.filter((c: Case) => c.new).map((c: Case) => [c.name, c] as const))('%s', (_, c) => {
    const m = fitted(c);
    const pi = predictInterval(m, c.new);
    const want = c.prediction;
    expectRel(pi.mean, want.mean, 1e-10, 'mean');
    each(1e-7, pi.meanSe, want.mean_se);
    expectRel(pi.meanLower, want.mean_ci_lower, 1e-7, 'mean lower');
    expectRel(pi.meanUpper, want.mean_ci_upper, 1e-7, 'mean upper');
    expectRel(pi.obsLower, want.obs_ci_lower, 1e-7, 'obs lower');
    expectRel(pi.obsUpper, want.obs_ci_upper, 1e-7, 'obs upper');
    expect(m.predictInterval(c.new).obsUpper).toEqual(pi.obsUpper);
  });
});

describe('distributions match scipy.stats, far tails included (no 1 − cdf)', () => {
  const d = fixtures.distributions;
  it.each((d.tTwoSided as [number, number, number][]))('2·t.sf(%d, %d)', (t, df, want) => close(tTwoSided(t, df), want, 1e-10));
  it.each((d.fSurvival as [number, number, number, number][]))('f.sf(%d, %d, %d)', (f, a, b, want) => close(fSurvival(f, a, b), want, 1e-10));
  // scipy's t.ppf itself is off by up to ~4e-10 (t.ppf(0.975, 5) = 2.57058183661…, the true value is
  // 2.5705818356363155…, mpmath): we agree to 1e-9 and invert our own accurate tail to 1e-13.
  it.each((d.tQuantile as [number, number, number][]))('t.ppf(%d, %d)', (p, df, want) => close(tQuantile(p, df), want, 1e-9));
  it('tQuantile inverts the tail to 1e-13, and t₀.₉₇₅,₅ is 2.5705818356363155', () => {
    for (const df of [1, 3, 5, 30, 1000]) close(tTwoSided(tQuantile(0.975, df), df), 0.05, 1e-13);
    close(tQuantile(0.975, 5), 2.5705818356363155, 1e-15);
    close(tQuantile(0.025, 5), -2.5705818356363155, 1e-15);
  });
  it('edge values', () => {
    expect([tTwoSided(0, 5), fSurvival(0, 2, 5), tTwoSided(Infinity, 5), tTwoSided(NaN, 5)]).toEqual([1, 1, 0, NaN]);
  });
});

describe('bad input', () => {
  it.each([
    ['level 1', { level: 1 }, RangeError, /level must be in \(0, 1\), a confidence level such as 0.95, got 1/],
    ['level 0', { level: 0 }, RangeError, /level must be in \(0, 1\)/],
    ['level of the wrong kind', { level: '95%' }, TypeError, /level must be a number/],
    ['unknown option', { alpha: 0.05 }, TypeError, /unknown option "alpha"/],
  ])('%s', (_, options, kind, message) => {
    const m = fitted(fullRank[0]);
    expect(() => summary(m, options as object)).toThrow(kind);
    expect(() => summary(m, options as object)).toThrow(message);
  });
  it('summary before fit is a NotFittedError', () => {
    expect(() => summary(new LinearRegression())).toThrow(NotFittedError);
    expect(() => predictInterval(new LinearRegression(), [[1]])).toThrow(NotFittedError);
  });
  it('predictInterval with the wrong column count is a RangeError', () => {
    expect(() => predictInterval(fitted(fullRank[0]), [[1, 2]])).toThrow(/X has 2 columns but the model was fitted with 3 features/);
  });
});
