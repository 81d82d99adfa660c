// The regularized incomplete beta ratio I_x(a, b) and its complement I_y(b, a) = 1 − I_x(a, b).
//
// - Which side: the continued fraction for I_x(a, b) converges quickly for x < (a + 1)/(a + b + 2)
//   (Numerical Recipes §6.4); beyond it the fraction is summed for I_y(b, a) instead and the
//   requested ratio is 1 − that. The switch point is near the mean, where both are O(1), so the
//   tails (p-values) are always computed directly and keep their relative accuracy.
// - The fraction: DiDonato & Morris's bfrac (ACM TOMS 708, 1992, §4), the same continued fraction
//   written with λ = a·y − b·x and y, so x near 1 with a large (Student's t with many degrees of
//   freedom) does not cancel in 1 − (a + b)x/(a + 1). Three-term recurrences, renormalised.
// - The front factor x^a·y^b/B(a, b): TOMS 708's brcomp. With min(a, b) ≥ 10, around the mode
//   x₀ = a/(a + b): √(ab/(2π(a + b)))·exp(−a·φ(−λ/a) − b·φ(λ/b) − δ(a) − δ(b) + δ(a + b)), with
//   φ(e) = e − ln(1 + e) and δ Stirling's correction, so no large logarithms cancel; otherwise
//   x^a·y^b (as powers in the tails, else exp(a·ln x + b·ln y)) times 1/B(a, b) from Γ (both
//   below 10) or exp(−ln B) with ln B from log-gamma.ts (no cancellation for large b).
//
// Callers pass the odds w = y/x (x = 1/(1 + w)) with ln w and κ = a·w − b computed from their own
// parameters: x may underflow while x^a does not, and λ, x/x₀, y/y₀ near the mode need κ exact.

import { gamma, logBeta, stirlingCorrection, xMinusLog1p } from './log-gamma.js';
import { exp, log, log1p, pow } from './libm.js';

const EPS = 1e-16, MAX_TERMS = 1e6;

/**
 * x^a·y^b/B(a, b); rx = ln(x/x₀) and ry = ln(y/y₀) about the mode x₀ = a/(a + b), y₀ = 1 − x₀.
 */
function betaPrefix(a: number, b: number, x: number, y: number, lnx: number, lny: number, lam: number, rx: number, ry: number): number {
  if (Math.min(a, b) < 10) {
    // 1/B(a, b) from Γ itself when both are small (ln B would add ~|ln B| ulps). x^a·y^b: in the
    // tails as powers, whose error is ~(a + b) times that of x and y, where exp(a ln x + b ln y)
    // would round |a ln x + b ln y| ulps
    const small = Math.max(a, b) < 10, z = a * lnx + b * lny;
    const r = small ? gamma(a + b) / (gamma(a) * gamma(b)) : exp(-logBeta(a, b));
    if (z < -2 * (a + b) && z > -700 && x > 1e-300 && y > 1e-300) return pow(x, a) * pow(y, b) * r;
    return z > -700 ? exp(z) * r : exp(z + log(r));
  }
  // a·ln(x/x₀) + b·ln(y/y₀) = −(a·φ(ea) + b·φ(eb)), x/x₀ = 1 + ea, y/y₀ = 1 + eb, φ(e) = e − ln(1 + e)
  const ea = -lam / a, eb = lam / b;
  const u = ea < -0.5 ? ea - rx : xMinusLog1p(ea);
  const v = eb < -0.5 ? eb - ry : xMinusLog1p(eb);
  const d = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(a + b);
  return Math.sqrt((a * b) / (a + b) / (2 * Math.PI)) * exp(-(a * u + b * v) - d);
}

/** I_x(a, b) by the continued fraction, for x on the fast side of the switch point. */
function betaFraction(a: number, b: number, x: number, y: number, lnx: number, lny: number, lam: number, rx: number, ry: number): number {
  const prefix = betaPrefix(a, b, x, y, lnx, lny, lam, rx, ry);
  if (prefix === 0 || x === 0) return prefix / a;
  const c = 1 + lam, c0 = b / a, c1 = 1 + 1 / a, yp1 = y + 1;
  let p = 1, s = a + 1, an = 0, bn = 1, anp1 = 1, bnp1 = c / c1, r = c1 / c;
  for (let n = 1; n < MAX_TERMS; n++) {
    const t = n / a, w = n * (b - n) * x;
    let e = a / s;
    const alpha = p * (p + c0) * e * e * (w * x);
    e = (1 + t) / (c1 + t + t);
    const beta = n + w / s + e * (c + n * yp1);
    p = 1 + t;
    s += 2;
    const an2 = alpha * an + beta * anp1, bn2 = alpha * bn + beta * bnp1;
    const r0 = r;
    r = an2 / bn2;
    if (Math.abs(r - r0) <= EPS * r) return prefix * r;
    an = anp1 / bn2; bn = bnp1 / bn2; anp1 = r; bnp1 = 1;
  }
  return Number.NaN; // not converged: both a and b beyond ~1e11 near the mode
}

/**
 * I_x(a, b) (`upper` false: P(X ≤ x) for X ~ Beta(a, b)) or 1 − I_x(a, b) = I_y(b, a) (`upper`
 * true) at x = 1/(1 + w), y = w/(1 + w), a, b > 0, for odds w = y/x in [0, ∞] given with ln w
 * and κ = a·w − b as accurately as the caller can (Student's t: w = t²/ν, κ = (t − 1)(t + 1)/2;
 * F: w = d₁f/d₂, κ = d₁(f − 1)/2). w may over- or underflow as long as ln w is finite. From κ
 * come, without cancellation, λ = a·y − b·x = κ/(1 + w), x/x₀ = 1/(1 + κ/(a + b)) and
 * y/y₀ = 1/(1 − κ/((a + b)·w)).
 */
export function betaRatio(a: number, b: number, w: number, lnw: number, kappa: number, upper: boolean): number {
  const finite = Number.isFinite(w);
  if (finite && !Number.isFinite(kappa)) kappa = a * w - b;
  const x = 1 / (1 + w), y = w > 1 ? 1 / (1 + 1 / w) : w / (1 + w);
  const lnx = finite ? -log1p(w) : -lnw;
  const lny = w > 1 ? -log1p(1 / w) : lnw - log1p(w);
  const lam = finite ? kappa / (1 + w) : a;
  const rx = finite ? -log1p(kappa / (a + b)) : -Infinity;
  const ry = w > 0 ? -log1p(-kappa / ((a + b) * w)) : -Infinity;
  // (a + 1)·y − (b + 1)·x > 0  ⇔  x < (a + 1)/(a + b + 2)
  if (lam + (y - x) > 0) {
    const v = betaFraction(a, b, x, y, lnx, lny, lam, rx, ry);
    return upper ? 1 - v : v;
  }
  const v = betaFraction(b, a, y, x, lny, lnx, -lam, ry, rx);
  return upper ? v : 1 - v;
}
