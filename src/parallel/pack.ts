// The main thread's half of the data transfer: X, y and the weights checked (shapes, kinds, NaN)
// and copied ONCE, in the same pass, into a buffer the workers can read, split into contiguous
// row blocks, one per worker:
//
//   SharedArrayBuffer (Node; browsers when cross-origin isolated): one buffer [X | y | w], each
//     worker reads its block in place. The buffer is kept for the next call (a fresh one costs a
//     page fault per 4 KiB on first touch: ~0.75 s for 256 MB on the bench machine).
//     X given as rows that are consecutive views of one SharedArrayBuffer is not copied at all.
//   otherwise: one ArrayBuffer per block [X | y | w], transferred (moved, not cloned) to its worker.
//
// Each worker then copies its rows from there into its own wasm memory, chunk by chunk.

import { getArena } from '../wasm/init.js';
import { Matrix } from '../memory/matrix.js';
import { Vector } from '../memory/vector.js';
import { checkWeights } from '../solver/options.js';
import { checkShapes, describe, notFiniteError } from '../validate.js';

/**
 * @internal One block: its rows, and where they are: X (rows×cols, row-major) at byte `x` of
 * `xBuffer`, y and the weights (−1: none) at bytes `y` and `w` of `buffer`.
 */
export interface Block {
  xBuffer: SharedArrayBuffer | ArrayBuffer; buffer: SharedArrayBuffer | ArrayBuffer;
  x: number; y: number; w: number; rows: number;
  /** What to move to the worker instead of copying (the block's own ArrayBuffer). */
  transfer: ArrayBuffer[];
}

/** @internal The checked problem, in blocks; `done()` keeps a shared buffer for the next call. */
export interface Packed { rows: number; cols: number; blocks: Block[]; done(): void }

// The source of X's rows, whatever its kind.
type Rows =
  | { kind: 'flat'; data: Float64Array; rows: number; cols: number }
  | { kind: 'rows'; data: ArrayLike<unknown>[]; rows: number; cols: number };

let spare: SharedArrayBuffer | undefined;

/** @internal Forgets the kept SharedArrayBuffer (closeParallel). */
export function dropSpare(): void { spare = undefined; }

/**
 * @internal Checks X (Matrix or rows), y and the weights and packs them into `parts` contiguous row
 * blocks (fewer when X has fewer rows): into one SharedArrayBuffer when `shared`, else one
 * ArrayBuffer per block. @throws RangeError / TypeError as fit() does, before anything is sent.
 */
export function pack(X: unknown, y: unknown, weight: unknown, parts: number, shared: boolean): Packed {
  const src = rowsOf(X);
  const yv = targetOf(y);
  checkShapes('X', src, yv, 'y');
  const w = weight === undefined ? null : checkWeights(weight, src.rows);
  const { rows, cols } = src;
  const bounds = Array.from({ length: parts + 1 }, (_, k) => Math.floor((k * rows) / parts)).filter((b, k, all) => k === 0 || b > all[k - 1]);
  const inPlace = shared ? sharedRowsOf(src) : null;
  if (inPlace) checkRowsFinite(src, inPlace);
  const layout = { src, yv, w, inPlace, per: (inPlace ? 0 : cols) + 1 + (w ? 1 : 0) }; // f64 per row in our buffer
  const sab = shared ? takeShared(rows * layout.per * 8) : null;
  try {
    const blocks = bounds.slice(1).map((b, k) => fillBlock(layout, sab, bounds[k], b));
    return { rows, cols, blocks, done() { if (sab) spare = sab; } };
  } catch (error) {
    if (sab) spare = sab;
    throw error;
  }
}

interface Layout { src: Rows; yv: Target; w: Float64Array | null; inPlace: Float64Array | null; per: number }

// Rows [a, b) into the shared buffer ([X | y | w] over all the rows) or a new one ([X | y | w] of these rows).
function fillBlock({ src, yv, w, inPlace, per }: Layout, sab: SharedArrayBuffer | null, a: number, b: number): Block {
  const n = b - a, cols = src.cols, xPer = inPlace ? 0 : cols;
  const buf = sab ?? new ArrayBuffer(n * per * 8), f = new Float64Array(buf);
  const [first, count] = sab ? [a, src.rows] : [0, n];
  const x0 = first * xPer, y0 = count * xPer + first, w0 = w ? count * (xPer + 1) + first : -1;
  if (!inPlace) copyRows(src, a, b, f, x0);
  for (let i = 0; i < n; i++) {
    const v = yv.at(a + i);
    if (v - v !== 0) throw notFiniteError(`y[${a + i}]`, v);
    f[y0 + i] = v;
  }
  if (w) f.set(w.subarray(a, b), w0);
  return {
    xBuffer: inPlace ? inPlace.buffer as SharedArrayBuffer : buf, buffer: buf,
    x: inPlace ? inPlace.byteOffset + a * cols * 8 : x0 * 8, y: y0 * 8, w: w0 < 0 ? -1 : w0 * 8, rows: n,
    transfer: sab ? [] : [buf as ArrayBuffer],
  };
}

