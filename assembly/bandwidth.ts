// Bench only, never shipped: compiled alone to build/bench.wasm (asconfig target "bench"), which
// imports the library's memory so it reads the very buffer the fused kernels are timed on.

/**
 * Σ of n f64 at p, read once with four independent f64x2 accumulators: the memory-read ceiling
 * the fused kernels are measured against (benchmarks only).
 */
export function readSum(p: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let j = 0;
  for (; j + 7 < n; j += 8) {
    const q = p + (<usize>j << 3);
    a0 = f64x2.add(a0, v128.load(q));
    a1 = f64x2.add(a1, v128.load(q, 16));
    a2 = f64x2.add(a2, v128.load(q, 32));
    a3 = f64x2.add(a3, v128.load(q, 48));
  }
  const a = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  for (; j < n; j++) s += load<f64>(p + (<usize>j << 3));
  return s;
}
