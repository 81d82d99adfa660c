// ln Γ, ln B and the pieces of them that the incomplete gamma and beta ratios need without
// cancellation: Stirling's correction δ(x) and ln Γ(b) − ln Γ(a + b) for large b (DiDonato &
// Morris, ACM TOMS 708, 1992: their bcorr / algdiv / betaln, rewritten on the series below).

import { exp, log, log1p, pow } from './libm.js';

/** ln √(2π). */
export const LN_SQRT_2PI = 0.9189385332046728;

/**
 * Stirling's correction δ(x) = ln Γ(x) − [(x − ½)·ln x − x + ln √(2π)] for x ≥ 10: the asymptotic
 * series Σ B₂ₖ / (2k(2k − 1)·x^(2k−1)), k = 1…8 (DLMF 5.11.1); the first term left out is below
 * 2e-18 at x = 10.
 */
export function stirlingCorrection(x: number): number {
  const r = 1 / x, r2 = r * r;
  return r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188
    + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))));
}

/**
 * Γ(x) for 0 < x ≤ 170 to a few ulps: Γ(x + n)/(x(x + 1)…(x + n − 1)) with x + n ≥ 10 and
 * Stirling's formula X^(X−½)·e^(−X)·√(2π)·e^δ(X) as powers, not logarithms (a logarithm of size
 * 15 would cost 15 ulps of the result).
 */
export function gamma(x: number): number {
  let prod = 1;
  while (x < 10) { prod *= x; x += 1; }
  const half = pow(x, 0.5 * x - 0.25);
  return (half * (half * exp(-x)) * 2.5066282746310002 * exp(stirlingCorrection(x))) / prod;
}

/**
 * ln Γ(x) for x > 0: ln of {@link gamma} below 10 (absolute error ~1e-16), Stirling's series above.
 */
export function logGamma(x: number): number {
  if (x < 10) return log(gamma(x));
  return (x - 0.5) * log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}

/**
 * ln Γ(b) − ln Γ(a + b) for b ≥ 10 (TOMS 708's algdiv): −a·ln b − [(a + b − ½)·ln(1 + a/b) − a] +
 * δ(b) − δ(a + b), no difference of two large logarithms.
 */
export function logGammaRatio(a: number, b: number): number {
  return -a * log(b) - ((a + b - 0.5) * log1p(a / b) - a) + stirlingCorrection(b) - stirlingCorrection(a + b);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). With both ≥ 10, TOMS 708's betaln form
 * ln √(2π) − ½ ln b − (a − ½)·ln(1 + b/a) − b·ln(1 + a/b) + δ(a) + δ(b) − δ(a + b) (a ≤ b);
 * with only b ≥ 10, ln Γ(a) + logGammaRatio(a, b).
 */
export function logBeta(a: number, b: number): number {
  if (a > b) { const t = a; a = b; b = t; }
  if (a >= 10) {
    const w = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(a + b);
    return LN_SQRT_2PI - 0.5 * log(b) + w - (a - 0.5) * log1p(b / a) - b * log1p(a / b);
  }
  if (b >= 10) return logGamma(a) + logGammaRatio(a, b);
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * x − ln(1 + x) for x > −1 without cancellation near 0 (TOMS 708's rlog1): with r = x/(2 + x),
 * ln(1 + x) = 2·atanh r, so x − ln(1 + x) = r·x − 2(r³/3 + r⁵/5 + …) on −0.5 ≤ x ≤ 1 (|r| ≤ ⅓).
 */
export function xMinusLog1p(x: number): number {
  if (x < -0.5 || x > 1) return x - log1p(x);
  const r = x / (2 + x), r2 = r * r;
  let term = r * r2, sum = 0;
  for (let k = 3; k < 80; k += 2) {
    const t = term / k;
    sum += t;
    if (Math.abs(t) <= 1e-17 * Math.abs(sum)) break;
    term *= r2;
  }
  return r * x - 2 * sum;
}
