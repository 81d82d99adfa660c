// statsmodels 0.13.5's printed summary, 'OLS Regression Results', of a Summary: the same tables
// (iolib/summary.py summary_top, summary_params; iolib/table.py SimpleTable) and Python's printf
// formats, so the text reads line for line like RegressionResults.summary(). One deliberate
// difference: a Summary knows no date or time, so the header has no Date and Time rows.

import type { Summary } from './summary.js';

/** What the table reads: a Summary's fields (its own toString calls formatSummary). */
export type SummaryFields = Omit<Summary, 'toString' | 'toJSON'>;

/**
 * statsmodels' text summary of a fitted model, as `print(res.summary())` shows it, without the
 * Date and Time rows. Diagnostics the fit did not keep (not fitted with `{ statistics: 'full' }`)
 * are left blank and a note says so; the fit's warnings follow statsmodels' notes.
 * @example
 * console.log(formatSummary(summary(model))); // '                            OLS Regression Results ...'
 */
export function formatSummary(s: SummaryFields): string {
  const g = (x: number, p: number) => pyFormat(x, p, '#g');
  // Counts print as integers (statsmodels' d_or_f), the model's always are.
  const top = twoColumns(`Dep. Variable:|Model:|Method:|No. Observations:|Df Residuals:|Df Model:|Covariance Type:|${
    s.hasConstant ? 'R-squared:|Adj. R-squared:' : 'R-squared (uncentered):|Adj. R-squared (uncentered):'
  }|F-statistic:|Prob (F-statistic):|Log-Likelihood:|AIC:|BIC:`, [s.dependentVariable, s.model, 'Least Squares',
    '' + s.nobs, '' + s.dfResidual, '' + s.dfModel, s.covType, pyFormat(s.rSquared, 3), pyFormat(s.adjustedRSquared, 3),
    g(s.fStatistic, 4), g(s.fPValue, 3), g(s.logLikelihood, 5), g(s.aic, 4), g(s.bic, 4)]);
  const params = parameterTable(s);
  // Absent diagnostics print as empty cells: the columns keep their widths.
  const diag = twoColumns('Omnibus:|Prob(Omnibus):|Skew:|Kurtosis:|Durbin-Watson:|Jarque-Bera (JB):|Prob(JB):|Cond. No.',
    [...diagnostics(s).map((x, i) => (x == null ? '' : i < 6 ? pyFormat(x, 3) : g(x, 3))), g(s.conditionNumber, 3)]);
  const rule = (c: string, t: string[]) => c.repeat(t[0].length);
  return [center(`${s.model} Regression Results`, top[0].length), rule('=', top), ...top,
    rule('=', params), params[0], rule('-', params), ...params.slice(1),
    rule('=', diag), ...diag, rule('=', diag), '', 'Notes:', ...notes(s)].join('\n');
}

/** The residual diagnostics in the table's order (left column, then right): null without full statistics. */
const diagnostics = (s: SummaryFields) => [s.omnibus, s.omnibusPValue, s.skew, s.kurtosis, s.durbinWatson, s.jarqueBera, s.jarqueBeraPValue];

/** summary_params: names, coef, std err, t (or z), P>|t|, and the interval bounds named by alpha/2. */
function parameterTable(s: SummaryFields): string[] {
  const z = s.distribution == 'normal' ? 'z' : 't';
  // statsmodels is given alpha and prints str(alpha/2): recover the decimal meant (0.05, not
  // 0.050000000000000044); 1 - level is off by at most 1.1e-16.
  const half = +(1 - s.level).toFixed(15) / 2;
  const rows = s.names.map((name, j) => [name, forg(s.params[j], 4), forg(s.standardErrors[j]), forg(s.tValues[j]),
    pyFormat(s.pValues[j], 3), ...s.confidenceIntervals[j].map((x) => forg(x))]);
  return grid([['', 'coef', 'std err', z, `P>|${z}|`, '[' + pyStr(half), pyStr(1 - half) + ']'], ...rows],
    [-10, 10, 10, 10, 10, 11, 11]);
}