// X as a Matrix (its wasm view) or rows; the kinds flatten() accepts, with its messages.
function rowsOf(X: unknown): Rows {
  if (X instanceof Matrix) {
    X.assertAlive('X');
    checkMatrixFinite(X);
    return { kind: 'flat', data: X.data, rows: X.rows, cols: X.cols };
  }
  if (!Array.isArray(X)) throw new TypeError(`X must be a Matrix or an array of rows (number[][] or Float64Array[]), got ${describe(X)}`);
  const cols = X.length ? rowLength(X[0], 0) : 0;
  for (let i = 1; i < X.length; i++) {
    const c = rowLength(X[i], i);
    if (c !== cols) throw new RangeError(`X is ragged: row 0 has ${cols} values but row ${i} has ${c}; every row needs the same length`);
  }
  return { kind: 'rows', data: X, rows: X.length, cols };
}

function rowLength(row: unknown, i: number): number {
  if (!Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView))) {
    throw new TypeError(`X[${i}] must be an array of numbers, got ${describe(row)}`);
  }
  return (row as ArrayLike<unknown>).length;
}

interface Target { length: number; at(i: number): number }

function targetOf(y: unknown): Target {
  if (y instanceof Vector) {
    y.assertAlive('y');
    const d = y.data;
    return { length: d.length, at: (i) => d[i] };
  }
  if (!Array.isArray(y) && !(ArrayBuffer.isView(y) && !(y instanceof DataView))) {
    throw new TypeError(`y must be a Vector, number[] or Float64Array, got ${describe(y)}`);
  }
  const v = y as ArrayLike<unknown>;
  return {
    length: v.length,
    at(i) {
      const t = v[i];
      if (typeof t !== 'number') throw new TypeError(`y[${i}] must be a number, got ${describe(t)}`);
      return t;
    },
  };
}

// Rows [a, b) of X into f from index x0, each value checked (booleans are 0 and 1, as in fit).
function copyRows(src: Rows, a: number, b: number, f: Float64Array, x0: number): void {
  const { cols } = src;
  if (src.kind === 'flat') { // checked by checkMatrixFinite: a plain copy
    f.set(src.data.subarray(a * cols, b * cols), x0);
    return;
  }
  for (let i = a; i < b; i++) {
    const row = src.data[i] as ArrayLike<unknown>, o = x0 + (i - a) * cols;
    if (row instanceof Float64Array) {
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (v - v !== 0) throw notFiniteError(`X[${i}][${j}]`, v);
        f[o + j] = v;
      }
      continue;
    }
    for (let j = 0; j < cols; j++) f[o + j] = entry(row[j], i, j);
  }
}

function entry(v: unknown, i: number, j: number): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number') throw new TypeError(`X[${i}][${j}] must be a number, got ${describe(v)}`);
  if (v - v !== 0) throw notFiniteError(`X[${i}][${j}]`, v);
  return v;
}

// A Matrix's NaN/±Infinity, found by the SIMD predict kernel: X·0 is 0 in every row but those
// holding one (0·±Infinity and 0·NaN are NaN). One read of X at memory speed, ~4× faster than a JS
// scan, and then only that row is searched to name the entry as fit() does.
function checkMatrixFinite(X: Matrix): void {
  const arena = getArena(), { rows, cols } = X;
  if (!rows || !cols) return;
  const block = arena.alloc((cols + rows) * 8), out = block + cols * 8;
  try {
    arena.f64(block, cols).fill(0);
    arena.kernels.predict(X.ptr, rows, cols, block, 0, out);
    const o = arena.f64(out, rows);
    for (let i = 0; i < rows; i++) {
      if (o[i] === 0) continue;
      const d = X.data;
      for (let j = 0; j < cols; j++) if (!Number.isFinite(d[i * cols + j])) throw notFiniteError(`X[${i}][${j}]`, d[i * cols + j]);
    }
  } finally {
    arena.release(block);
  }
}

// X's rows when they are consecutive Float64Array views of one SharedArrayBuffer: read in place.
function sharedRowsOf(src: Rows): Float64Array | null {
  if (src.kind !== 'rows' || !src.rows || typeof SharedArrayBuffer !== 'function') return null;
  const first = src.data[0];
  if (!(first instanceof Float64Array) || !(first.buffer instanceof SharedArrayBuffer)) return null;
  const base = first.byteOffset, step = src.cols * 8;
  for (let i = 1; i < src.rows; i++) {
    const r = src.data[i];
    if (!(r instanceof Float64Array) || r.buffer !== first.buffer || r.byteOffset !== base + i * step) return null;
  }
  return new Float64Array(first.buffer, base, src.rows * src.cols);
}

// Finite check of X read in place.
function checkRowsFinite(src: Rows, d: Float64Array): void {
  for (let k = 0; k < d.length; k++) {
    if (d[k] - d[k] !== 0) throw notFiniteError(`X[${Math.floor(k / src.cols)}][${k % src.cols}]`, d[k]);
  }
}

// A SharedArrayBuffer of at least `bytes`: the kept one when large enough (it is taken, so two
// calls at once never share it).
function takeShared(bytes: number): SharedArrayBuffer {
  if (spare && spare.byteLength >= bytes) {
    const s = spare;
    spare = undefined;
    return s;
  }
  return new SharedArrayBuffer(Math.max(bytes, 8));
}
