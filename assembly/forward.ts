import { dot } from "./simd";

/**
 * out[i] = X[i,:] · w + b for i < rows.
 * Layout: X row-major rows×cols f64 at `x`; w (cols f64) at `w`; out (rows f64) at `out`.
 */
export function predict(x: usize, rows: i32, cols: i32, w: usize, b: f64, out: usize): void {
  const stride = <usize>cols << 3;
  for (let i = 0; i < rows; i++) {
    store<f64>(out + (<usize>i << 3), dot(x + <usize>i * stride, w, cols) + b);
  }
}
