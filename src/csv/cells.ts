// One cell at a time: what is missing, what is a number (fast and exact), what is text, and the
// CsvError that names a bad cell by its line and column.
import { CsvError, showCell, type CsvErrorCode } from './errors.js';

/**
 * @internal Whether a cell is a missing value: empty, only white space, `NA` or `NaN` (these
 * spellings exactly; white space around them allowed). `nan`, `N/A`, `null` are not.
 */
export function isMissing(cell: string): boolean {
  const t = cell.trim();
  return t === '' || t === 'NA' || t === 'NaN';
}

/**
 * @internal Whether a cell that is not missing is text rather than a number: Number() cannot read
 * it (±Infinity and `1e999` are numbers, refused later as not finite; `0x1F` is 31).
 */
export function isText(cell: string): boolean {
  return Number.isNaN(+cell);
}

/** @internal Where a cell is: `CSV line 3, column 2 (b)`, and the same as CsvError fields. */
export interface Place {
  where: string;
  line: number;
  /** 0-based column. */
  j: number;
  name: string;
}

/** @internal A CsvError about one cell. */
export function cellError(code: CsvErrorCode, at: Place, cell: string, what: string): CsvError {
  return new CsvError(code, `${at.where} line ${at.line}, column ${at.j + 1} (${at.name})${what}`, {
    line: at.line, column: at.j + 1, columnName: at.name, cell,
  });
}

/** @internal The error of a missing value under missing: 'error'. */
export function missingError(at: Place, cell: string): CsvError {
  const shown = cell.trim() === '' ? (cell === '' ? 'empty' : 'blank') : showCell(cell.trim());
  return cellError('missing-value', at, cell, ` is missing (${shown}): with missing: 'error' every used cell needs a value (the default, 'drop', skips such rows)`);
}

/**
 * @internal A used cell that is not missing, as a number, or the CsvError naming its line and
 * column. `hint` ends the message of a text cell (why the column is read as numbers).
 */
export function numberCell(cell: string, at: Place, hint = ''): number {
  const v = +cell;
  if (!Number.isFinite(v) || cell.includes('\n')) {
    const what = Number.isNaN(v) ? `not a number${hint}` : 'not a finite number';
    throw cellError('not-a-number', at, cell, `: ${showCell(cell)} is ${what}`);
  }
  return v;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * @internal A plain decimal (optional sign, digits, at most one point; 1 to 15 digits; a final \r) as Number()
 * reads it, about twice as fast; NaN for any other text (the caller then asks Number()). Exact by
 * Clinger's fast path: the digits form an integer m < 10¹⁵ < 2⁵³ and 10^k (k ≤ 15) is exact, so the
 * one correctly rounded division m / 10^k is the correctly rounded value of the decimal.
 */
export function decimal(cell: string): number {
  let n = cell.length;
  if (cell.charCodeAt(n - 1) === 13) n--; // the \r of a \r\n line (Number() ignores it too)
  let i = 0, m = 0, digits = 0, point = -1;
  const c0 = cell.charCodeAt(0);
  if (c0 === 45 || c0 === 43) i = 1; // - +
  for (; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; }
    else if (c === 46 && point < 0) point = i;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = point < 0 ? m : m / POW10[n - point - 1];
  return c0 === 45 ? -v : v;
}
