// The worker's half: its block of rows, read from the shared (or transferred) buffer a chunk at a
// time into its own wasm memory, folded into the mergeable state exactly as partialFit folds a
// chunk (foldChunk), and sent back as bytes (LinearRegression.toBytes' format).

import { init } from '../wasm/init.js';
import { Matrix } from '../memory/matrix.js';
import { Vector } from '../memory/vector.js';
import { foldChunk, type Partial } from '../solver/partial.js';
import { stateToBytes } from '../solver/state-io.js';
import type { BlockTask } from './types.js';

/**
 * Rows per chunk: large enough that a chunk is reduced by one wasm Householder QR (not row by row
 * in double-double) and the per-chunk work is small; small enough that a worker's wasm memory
 * stays about 2 × 17 MB at 32 features, whatever the block's size.
 */
const CHUNK = 65536;

// The chunk buffers, kept from one block to the next (wasm memory never shrinks anyway).
let kept: { cols: number; X: Matrix; y: Vector } | undefined;

/** @internal The block's mergeable state, as bytes. */
export async function reduceBlock(task: BlockTask): Promise<Uint8Array> {
  await init(task.modules);
  const { rows, cols } = task;
  const X = new Float64Array(task.xBuffer, task.x, rows * cols);
  const y = new Float64Array(task.buffer, task.y, rows);
  const w = task.w < 0 ? null : new Float64Array(task.buffer, task.w, rows);
  let part: Partial | undefined;
  for (let a = 0; a < rows; a += CHUNK) {
    const n = Math.min(CHUNK, rows - a);
    const { X: cx, y: cy } = chunkBuffers(cols, n);
    cx.data.set(X.subarray(a * cols, (a + n) * cols));
    cy.data.set(y.subarray(a, a + n));
    const chunk = { X: cx, y: cy, sampleWeight: w ? w.subarray(a, a + n) : undefined };
    try {
      part = foldChunk(part, chunk, { featureNames: task.names, targetName: task.targetName }, task.intercept, '');
    } finally {
      if (n !== CHUNK) { cx.dispose(); cy.dispose(); }
    }
  }
  return stateToBytes(part!);
}

// A CHUNK-row Matrix and Vector (kept), or exact-size ones for a shorter last chunk (disposed).
function chunkBuffers(cols: number, n: number): { X: Matrix; y: Vector } {
  if (n !== CHUNK) return { X: Matrix.alloc(n, cols), y: Vector.alloc(n) };
  if (kept?.cols !== cols) {
    kept?.X.dispose();
    kept?.y.dispose();
    kept = { cols, X: Matrix.alloc(CHUNK, cols), y: Vector.alloc(CHUNK) };
  }
  return kept;
}
