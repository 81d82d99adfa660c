// The regularized incomplete gamma ratios P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x).
// The smaller one is computed directly (Numerical Recipes §6.2: the power series for x < a + 1,
// Legendre's continued fraction by the modified Lentz method otherwise), the other as 1 − it, so
// tails keep their relative accuracy. The front factor x^a·e^(−x)/Γ(a) is DiDonato & Morris's
// (ACM TOMS 654, 1986, and TOMS 708's rcomp) for a ≥ 10: √(a/2π)·exp(−a·(u − ln(1 + u)) − δ(a)),
// u = (x − a)/a, which has no difference of large logarithms when a is large; for a < 10 it is
// x^a·e^(−x)/Γ(a) as written, powers rather than a logarithm.

import { gamma, logGamma, stirlingCorrection, xMinusLog1p } from './log-gamma.js';
import { exp, log, pow } from './libm.js';

const EPS = 1e-16, TINY = 1e-300, MAX_TERMS = 1e6;

/** x^a·e^(−x)/Γ(a), x > 0. */
function gammaPrefix(a: number, x: number): number {
  if (a < 10) {
    // powers of the exact x round once each (exp of a ln x − x would round |a ln x − x| ulps)
    if (x < 700) return (pow(x, a) * exp(-x)) / gamma(a);
    return exp(a * log(x) - x - logGamma(a));
  }
  const u = (x - a) / a;
  // for x < a/2, 1 + u would lose the digits of x/a: a·ln(x/a) + (a − x) directly
  const e = u < -0.5 ? a * log(x / a) + (a - x) : -a * xMinusLog1p(u);
  return Math.sqrt(a / (2 * Math.PI)) * exp(e - stirlingCorrection(a));
}

/** Σₙ xⁿ/((a + 1)…(a + n)): P(a, x) = x^a·e^(−x)/Γ(a + 1) times this, for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1, sum = 1;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < EPS * sum) return sum;
  }
  return Number.NaN; // not converged: a beyond ~1e11
}

/** Legendre's continued fraction 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)): Q(a, x) = x^a·e^(−x)/Γ(a) times this, x ≥ a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  return Number.NaN;
}

/**
 * Q(a, x) = Γ(a, x)/Γ(a) when `upper`, else P(a, x), for a > 0, x ≥ 0 (NaN otherwise, and NaN
 * where the series or fraction would need over 10⁶ terms: a beyond ~1e11 near x = a).
 * @example gammaRatio(1, 2, true); // e^−2 = 0.1353…
 */
export function gammaRatio(a: number, x: number, upper: boolean): number {
  if (!(a > 0) || !(x >= 0) || a === Infinity) return Number.NaN;
  if (x === 0) return upper ? 1 : 0;
  if (x === Infinity) return upper ? 0 : 1;
  const lower = x < a + 1, prefix = gammaPrefix(a, x);
  // the directly computed ratio: P (series) below a + 1, Q (fraction) above
  const v = prefix === 0 ? 0 : lower ? (prefix / a) * lowerSeries(a, x) : prefix * upperFraction(a, x);
  return upper === lower ? 1 - v : v;
}
