import { getArena } from '../wasm/init.js';
import { Matrix, flatten } from './matrix.js';
import { Vector, flattenVector } from './vector.js';
import { checkAllFinite } from '../validate.js';

/**
 * What the API accepts as a design matrix: a wasm `Matrix` (zero copies) or one array per row
 * (booleans are taken as 0 and 1).
 */
export type MatrixInput = Matrix | ArrayLike<number>[] | ArrayLike<number | boolean>[];
/** What the API accepts as a vector: a wasm `Vector` (zero copies), a number[] or a Float64Array. */
export type VectorInput = Vector | ArrayLike<number>;

/** @internal A matrix in wasm memory for the duration of one call. */
export interface MatrixRef { ptr: number; rows: number; cols: number; data(): Float64Array; release(): void }
/** @internal A vector in wasm memory for the duration of one call. */
export interface VectorRef { ptr: number; length: number; data(): Float64Array; release(): void }

/**
 * @internal A `Matrix` is used in place; plain arrays are validated first, then copied into a
 * temporary block that `release()` frees.
 */
export function borrowMatrix(name: string, input: unknown): MatrixRef {
  if (input instanceof Matrix) {
    input.assertAlive(name);
    return { ptr: input.ptr, rows: input.rows, cols: input.cols, data: () => input.data, release() {} };
  }
  const flat = flatten(input, undefined, undefined, name);
  const arena = getArena();
  const ptr = arena.alloc(flat.data.length * 8);
  arena.f64(ptr, flat.data.length).set(flat.data);
  const length = flat.data.length;
  return { ptr, rows: flat.rows, cols: flat.cols, data: () => arena.f64(ptr, length), release: () => arena.release(ptr) };
}

/** @internal As {@link borrowMatrix}, for vectors. */
export function borrowVector(name: string, input: unknown): VectorRef {
  if (input instanceof Vector) {
    input.assertAlive(name);
    return { ptr: input.ptr, length: input.length, data: () => input.data, release() {} };
  }
  const values = flattenVector(input, name);
  const arena = getArena();
  const ptr = arena.alloc(values.length * 8);
  arena.f64(ptr, values.length).set(values);
  const length = values.length;
  return { ptr, length, data: () => arena.f64(ptr, length), release: () => arena.release(ptr) };
}

/**
 * @internal Runs `fn` with a matrix and a vector in wasm memory (named `names` in error messages)
 * and frees any temporary copies afterwards, even when `fn` throws. Both are validated before
 * anything is allocated for the other.
 */
export function withData<T>(
  X: unknown, y: unknown, fn: (X: MatrixRef, y: VectorRef) => T, names: [string, string] = ['X', 'y'],
): T {
  const refX = borrowMatrix(names[0], X);
  let refY: VectorRef;
  try {
    refY = borrowVector(names[1], y);
  } catch (error) {
    refX.release();
    throw error;
  }
  try {
    return fn(refX, refY);
  } finally {
    refY.release();
    refX.release();
  }
}

/**
 * @internal After a kernel reported a non-finite result: throws the RangeError naming the first
 * NaN/±Infinity among the named inputs, in order (user-filled matrices are not scanned on the hot
 * path). Returns quietly when they are all finite; a null input is skipped.
 */
export function assertInputsFinite(inputs: [name: string, ref: MatrixRef | VectorRef | null][]): void {
  for (const [name, ref] of inputs) if (ref) checkAllFinite(name, ref.data(), 'cols' in ref ? ref.cols : undefined);
}
