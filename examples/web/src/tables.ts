// The page's tables: gradient descent's coefficients beside the closed form's (and PyTorch's for
// the seed data), and the closed form's statsmodels-style summary. Numbers keep their exact value
// in data-bits (float64 bit pattern) or data-value for the browser test.
import type { FitResult, SummaryView } from './protocol.js';

const view = new DataView(new ArrayBuffer(8));
function bits(x: number): string {
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function coefCell(value: number | undefined): string {
  if (value === undefined) return '<td>–</td>';
  return `<td class="num" data-bits="${bits(value)}">${value.toPrecision(10)}</td>`;
}

/** statsmodels' four decimals, or three significant digits in exponent form when those would hide the value. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-4 || a >= 1e7) ? x.toExponential(3) : x.toFixed(4);
}

/** A p-value: three decimals, or exponent form below 0.001 (statsmodels' "0.000" reads as zero). */
export function fmtP(p: number): string {
  return Number.isFinite(p) && p > 0 && p < 0.001 ? p.toExponential(2) : Number.isNaN(p) ? 'nan' : p.toFixed(3);
}

function statCell(value: number, text = fmt(value), cls = 'num'): string {
  return `<td class="${cls}" data-value="${value}">${text}</td>`;
}

/** One row per coefficient: gradient descent, the closed form, PyTorch's (seed data only). */
export function coefficientsHtml(features: string[], result: FitResult, torch?: number[]): string {
  const closed = [...result.closedForm.coef, result.closedForm.intercept];
  const names = [...features, '(intercept)'];
  const ours = [...result.weight, result.bias];
  const head = ['', 'gradient descent (train)', 'closed form (LinearRegression)', torch ? 'PyTorch (notebook)' : '']
    .filter((h, i) => i === 0 || h).map((h) => `<th>${h}</th>`).join('');
  const rows = names.map((name, i) => `<tr data-name="${escape(name)}"><th>${escape(name)}</th>${coefCell(ours[i])}`
    + `${coefCell(closed[i])}${torch ? coefCell(torch[i]) : ''}</tr>`).join('');
  return `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody>`;
}

/** statsmodels' coefficient table: coef, std err, t, P>|t| and the interval bounds. */
export function summaryHtml(s: SummaryView): string {
  const lo = ((1 - s.level) / 2).toFixed(3), hi = (1 - (1 - s.level) / 2).toFixed(3);
  const head = ['', 'coef', 'std err', 't', 'P>|t|', `[${lo}`, `${hi}]`].map((h) => `<th>${h}</th>`).join('');
  const rows = s.names.map((name, j) => `<tr data-name="${escape(name)}"><th>${escape(name)}</th>`
    + statCell(s.params[j]) + statCell(s.standardErrors[j]) + statCell(s.tValues[j])
    + statCell(s.pValues[j], fmtP(s.pValues[j]), 'num p') + statCell(s.confidenceIntervals[j][0])
    + statCell(s.confidenceIntervals[j][1]) + '</tr>').join('');
  return `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody>`;
}

/** The model lines of statsmodels' header: R², F and its p-value, the degrees of freedom. */
export function modelStatsHtml(s: SummaryView): string {
  const items: [string, string, number][] = [
    ['R²', 'r2', s.rSquared], ['Adj. R²', 'adj-r2', s.adjustedRSquared], ['F-statistic', 'f', s.fStatistic],
    ['Prob (F-statistic)', 'f-p', s.fPValue], ['No. observations', 'nobs', s.nobs], ['Df model', 'df-model', s.dfModel],
    ['Df residuals', 'df-resid', s.dfResidual], ['Residual std. error', 'sigma', s.residualStandardError],
  ];
  return items.map(([label, key, v]) => {
    const text = key === 'f-p' ? fmtP(v) : Number.isInteger(v) && key !== 'f' ? String(v) : key.includes('r2') ? v.toFixed(6) : fmt(v);
    return `<div data-stat="${key}" data-value="${v}"><dt>${label}</dt><dd>${text}</dd></div>`;
  }).join('');
}

/** A one-cell table body saying why there is nothing to show. */
export function emptyHtml(message: string): string {
  return `<tbody><tr><td class="empty">${escape(message)}</td></tr></tbody>`;
}
