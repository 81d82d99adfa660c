// Student t and F tail probabilities and t quantiles, from stdlib's regularized incomplete beta
// (a port of Boost's) and t quantile. Tails are computed directly, never as 1 − cdf, so tiny
// p-values keep their relative accuracy.

import betainc from '@stdlib/math-base-special-betainc';
import tQuantileStd from '@stdlib/stats-base-dists-t-quantile';

/**
 * P(|T| ≥ |t|) for Student's t with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).
 * NaN for NaN t or df ≤ 0. @example tTwoSided(2.1, 12); // 0.0575…
 */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return betainc(df / (df + t * t), df / 2, 0.5);
}

/**
 * P(F ≥ f) for the F distribution with (d1, d2) degrees of freedom: I_{d2/(d2+d1·f)}(d2/2, d1/2).
 * 1 for f ≤ 0; NaN for bad degrees of freedom. @example fSurvival(3.2, 4, 30); // 0.0266…
 */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return 0;
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom: stdlib's estimate (about 1e-9
 * relative) polished by two Newton steps on the upper tail, to about 1e-15.
 * @example tQuantile(0.975, 5); // 2.5705818356363155
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return tQuantileStd(p, df);
  if (p < 0.5) return -tQuantile(1 - p, df);
  if (p === 0.5) return 0;
  let q = tQuantileStd(p, df);
  const tail = 1 - p;
  const beta = betainc(1, df / 2, 0.5, false);
  for (let k = 0; k < 2 && Number.isFinite(q) && q > 0; k++) {
    const pdf = Math.pow(1 + (q * q) / df, -(df + 1) / 2) / (Math.sqrt(df) * beta);
    q += (tTwoSided(q, df) / 2 - tail) / pdf;
  }
  return q;
}
