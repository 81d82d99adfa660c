// Small SIMD building blocks shared by the kernels. All inlined.

/** Σ a[j]·b[j] for j < n: f64x2 main loop (two accumulators, to hide add latency), scalar tail. */
// @ts-ignore: decorator
@inline export function dot(a: usize, b: usize, n: i32): f64 {
  let acc = f64x2.splat(0), acc2 = f64x2.splat(0);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const o = <usize>j << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    acc2 = f64x2.add(acc2, f64x2.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
  }
  if (j + 1 < n) {
    const o = <usize>j << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    j += 2;
  }
  acc = f64x2.add(acc, acc2);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (j < n) s += load<f64>(a + (<usize>j << 3)) * load<f64>(b + (<usize>j << 3));
  return s;
}

/** y[j] += s·x[j] for j < n. */
// @ts-ignore: decorator
@inline export function axpy(y: usize, s: f64, x: usize, n: i32): void {
  const sv = f64x2.splat(s);
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const o = <usize>j << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(v128.load(x + o), sv)));
  }
  if (j < n) {
    const o = <usize>j << 3;
    store<f64>(y + o, load<f64>(y + o) + load<f64>(x + o) * s);
  }
}

/** Sets n f64 at p to zero. */
// @ts-ignore: decorator
@inline export function zero(p: usize, n: i32): void {
  for (let j = 0; j < n; j++) store<f64>(p + (<usize>j << 3), 0);
}

/** True when v is neither NaN nor ±Infinity. */
// @ts-ignore: decorator
@inline export function finite(v: f64): bool {
  return v - v == 0;
}

/** dst[0..n) = src[0..n) (f64); an inline loop, cheaper than memory.copy for the few values here. */
// @ts-ignore: decorator
@inline export function copy(dst: usize, src: usize, n: i32): void {
  for (let j = 0; j < n; j++) store<f64>(dst + (<usize>j << 3), load<f64>(src + (<usize>j << 3)));
}
