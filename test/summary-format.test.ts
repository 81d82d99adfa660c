// formatSummary against statsmodels 0.13.5's printed summaries (fixtures from
// scripts/fixtures/summary_text.py): every line equal, once statsmodels' Date and Time rows are
// dropped (a Summary knows no clock). Python's printf on awkward values from the same script.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummary, pyFormat, type SummaryFields as Summary } from '../src/stats/format.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Case = any;
const fixture = JSON.parse(readFileSync(new URL('./fixtures/summary-text.json', import.meta.url), 'utf8'));
const cases: Case[] = fixture.cases;

/** The Summary the fixture describes (its fields carry the interface's names). */
function summaryOf(c: Case): Summary {
  const { name: _name, text: _text, ...fields } = c;
  return {
    ...fields, params: Float64Array.from(c.params), standardErrors: Float64Array.from(c.standardErrors),
    tValues: Float64Array.from(c.tValues), pValues: Float64Array.from(c.pValues),
  };
}

/**
 * statsmodels' text as formatSummary writes it: the header block (between the first two '=' rules)
 * loses its Date and Time rows, and the right column moves up to pair with the remaining seven
 * left rows (statsmodels pads the right column with two blank rows, which go with them). No width
 * changes: the date and time (16 and 8 characters) are narrower than their column's 18.
 */
function withoutDateTime(text: string): string {
  const lines = text.split('\n');
  const [first, second] = lines.flatMap((l, i) => (/^=+$/.test(l) ? [i] : [])).slice(0, 2);
  const header = lines.slice(first + 1, second);
  const cut = header[0].indexOf('  R-squared') - 1; // the space that joins the two columns
  const left = header.map((l) => l.slice(0, cut)).filter((l) => !/^(Date|Time):/.test(l));
  const right = header.map((l) => l.slice(cut)).filter((r) => r.trim() !== '');
  expect(left.length, 'statsmodels header: 9 left rows, 7 right').toBe(right.length);
  return [...lines.slice(0, first + 1), ...left.map((l, i) => l + right[i]), ...lines.slice(second)].join('\n');
}

describe('formatSummary matches statsmodels line for line', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(formatSummary(summaryOf(c)).split('\n')).toEqual(withoutDateTime(c.text).split('\n'));
  });

  it('the fixtures cover what they claim', () => {
    const all = cases.map((c) => c.text).join('\n');
    for (const part of ['WLS Regression Results', 'R-squared (uncentered):', 'P>|z|', 'robust (HC3)', 'The condition number is large',
      '[0.05       0.95]', 'temperature_at_noon_celsius', '1.234e+04', '4.293e-05', 'e+06', 'e-107', '-11148.', '0.000424']) {
      expect(all).toContain(part);
    }
  });
});

describe('Python printf (pyFormat) on awkward values', () => {
  const value = (v: number | string) => (typeof v === 'number' ? v : Number(v.replace('inf', 'Infinity')));
  const numbers: [number | string, string, string][] = fixture.numbers;
  it.each(numbers.map(([v, f, text]) => [f, v, text] as const))("'%s' %% %s", (f, v, text) => {
    const [, alt, width, p, conv] = /^%(#?)(\d+)\.(\d)([fg])$/.exec(f)!;
    const kind = conv === 'f' ? 'f' : alt + 'g';
    expect(pyFormat(value(v), +p, kind).padStart(+width)).toBe(text);
  });
});

const base = summaryOf(cases[0]);
const lastLines = (s: Summary, n: number) => formatSummary(s).split('\n').slice(-n);

describe('what statsmodels never prints', () => {
  it('leaves absent diagnostics blank, aligned, and says why', () => {
    const s: Summary = { ...base, durbinWatson: null, omnibus: null, omnibusPValue: null, skew: null, kurtosis: null, jarqueBera: null, jarqueBeraPValue: null };
    expect(lastLines(s, 11)).toEqual([
      'x3             0.0908      0.144      0.631      0.530      -0.197       0.379',
      '==============================================================================',
      'Omnibus:                                Durbin-Watson:                        ',
      'Prob(Omnibus):                          Jarque-Bera (JB):                     ',
      'Skew:                                   Prob(JB):                             ',
      'Kurtosis:                               Cond. No.                         1.39',
      '==============================================================================',
      '',
      'Notes:',
      '[1] Standard Errors assume that the covariance matrix of the errors is correctly specified.',
      "[2] Omnibus, Durbin-Watson and Jarque-Bera need the residuals: fit with { statistics: 'full' }.",
    ]);
  });

  it("numbers the fit's warnings after statsmodels' notes", () => {
    const s: Summary = { ...base, warnings: ['x3 ≈ 2·x1: its coefficient is set to 0 (rank 3 of 4).', 'second warning'] };
    expect(lastLines(s, 5)).toEqual([
      '',
      'Notes:',
      '[1] Standard Errors assume that the covariance matrix of the errors is correctly specified.',
      '[2] x3 ≈ 2·x1: its coefficient is set to 0 (rank 3 of 4).',
      '[3] second warning',
    ]);
  });

  it('gives a rank-deficient design no condition-number note: statsmodels prints its smallest eigenvalue there', () => {
    const s: Summary = { ...base, rank: 3, conditionNumber: 3.2e17, warnings: ['x3 is a combination of the others.'] };
    expect(lastLines(s, 4)).toEqual([
      '',
      'Notes:',
      '[1] Standard Errors assume that the covariance matrix of the errors is correctly specified.',
      '[2] x3 is a combination of the others.',
    ]);
    expect(formatSummary(s)).toContain('Cond. No.                     3.20e+17');
  });

  it('writes the interval bounds as Python writes alpha/2 and 1 - alpha/2', () => {
    const header = (level: number) => formatSummary({ ...base, level }).split('\n')[10];
    // statsmodels' summary(alpha=0.01), (alpha=1e-05), (alpha=0.2): '[' + str(alpha/2), str(1 - alpha/2) + ']'
    expect(header(0.99)).toBe('                 coef    std err          t      P>|t|      [0.005      0.995]');
    expect(header(0.99999)).toBe('                 coef    std err          t      P>|t|      [5e-06   0.999995]');
    expect(header(0.8)).toBe('                 coef    std err          t      P>|t|        [0.1        0.9]');
  });
});
