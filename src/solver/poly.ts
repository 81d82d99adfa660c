// Polynomial design matrices with every power exact to double-double precision.

import { Matrix } from '../memory/matrix.js';
import { flattenVector } from '../memory/vector.js';
import { checkBoolean, checkInteger, checkOptions } from '../validate.js';
import { OUT, mul } from './dd.js';

/** The powers of x split into a double part and its rounding error: x^k = hi + lo to ~32 digits. */
export interface PolynomialFeatures { hi: Matrix; lo: Matrix }

/**
 * Columns [1,] x, x², …, x^degree of the values x, each power computed in double-double, split
 * into `hi` (the doubles, an ordinary design matrix) and `lo` (what rounding to double lost).
 * Pass `lo` as `xLow` to `LinearRegression.fit` (or `aLow` to `lstsq`) and the refinement fits the
 * exact powers: a degree-10 fit like NIST's Filip is then exact to 12+ digits, where the rounded
 * powers alone pin the answer to 8. Both matrices live in wasm memory: dispose() them when done.
 * @param options.intercept include the column of ones first (default false: use fitIntercept).
 * @throws TypeError/RangeError for non-numeric or non-finite x, or a degree that is not an integer ≥ 1.
 * @example
 * const { hi, lo } = polynomialFeatures(x, 10);
 * new LinearRegression().fit(hi, y, { xLow: lo });
 */
export function polynomialFeatures(x: ArrayLike<number>, degree: number, options?: { intercept?: boolean }): PolynomialFeatures {
  const values = flattenVector(x, 'x');
  checkInteger('degree', degree, 1);
  const opts = checkOptions<{ intercept?: boolean }>('polynomialFeatures', options, ['intercept']);
  const k0 = opts.intercept === undefined ? 0 : checkBoolean('intercept', opts.intercept) ? 1 : 0;
  const cols = degree + k0;
  const hi = Matrix.alloc(values.length, cols), lo = Matrix.alloc(values.length, cols);
  const h = hi.data, l = lo.data;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (k0) h[i * cols] = 1;
    let ph = 1, pl = 0;
    for (let k = 1; k <= degree; k++) {
      mul(ph, pl, v, 0);
      ph = OUT[0]; pl = OUT[1];
      h[i * cols + k0 + k - 1] = ph;
      l[i * cols + k0 + k - 1] = pl;
    }
  }
  return { hi, lo };
}
