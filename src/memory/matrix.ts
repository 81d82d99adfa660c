import { Owned } from './owned.js';
import { checkAllFinite, checkInteger, describe, notFiniteError } from '../validate.js';

/**
 * A row-major rows×cols float64 matrix living in wasm memory. Fill `data` in place (zero copies);
 * every kernel reads it directly.
 * @example
 * const X = Matrix.alloc(1000, 3);
 * X.data.set(myRowMajorValues); // or write X.data[i * 3 + j] directly
 */
export class Matrix extends Owned {
  readonly rows: number;
  readonly cols: number;
  private cached: Float64Array | undefined;

  private constructor(rows: number, cols: number) {
    super(rows * cols * 8);
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * Allocates a zero-filled rows×cols matrix in wasm memory.
   * @throws RangeError for non-integer or negative sizes, or when wasm memory cannot hold it.
   */
  static alloc(rows: number, cols: number): Matrix {
    checkInteger('rows', rows, 0);
    checkInteger('cols', cols, 0);
    const m = new Matrix(rows, cols);
    m.data.fill(0);
    return m;
  }

  /**
   * Copies data into a new matrix: either `number[][]` (one array per row), or a flat row-major
   * `ArrayLike<number>` with `rows` and `cols`.
   * @throws TypeError for ragged rows or non-numbers; RangeError for NaN/±Infinity or a length
   *   that does not match rows×cols.
   * @example
   * Matrix.from([[1, 2], [3, 4]]);
   * Matrix.from(new Float64Array([1, 2, 3, 4]), 2, 2);
   */
  static from(rowsOrData: ArrayLike<number> | ArrayLike<number>[], rows?: number, cols?: number): Matrix {
    const flat = flatten(rowsOrData, rows, cols);
    const m = new Matrix(flat.rows, flat.cols);
    m.data.set(flat.data);
    return m;
  }

  /** The matrix's row-major Float64Array view of wasm memory (always current, even after growth). */
  get data(): Float64Array {
    this.assertAlive('Matrix');
    this.cached = this.view(this.cached, 0, this.rows * this.cols);
    return this.cached;
  }

  /** A copy as one array per row. */
  toArray(): number[][] {
    const d = this.data;
    return Array.from({ length: this.rows }, (_, i) => Array.from(d.subarray(i * this.cols, (i + 1) * this.cols)));
  }
}

/** Flat row-major data with its shape, validated (finite numbers, rectangular). */
export interface FlatMatrix { data: ArrayLike<number>; rows: number; cols: number }

/** @internal Validates `number[][]` or flat data + shape and returns it flat. */
export function flatten(input: unknown, rows?: number, cols?: number, name = 'X'): FlatMatrix {
  if (rows !== undefined || cols !== undefined) return flatWithShape(input, rows, cols, name);
  if (!Array.isArray(input)) {
    throw new TypeError(`${name} must be a Matrix, number[][] or flat data with rows and cols, got ${describe(input)}`);
  }
  const r = input.length;
  const c = r === 0 ? 0 : rowLength(input[0], name, 0);
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const row = input[i];
    if (rowLength(row, name, i) !== c) {
      throw new RangeError(`${name} is ragged: row 0 has ${c} values but row ${i} has ${row.length}; every row needs the same length`);
    }
    for (let j = 0; j < c; j++) data[i * c + j] = checkEntry(row[j], name, i, j);
  }
  return { data, rows: r, cols: c };
}

function flatWithShape(input: unknown, rows: unknown, cols: unknown, name: string): FlatMatrix {
  const r = checkInteger('rows', rows, 0);
  const c = checkInteger('cols', cols, 0);
  if (!isNumberArrayLike(input)) {
    throw new TypeError(`${name} must be a Float64Array or number[] when rows and cols are given, got ${describe(input)}`);
  }
  if (input.length !== r * c) {
    throw new RangeError(`${name} has ${input.length} values but rows × cols = ${r} × ${c} = ${r * c}`);
  }
  for (let k = 0; k < input.length; k++) {
    if (typeof input[k] !== 'number') throw new TypeError(`${name}[${k}] must be a number, got ${describe(input[k])}`);
  }
  checkAllFinite(name, input, c);
  return { data: input, rows: r, cols: c };
}

function rowLength(row: unknown, name: string, i: number): number {
  if (!isNumberArrayLike(row)) throw new TypeError(`${name}[${i}] must be an array of numbers, got ${describe(row)}`);
  return row.length;
}

function checkEntry(v: unknown, name: string, i: number, j: number): number {
  if (typeof v === 'boolean') return v ? 1 : 0; // a boolean column (one-hot flags) is 0/1
  if (typeof v !== 'number') throw new TypeError(`${name}[${i}][${j}] must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v)) throw notFiniteError(`${name}[${i}][${j}]`, v);
  return v;
}

/** @internal */
export function isNumberArrayLike(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}
