// The standard normal distribution through the regularized incomplete gamma ratios of
// incomplete-gamma.ts (DLMF §7.11: erfc x = Q(½, x²)): P(Z > |z|) = Q(½, z²/2)/2 and
// P(0 < Z ≤ |z|) = P(½, z²/2)/2, the tail with the rounding of z² undone. The quantile by Halley's
// method on whichever of the two keeps its relative digits (Q in the tails, P in the middle), from
// z = √(−2 ln q) in the tails and 0 in the middle: six steps, about 1 µs.

import { gammaRatio } from './incomplete-gamma.js';
import { exp, log } from './libm.js';

/**
 * P(Z > z) for a standard normal Z, with relative accuracy in both tails (about 1e-15 down to
 * 1e-300 at z ≈ 37, 1e-13 to 2e-308 at z ≈ 37.5; subnormal, then 0, beyond).
 */
export function normalSurvival(z: number): number {
  const h = Math.fround(z), s = gammaRatio(0.5, (z * z) / 2, true) / 2;
  // the tail is ∝ e^(−z²/2): e^(−(z² − fl(z²))/2) restores the digits fl(z²) rounded off (h² is exact)
  const t = s && s * exp(((z - h) * (z + h) - (z * z - h * h)) / -2);
  return z > 0 ? t : 1 - t;
}

/**
 * z with P(Z ≤ z) = p: about 1e-15 relative for p from 1e-300 to 1 − 2⁻⁵³ (1e-4 for subnormal p).
 * ±Infinity at p = 0, 1; NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  const q = Math.min(p, 1 - p), upper = q < 0.25;
  if (!q) return (p - 0.5) * Infinity; // p = 0, 1 (NaN stays NaN)
  let z = upper ? Math.min(Math.sqrt(-2 * log(q)), 38.4) : 0;
  for (let i = 0; i < 6; i++) {
    // d = (P(Z > z) − q)/φ(z) from P(Z > z) = Q/2 in the tails, ½ − P/2 in the middle (z ≥ 0 there)
    const g = gammaRatio(0.5, (z * z) / 2, upper) / 2;
    const d = (upper ? g - q : 0.5 - q - g) / (exp(-z * z / 2) * 0.3989422804014327);
    z += d / (1 - (z * d) / 2);
  }
  return p < 0.5 ? -z : z;
}
