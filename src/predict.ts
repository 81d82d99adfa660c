import type { MatrixRef } from './memory/borrow.js';
import { getArena } from './wasm/init.js';

/**
 * @internal ŷ = X·w + b for each row of X (already in wasm memory) by the predict kernel, as a copy
 * safe to keep. `w` is the byte offset of the weights in wasm memory (a LinearModel's block) or the
 * weights themselves, copied in for the call (a fitted LinearRegression's coef).
 */
export function predictRows(X: MatrixRef, w: number | ArrayLike<number>, b: number): Float64Array {
  const arena = getArena();
  const copied = typeof w === 'number' ? 0 : w.length * 8;
  const block = arena.alloc(copied + X.rows * 8);
  try {
    if (typeof w !== 'number') arena.f64(block, w.length).set(w);
    const out = block + copied;
    arena.kernels.predict(X.ptr, X.rows, X.cols, typeof w === 'number' ? w : block, b, out);
    return arena.f64(out, X.rows).slice();
  } finally {
    arena.release(block);
  }
}
