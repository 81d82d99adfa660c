// Dot product and axpy for ranges that need not start on a 16-byte boundary (columns of a
// factorization start one row further down at each step). f64x2 main loop, scalar tail.

/** Σ a[i]·b[i] for i < n. */
// @ts-ignore: decorator
@inline export function dotRange(a: usize, b: usize, n: i32): f64 {
  let acc0 = f64x2.splat(0), acc1 = f64x2.splat(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o = <usize>i << 3;
    acc0 = f64x2.add(acc0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    acc1 = f64x2.add(acc1, f64x2.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < n; i++) s += load<f64>(a + (<usize>i << 3)) * load<f64>(b + (<usize>i << 3));
  return s;
}

/** y[i] += s·x[i] for i < n. */
// @ts-ignore: decorator
@inline export function axpyRange(y: usize, s: f64, x: usize, n: i32): void {
  const sv = f64x2.splat(s);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(v128.load(x + o), sv)));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + load<f64>(x + o) * s);
  }
}
