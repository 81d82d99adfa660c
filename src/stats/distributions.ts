// The distributions behind the statistics: Student's t, F, χ² and the standard normal, with no
// dependencies. Every tail is computed directly, never as 1 − cdf, so tiny p-values keep their
// relative accuracy: 1e-12 or better against mpmath at 60 digits over 1 ≤ ν ≤ 1e7 and tails down
// to 1e-300 (test/distributions.test.ts, fixtures from scripts/fixtures/distributions.py).
// Methods and references: special/incomplete-beta.ts, special/incomplete-gamma.ts,
// special/normal.ts, student-t.ts.

import { betaRatio } from './special/incomplete-beta.js';
import { gammaRatio } from './special/incomplete-gamma.js';
import { log } from './special/libm.js';
import { normalQuantile, normalSurvival } from './special/normal.js';
import { tHalf, tUpperQuantile } from './student-t.js';

export { normalQuantile, normalSurvival };

/** P(Z ≤ z) for a standard normal Z. @example normalCdf(1.96); // 0.9750021048517795 */
export function normalCdf(z: number): number {
  return normalSurvival(-z);
}

/**
 * P(|Z| ≥ |z|) for a standard normal Z (a two-sided z-test p-value).
 * @example normalTwoSided(1.96); // 0.04999579029644087
 */
export function normalTwoSided(z: number): number {
  return 2 * normalSurvival(Math.abs(z));
}

/**
 * P(T > t) for Student's t with `df` degrees of freedom (`df` = Infinity: the normal). NaN for
 * NaN t or df ≤ 0. @example tSurvival(2.1, 12); // 0.0287…
 */
export function tSurvival(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (df === Infinity) return normalSurvival(t);
  if (!Number.isFinite(t)) return t > 0 ? 0 : 1;
  return t > 0 ? tHalf(t, df, false) : 0.5 + tHalf(t, df, true);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. @example tCdf(-2.1, 12); // 0.0287… */
export function tCdf(t: number, df: number): number {
  return tSurvival(-t, df);
}

/**
 * P(|T| ≥ |t|) for Student's t with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).
 * NaN for NaN t or df ≤ 0. @example tTwoSided(2.1, 12); // 0.0575…
 */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (df === Infinity) return normalTwoSided(t);
  if (!Number.isFinite(t)) return 0;
  return 2 * tHalf(t, df, false);
}

/** P(F > f) or P(F ≤ f): I_x(d₂/2, d₁/2), x = d₂/(d₂ + d₁f), from the odds d₁f/d₂. */
function fTail(f: number, d1: number, d2: number, lower: boolean): number {
  if (Number.isNaN(f) || !(d1 > 0 && d1 < Infinity) || !(d2 > 0 && d2 < Infinity)) return Number.NaN;
  if (f <= 0) return lower ? 0 : 1;
  if (f === Infinity) return lower ? 1 : 0;
  const w = (d1 * f) / d2;
  const lnw = w > 1e-300 && w < 1e300 ? log(w) : log(d1) + log(f) - log(d2);
  return betaRatio(d2 / 2, d1 / 2, w, lnw, (d1 * (f - 1)) / 2, lower);
}

/**
 * P(F ≥ f) for the F distribution with (d1, d2) degrees of freedom: I_{d2/(d2+d1·f)}(d2/2, d1/2).
 * 1 for f ≤ 0; NaN for bad degrees of freedom. @example fSurvival(3.2, 4, 30); // 0.0266…
 */
export function fSurvival(f: number, d1: number, d2: number): number {
  return fTail(f, d1, d2, false);
}

/** P(F ≤ f) for the F distribution with (d1, d2) degrees of freedom. @example fCdf(0.5, 2, 10); // 0.379… */
export function fCdf(f: number, d1: number, d2: number): number {
  return fTail(f, d1, d2, true);
}

/**
 * P(X² ≥ x) for the χ² distribution with k degrees of freedom: Q(k/2, x/2). 1 for x ≤ 0; NaN
 * for k ≤ 0. @example chi2Survival(3.84, 1); // 0.0500…
 */
export function chi2Survival(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0 && k < Infinity)) return Number.NaN;
  return x <= 0 ? 1 : gammaRatio(k / 2, x / 2, true);
}

/** P(X² ≤ x) for the χ² distribution with k degrees of freedom: P(k/2, x/2). @example chi2Cdf(1, 2); // 0.393… */
export function chi2Cdf(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0 && k < Infinity)) return Number.NaN;
  return x <= 0 ? 0 : gammaRatio(k / 2, x / 2, false);
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (`df` = Infinity: the normal):
 * Hill's (1970) approximation polished by Halley steps on ln P(T > t), to about 1e-15 relative
 * even for p = 1e-300. ±Infinity at p = 0, 1; NaN for p outside [0, 1] or df ≤ 0.
 * @example tQuantile(0.975, 5); // 2.5705818356363155
 */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  return p > 0.5 ? tUpperQuantile(1 - p, df) : -tUpperQuantile(p, df);
}
