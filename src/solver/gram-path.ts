// The fast path: the Gram matrix of [X − s, y − s_y, 1] in one SIMD pass (wasm), centred and
// column-scaled in the small block, then Cholesky. Reads X once and allocates O(p²): zero copies.

import { solverKernels } from './kernels.js';
import { cholesky, zeros, type Vec } from './dense.js';
import { makeFactor, type Factor } from './factor.js';
import { TINY, type Problem } from './problem.js';

/** @internal The factor (null when Cholesky broke down), with Σ of squared residuals from R. */
export interface GramFactor {
  factor: Factor | null; sse: number; sst: number;
  /** Without intercept: Σw·x_j, Σw and Σw·‖x‖² from the block (implicit-constant.ts needs them). */
  sums?: ColumnSums;
}

/** @internal Weighted column sums of X, the sum of the weights and Σw·‖x‖². */
export interface ColumnSums { x: Float64Array; w: number; squares: number }

const PILOT = 32;
const CHUNK = 16384;

/** Accumulates the Gram block in wasm and reduces it to a {@link Factor}. */
export function gramFactor(pb: Problem): GramFactor {
  const { arena, rows, cols } = pb;
  const k = solverKernels();
  const P = k.gramStride(cols);
  const shift = pilotShift(pb);
  const buf = arena.alloc((P * P + 64 * P + cols + 1) * 8);
  const g = buf, scratch = g + P * P * 8, sh = scratch + 64 * P * 8;
  try {
    arena.f64(g, P * P).fill(0);
    const sv = arena.f64(sh, cols + 1);
    for (let j = 0; j <= cols; j++) sv[j] = shift[j];
    // In chunks: the blocks add up, and V8 swaps in its optimised code between calls (a single
    // long call would run start to end in the baseline tier: ~4× slower on a cold module).
    for (let i = 0; i < rows; i += CHUNK) {
      const m = Math.min(CHUNK, rows - i);
      k.gramAccumulate(pb.x + i * cols * 8, pb.y + i * 8, pb.w ? pb.w + i * 8 : 0, m, cols, sh, g, scratch);
    }
    return reduce(pb, arena.f64(g, P * P), P, shift); // reduce allocates nothing in wasm memory
  } finally {
    arena.release(buf);
  }
}

// Mean of the first rows (zero without intercept): a shift that makes centring exact enough.
// Tiny data are shifted by the mean of every row (a pass that costs nothing there), so their
// Gram matrix is already centred to rounding.
function pilotShift(pb: Problem): Vec {
  const { arena, rows, cols } = pb;
  const s = zeros(cols + 1);
  if (!pb.intercept) return s;
  const m = rows * cols <= TINY ? rows : Math.min(rows, PILOT);
  const X = arena.f64(pb.x, m * cols), y = arena.f64(pb.y, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < cols; j++) s[j] += X[i * cols + j];
    s[cols] += y[i];
  }
  for (let j = 0; j <= cols; j++) s[j] /= m;
  return s;
}

// Centred (when fitting an intercept), scaled Gram of [X | y] → Cholesky → Factor.
function reduce(pb: Problem, G: Float64Array, P: number, shift: Vec): GramFactor {
  const p = pb.cols, n1 = p + 1, one = p + 1;
  const sw = G[one * P + one];
  const at = (i: number, j: number) => (i <= j ? G[i * P + j] : G[j * P + i]);
  const mean = (j: number) => (pb.intercept ? at(j, one) / sw : 0);
  const C = zeros(n1 * n1);
  for (let i = 0; i < n1; i++) {
    for (let j = i; j < n1; j++) C[i * n1 + j] = at(i, j) - (pb.intercept ? at(i, one) * mean(j) : 0);
  }
  const d = zeros(p);
  for (let j = 0; j < p; j++) d[j] = C[j * n1 + j] > 0 ? Math.sqrt(C[j * n1 + j]) : 1;
  let sst = C[p * n1 + p];
  for (let i = 0; i < G.length; i++) if (!Number.isFinite(G[i])) sst = NaN; // NaN/±Infinity in the data: the caller names it
  const scale = (j: number) => (j < p ? d[j] : 1);
  for (let i = 0; i < n1; i++) for (let j = i; j < n1; j++) C[i * n1 + j] /= scale(i) * scale(j);
  const R = cholesky(C, n1, true, true); // a vanished pivot leaves the rank in doubt (rank.ts)
  if (!R) return { factor: null, sse: NaN, sst };
  const k0 = pb.intercept ? 1 : 0, q = k0 + p;
  const r = zeros(q * q), c = zeros(q);
  if (k0) { r[0] = 1; c[0] = Math.sqrt(sw) * (shift[p] + mean(p)); }
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) r[(i + k0) * q + j + k0] = R[i * n1 + j];
    c[i + k0] = R[i * n1 + p];
  }
  const xbar = zeros(p);
  if (pb.intercept) for (let j = 0; j < p; j++) xbar[j] = shift[j] + mean(j);
  const factor = makeFactor({ p, k0: k0 as 0 | 1, r, c, d, xbar, s0: 1 / Math.sqrt(sw) }, pb.rcond);
  const sums = k0 ? undefined : { x: Float64Array.from({ length: p }, (_, j) => at(j, one)), w: sw, squares: d.reduce((t, _, j) => t + at(j, j), 0) };
  return { factor, sse: R[p * n1 + p] ** 2, sst, sums };
}
