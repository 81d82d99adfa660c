// ml-regression-multivariate-linear: takes number[][] and inverts XᵀX (by SVD) to solve.
import MLR from 'ml-regression-multivariate-linear';

/** The data in MLR's input format: one number[] per row, y as one-element rows. */
export function mlrData(X: Float64Array, y: Float64Array, rows: number, cols: number): { x: number[][]; y: number[][] } {
  const x: number[][] = new Array(rows);
  const yy: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    x[i] = Array.from(X.subarray(i * cols, (i + 1) * cols));
    yy[i] = [y[i]];
  }
  return { x, y: yy };
}

/** Fits with an intercept (statistics off: only the coefficients are compared). */
export function mlrFit(data: { x: number[][]; y: number[][] }): { coef: Float64Array; intercept: number } {
  const m = new MLR(data.x, data.y, { intercept: true, statistics: false });
  const cols = data.x[0].length;
  return { coef: Float64Array.from(m.weights.slice(0, cols), (r: number[]) => r[0]), intercept: m.weights[cols][0] };
}
