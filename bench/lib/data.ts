// Deterministic data: the same seed gives the same bits in every process (the RSS children and the
// Python scripts get the same problems as the main run).

/** mulberry32: a small, fast 32-bit PRNG; returns uniforms in [0, 1). */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normals by Box–Muller (both values used). */
export function normal(seed: number): () => number {
  const u = uniform(seed);
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = Number.NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const t = 2 * Math.PI * u();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

/** True coefficients of the generated problems: β_j = ((j mod 7) − 3) / 2, intercept 1.5. */
export function trueCoef(cols: number): { coef: Float64Array; intercept: number } {
  const coef = new Float64Array(cols);
  for (let j = 0; j < cols; j++) coef[j] = ((j % 7) - 3) / 2;
  return { coef, intercept: 1.5 };
}

/**
 * The generated problem, one row at a time: x_ij = (j mod 5) + N(0,1) (columns with non-zero means,
 * as real features have), y_i = 1.5 + x_i·β + 0.1·N(0,1). `visit` gets a reused row buffer, so any
 * layout (wasm memory, Float32Array, number[][]) can be filled without an intermediate copy.
 */
export function generateRows(
  rows: number, cols: number, visit: (i: number, x: Float64Array, y: number) => void, seed = 42,
): void {
  const n = normal(seed);
  const { coef, intercept } = trueCoef(cols);
  const x = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    let s = intercept;
    for (let j = 0; j < cols; j++) {
      x[j] = (j % 5) + n();
      s += coef[j] * x[j];
    }
    visit(i, x, s + 0.1 * n());
  }
}

/** Fills row-major X (rows×cols) and y in place with {@link generateRows}; X may be wasm memory. */
export function fillRegression(
  X: Float64Array | Float32Array, y: Float64Array | Float32Array, rows: number, cols: number, seed = 42,
): void {
  generateRows(rows, cols, (i, x, yi) => {
    X.set(x, i * cols);
    y[i] = yi;
  }, seed);
}
