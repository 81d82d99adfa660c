/** First byte the TypeScript arena may hand out: everything below holds static data. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

/** dst[0..n) = src[0..n) (f64). */
export function copyF64(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n << 3);
}
