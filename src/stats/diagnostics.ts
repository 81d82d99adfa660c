// The residual tests of statsmodels' table: the D'Agostino–Pearson omnibus K² (scipy.stats
// normaltest: skewtest and kurtosistest combined, D'Agostino, Belanger & D'Agostino, "A
// suggestion for using powerful and informative tests of normality", Am. Stat. 44, 1990) and
// Jarque–Bera, from the residuals' skewness, Pearson kurtosis and count.

import { cbrt, log } from './special/libm.js';

/** K² = Z(skew)² + Z(kurtosis)²; null below 8 residuals, where statsmodels gives nan. */
export function omnibus(skew: number, kurtosis: number, n: number): number | null {
  if (n < 8) return null;
  const zs = skewZ(skew, n), zk = kurtosisZ(kurtosis, n);
  return zs * zs + zk * zk;
}

/** JB = n/6·(S² + (K − 3)²/4). */
export function jarqueBera(skew: number, kurtosis: number, n: number): number {
  return (n / 6) * (skew * skew + ((kurtosis - 3) * (kurtosis - 3)) / 4);
}

// scipy.stats.skewtest
function skewZ(b2: number, n: number): number {
  let y = b2 * Math.sqrt(((n + 1) * (n + 3)) / (6 * (n - 2)));
  const beta2 = (3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3)) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
  const w2 = -1 + Math.sqrt(2 * (beta2 - 1));
  const delta = 1 / Math.sqrt(0.5 * log(w2));
  const alpha = Math.sqrt(2 / (w2 - 1));
  if (y === 0) y = 1;
  return delta * log(y / alpha + Math.sqrt((y / alpha) * (y / alpha) + 1));
}

// scipy.stats.kurtosistest (Anscombe & Glynn, Biometrika 70, 1983)
function kurtosisZ(b2: number, n: number): number {
  const e = (3 * (n - 1)) / (n + 1);
  const varb2 = (24 * n * (n - 2) * (n - 3)) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
  const x = (b2 - e) / Math.sqrt(varb2);
  const sqrtBeta1 = ((6 * (n * n - 5 * n + 2)) / ((n + 7) * (n + 9))) * Math.sqrt((6 * (n + 3) * (n + 5)) / (n * (n - 2) * (n - 3)));
  const a = 6 + (8 / sqrtBeta1) * (2 / sqrtBeta1 + Math.sqrt(1 + 4 / (sqrtBeta1 * sqrtBeta1)));
  const denom = 1 + x * Math.sqrt(2 / (a - 4));
  const term2 = Math.sign(denom) * cbrt((1 - 2 / a) / Math.abs(denom));
  return (1 - 2 / (9 * a) - term2) / Math.sqrt(2 / (9 * a));
}