/** The numbered notes: statsmodels' own (but the smallest-eigenvalue one), then the fit's warnings. */
function notes(s: SummaryFields): string[] {
  return [
    !s.hasConstant && 'R² is computed without centering (uncentered) since the model does not contain a constant.',
    s.covType == 'nonrobust' ? 'Standard Errors assume that the covariance matrix of the errors is correctly specified.'
      : `Standard Errors are heteroscedasticity robust (${s.covType})`,
    s.nobs < s.names.length && 'The input rank is higher than the number of observations.',
    // statsmodels puts its smallest-eigenvalue note here when that eigenvalue of AᵀA is < 1e-10 (a
    // rank-deficient design, or a full-rank one with tiny columns); we know no eigenvalues, and a
    // rank-deficient fit's warnings say more.
    s.conditionNumber > 1000 && s.rank == s.names.length && `The condition number is large, ${
      pyFormat(s.conditionNumber, 3, 'g').padStart(6)}. This might indicate that there are\nstrong multicollinearity or other numerical problems.`,
    ...s.warnings,
    s.durbinWatson === null && s.skew === null && "Omnibus, Durbin-Watson and Jarque-Bera need the residuals: fit with { statistics: 'full' }.",
  ].filter(Boolean).map((text, i) => `[${i + 1}] ${text}`);
}

/**
 * summary_top's double table from '|'-separated stubs, the left column's then the right's, and
 * their values in the same order. Right stubs are indented by two (statsmodels' '%-21s').
 */
function twoColumns(stubs: string, values: string[]): string[] {
  const k = stubs.split('|'), n = k.length / 2;
  return grid(k.slice(0, n).map((stub, i) => [stub, values[i], '  ' + k[n + i], values[n + i]]), [-18, 18, -21, 18]);
}

/**
 * SimpleTable's text rows: each column as wide as its widest cell and at least |min|; stubs
 * (min < 0) left-aligned, the others right-aligned; one space between columns.
 */
function grid(rows: string[][], min: number[]): string[] {
  const w = min.map((m, j) => Math.max(Math.abs(m), ...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => (min[j] < 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join(' '));
}

/** Python's str.center: of an odd margin, the extra space goes left only when the width is odd. */
function center(text: string, width: number): string {
  const margin = width - text.length;
  return text.padStart(text.length + (margin >> 1) + (margin & width & 1)).padEnd(width);
}

/** statsmodels' forg: '%.{p}f', or '%.{p}g' outside 1e-4 ≤ |x| < 1e4 (the widths are the table's). */
const forg = (x: number, p = 3) => pyFormat(x, p, Math.abs(x) >= 1e4 || Math.abs(x) < 1e-4 ? 'g' : 'f');

/** Python's str() of a float in (0, 1): exponent form below 1e-4 ('5e-05'). */
const pyStr = (x: number) => (x < 1e-4 ? twoDigitExponent(x.toExponential()) : '' + x);

/** Python writes at least two exponent digits: 'e+04' where JS writes 'e+4'. */
const twoDigitExponent = (s: string) => s.replace(/(?<=e.)(?=\d$)/, '0');

/**
 * Python's `'%.{p}f' % x` (kind 'f'), `'%.{p}g'` ('g') or `'%#.{p}g'` ('#g': trailing zeros and
 * the point kept), without the width: 'nan', 'inf', '-0.000', exponents of two digits or more,
 * exact ties rounded to even. Limits: p ≥ 2 for %g; |x| < 1e21 for %f (JS's toFixed turns to
 * exponents there).
 * @internal exported for the tests.
 */
export function pyFormat(x: number, p: number, kind = 'f'): string {
  const a = Math.abs(x), sign = x < 0 || 1 / x < 0 ? '-' : '';
  if (!(a < Infinity)) return a == a ? sign + 'inf' : 'nan';
  if (kind == 'f') return sign + rounded(a, p);
  // %g is %e or %f by the exponent after rounding to p digits.
  let t = rounded(a, p - 1, true);
  const e = +t.split('e')[1];
  if (e >= -4 && e < p) t = rounded(a, p - 1 - e);
  if (!t.includes('.')) t += '.';
  if (kind == 'g') t = t.replace(/\.?0*(?=e|$)/, '');
  return sign + twoDigitExponent(t);
}

/** a ≥ 0 to p decimals, or (exp) p digits after the first; exact ties to even, as C's printf. */
function rounded(a: number, p: number, exp?: boolean): string {
  const f = (v: number) => (exp ? v.toExponential(p) : v.toFixed(p));
  const s = f(a), [digits, e] = s.split('e'), d = exp ? p - +e : p;
  // JS breaks exact ties upward. a is halfway at d decimals iff 2·a·10^d is an odd integer, that
  // is a·2^(d+1) (d ≥ 0: a is a binary fraction) or a·2^(d+1)/5^-d (d < 0) is one.
  const tie = (a * 2 ** (d + 1)) / 5 ** Math.max(-d, 0) % 2 == 1;
  return tie && +digits.slice(-1) % 2 ? f(a * (1 - 2 ** -52)) : s;
}
