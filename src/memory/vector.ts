import { Owned } from './owned.js';
import { isNumberArrayLike } from './matrix.js';
import { checkAllFinite, checkInteger, describe } from '../validate.js';

/**
 * A float64 vector living in wasm memory; fill `data` in place.
 * @example
 * const y = Vector.from([1, 2, 3]);
 */
export class Vector extends Owned {
  readonly length: number;
  private cached: Float64Array | undefined;

  private constructor(length: number) {
    super(length * 8);
    this.length = length;
  }

  /** Allocates a zero vector of length n in wasm memory. @throws RangeError for a bad n. */
  static alloc(n: number): Vector {
    checkInteger('n', n, 0);
    const v = new Vector(n);
    v.data.fill(0);
    return v;
  }

  /**
   * Copies values into a new vector.
   * @throws TypeError for non-numbers; RangeError for NaN/±Infinity (naming the index).
   */
  static from(values: ArrayLike<number>): Vector {
    const data = flattenVector(values, 'values');
    const v = new Vector(data.length);
    v.data.set(data);
    return v;
  }

  /** The vector's Float64Array view of wasm memory (always current, even after growth). */
  get data(): Float64Array {
    this.assertAlive('Vector');
    this.cached = this.view(this.cached, 0, this.length);
    return this.cached;
  }
}

/** @internal Validates a number[] / typed array of finite numbers. */
export function flattenVector(values: unknown, name: string): ArrayLike<number> {
  if (!isNumberArrayLike(values)) {
    throw new TypeError(`${name} must be a Vector, number[] or Float64Array, got ${describe(values)}`);
  }
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number') throw new TypeError(`${name}[${i}] must be a number, got ${describe(values[i])}`);
  }
  checkAllFinite(name, values);
  return values;
}
