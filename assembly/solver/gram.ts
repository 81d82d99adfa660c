// Gram matrix of the augmented, shifted, weighted rows in one SIMD pass over X (the fast
// normal-equations path of the closed form).
//
//   z_i = √w_i · [x_i − s_x, y_i − s_y, 1, 0…]        (padded to P = gramStride(cols) entries)
//   G  += Σ_i z_i z_iᵀ                                  (upper triangle, P×P row-major)
//
// so G holds Σw(x−s)(x−s)ᵀ, Σw(x−s)(y−s_y), Σw(y−s_y)², the weighted sums Σw(x−s), Σw(y−s_y) and
// Σw in one block. The shift s (a pilot mean) keeps the later centring free of cancellation.
// G is added to, never cleared: chunks of rows, workers or machines each reduce their share and
// the blocks merge by addition. Rows are copied 64 at a time into `scratch` (64·P f64), then
// every 4×4 tile of G is updated from that block with eight f64x2 accumulators.

const BLOCK = 64;

/** Row length P of the Gram block for `cols` features: cols + 2 rounded up to a multiple of 4. */
export function gramStride(cols: i32): i32 {
  return (cols + 2 + 3) & ~3;
}

/**
 * G (P×P row-major at g, P = gramStride(cols)) += Σ_i z_i z_iᵀ over the rows of X (row-major
 * rows×cols at x), y (rows at y), weights (rows at w, or w = 0 for all ones), shift (cols+1 f64 at
 * shift: s_x then s_y). scratch holds 64·P f64. Only the upper triangle of G is meaningful.
 */
export function gramAccumulate(
  x: usize, y: usize, w: usize, rows: i32, cols: i32, shift: usize, g: usize, scratch: usize,
): void {
  const P = gramStride(cols);
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const nb = min(BLOCK, rows - i0);
    fillBlock(x, y, w, i0, nb, cols, shift, scratch, P);
    for (let j = 0; j < P; j += 4) {
      for (let k = j; k < P; k += 4) tile(g, scratch, nb, P, j, k);
    }
  }
}

/** scratch[r] = z_{i0+r} for r < nb (see the file header). */
function fillBlock(
  x: usize, y: usize, w: usize, i0: i32, nb: i32, cols: i32, shift: usize, scratch: usize, P: i32,
): void {
  const rowBytes = <usize>cols << 3;
  const sy = load<f64>(shift + rowBytes);
  for (let r = 0; r < nb; r++) {
    const i = i0 + r;
    const xi = x + <usize>i * rowBytes;
    const zr = scratch + (<usize>(r * P) << 3);
    const sw = w ? Math.sqrt(load<f64>(w + (<usize>i << 3))) : 1.0;
    const sv = f64x2.splat(sw);
    let j = 0;
    for (; j + 1 < cols; j += 2) {
      const o = <usize>j << 3;
      v128.store(zr + o, f64x2.mul(f64x2.sub(v128.load(xi + o), v128.load(shift + o)), sv));
    }
    for (; j < cols; j++) {
      const o = <usize>j << 3;
      store<f64>(zr + o, (load<f64>(xi + o) - load<f64>(shift + o)) * sw);
    }
    store<f64>(zr + rowBytes, (load<f64>(y + (<usize>i << 3)) - sy) * sw);
    store<f64>(zr + rowBytes + 8, sw);
    for (let k = cols + 2; k < P; k++) store<f64>(zr + (<usize>k << 3), 0);
  }
}

/** G[j..j+4, k..k+4] += Σ_r z_r[j..j+4] ⊗ z_r[k..k+4] over the nb rows of the block. */
// @ts-ignore: decorator
@inline function tile(g: usize, z: usize, nb: i32, P: i32, j: i32, k: i32): void {
  const rowG = <usize>P << 3;
  const g0 = g + <usize>j * rowG + (<usize>k << 3);
  const g1 = g0 + rowG, g2 = g1 + rowG, g3 = g2 + rowG;
  let a00 = v128.load(g0), a01 = v128.load(g0, 16);
  let a10 = v128.load(g1), a11 = v128.load(g1, 16);
  let a20 = v128.load(g2), a21 = v128.load(g2, 16);
  let a30 = v128.load(g3), a31 = v128.load(g3, 16);
  const zj = z + (<usize>j << 3), zk = z + (<usize>k << 3);
  for (let r = 0; r < nb; r++) {
    const o = <usize>(r * P) << 3;
    const k0 = v128.load(zk + o), k1 = v128.load(zk + o, 16);
    const s0 = v128.load64_splat(zj + o), s1 = v128.load64_splat(zj + o, 8);
    const s2 = v128.load64_splat(zj + o, 16), s3 = v128.load64_splat(zj + o, 24);
    a00 = f64x2.add(a00, f64x2.mul(s0, k0)); a01 = f64x2.add(a01, f64x2.mul(s0, k1));
    a10 = f64x2.add(a10, f64x2.mul(s1, k0)); a11 = f64x2.add(a11, f64x2.mul(s1, k1));
    a20 = f64x2.add(a20, f64x2.mul(s2, k0)); a21 = f64x2.add(a21, f64x2.mul(s2, k1));
    a30 = f64x2.add(a30, f64x2.mul(s3, k0)); a31 = f64x2.add(a31, f64x2.mul(s3, k1));
  }
  v128.store(g0, a00); v128.store(g0, a01, 16);
  v128.store(g1, a10); v128.store(g1, a11, 16);
  v128.store(g2, a20); v128.store(g2, a21, 16);
  v128.store(g3, a30); v128.store(g3, a31, 16);
}
