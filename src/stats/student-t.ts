// Student's t: the upper tail, the central probability and the quantile.
//
// P(T > t) = ½·I_x(ν/2, ½) and P(0 < T < t) = ½·I_y(½, ν/2) with x = ν/(ν + t²), y = t²/(ν + t²)
// (Abramowitz & Stegun 26.7.1), both computed directly (special/incomplete-beta.ts) from the odds
// w = t²/ν, ln w = 2·ln|t| − ln ν and a·w − b = (t − 1)(t + 1)/2, so a huge t (t² overflows) or a
// tiny one (t² underflows) keeps its digits.
//
// The quantile: Hill's approximation (G. W. Hill, "Algorithm 396: Student's t-quantiles", CACM
// 13(10), 1970: an inverse Cornish–Fisher expansion about the normal, or the tail expansion in
// (d·P)^(2/ν) for small ν), then Halley steps in u = ln t on ln P(T > t) = ln p (or, nearer the
// centre, on ln P(0 < T < t) = ln(½ − p)). The logarithms make the steps scale-free: a power-law
// tail (small ν) is nearly linear in u, and a p of 1e-300 keeps its relative accuracy. ν = 1 and
// ν = 2 have closed forms.

import { betaRatio } from './special/incomplete-beta.js';
import { exp, expm1, log, log1p, tan } from './special/libm.js';
import { logBeta } from './special/log-gamma.js';
import { normalQuantile } from './special/normal.js';

/**
 * ½·I_x(ν/2, ½) = P(T > |t|) (`central` false) or ½·I_y(½, ν/2) = P(0 < T < |t|) (`central`
 * true), t finite.
 */
export function tHalf(t: number, df: number, central: boolean): number {
  const at = Math.abs(t);
  const w = (at * at) / df;
  const lnw = w > 1e-300 && w < 1e300 ? log(w) : 2 * log(at) - log(df);
  return 0.5 * betaRatio(df / 2, 0.5, w, lnw, ((at - 1) * (at + 1)) / 2, central);
}

/** Hill's (1970) starting value for the upper q-quantile, 0 < q < ½, ν > 0. */
function hillStart(q: number, df: number): number {
  const P = 2 * q, a = 1 / (df - 0.5), b = 48 / (a * a);
  let c = ((20700 * a / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt(a * Math.PI / 2) * df;
  const lnY = (2 / df) * (log(d) + log(P));
  let y = exp(lnY);
  if ((df < 2.1 && P > 0.5) || y > 0.05 + a) {
    // inverse expansion about the normal
    const x = normalQuantile(q), x2 = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * x2 + 6.3) * x2 + 36) * x2 + 94.5) / c - x2 - 3) / b + 1) * x;
    return Math.sqrt(df * expm1(a * y * y));
  }
  if (lnY < -36) return Math.sqrt(df) * exp(-lnY / 2); // y would underflow: t ≈ √(ν/y)
  y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) * (df + 1) / (df + 2) + 1 / y;
  return Math.sqrt(df * y);
}

/**
 * The upper q-quantile t > 0 of Student's t, P(T > t) = q, 0 < q < ½, finite ν > 0: Hill's start
 * polished by Halley steps in ln t.
 */
export function tUpperQuantile(q: number, df: number): number {
  if (df === 1) return q > 0.25 ? tan(Math.PI * (0.5 - q)) : 1 / tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  const central = q > 0.25, target = log(central ? 0.5 - q : q);
  const lnNorm = -0.5 * log(df) - logBeta(df / 2, 0.5); // ln of the density at 0
  // Hill's start is for ν ≥ 1; below, the leading term of the tail, P(T > t) ≈ f(0)·ν^((ν−1)/2)·t^−ν
  let u = df >= 1 ? log(hillStart(q, df)) : (lnNorm + ((df - 1) / 2) * log(df) - log(q)) / df;
  if (!Number.isFinite(u)) return u > 0 ? Infinity : Number.NaN;
  for (let k = 0; k < 12; k++) {
    const t = exp(u);
    if (!Number.isFinite(t)) break;
    const F = tHalf(t, df, central);
    if (!(F > 0)) break;
    // w/(1 + w) = t²/(ν + t²) and ln(1 + w), w = t²/ν, without overflow
    const lnw = 2 * u - log(df), w = exp(lnw);
    const ln1pw = lnw > 40 ? lnw + log1p(1 / w) : log1p(w);
    const share = lnw > 0 ? 1 / (1 + 1 / w) : w / (1 + w);
    // G = ln F − target; G′ = ±t·f(t)/F (f the density), G″ = G′·(1 − (ν + 1)·share − G′)
    const g1 = (central ? 1 : -1) * exp(u + lnNorm - ((df + 1) / 2) * ln1pw - log(F));
    const g2 = g1 * (1 - (df + 1) * share - g1);
    const G = log(F) - target;
    const step = (2 * G * g1) / (2 * g1 * g1 - G * g2);
    u -= Number.isFinite(step) ? step : G / g1;
    if (Math.abs(step) < 1e-15) break;
  }
  return exp(u);
}
