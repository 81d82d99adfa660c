// Argument checks shared by every entry point. They run before wasm is entered and name the bad
// value and what to do: RangeError for values and shapes, TypeError for kinds.

/** Describes a value for an error message without dumping large objects. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return (value as object).constructor?.name ?? typeof value;
}

/** A finite number, else TypeError (not a number) or RangeError (NaN/±Infinity). */
export function checkFinite(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

/** An integer ≥ min. */
export function checkInteger(name: string, value: unknown, min: number): number {
  checkFinite(name, value);
  const v = value as number;
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
}

/** A finite number in [lo, hi) (or [lo, hi] when `closed`). */
export function checkRange(name: string, value: unknown, lo: number, hi: number, closed = false): number {
  const v = checkFinite(name, value);
  if (v < lo || (closed ? v > hi : v >= hi)) {
    throw new RangeError(`${name} must be in [${lo}, ${hi}${closed ? ']' : ')'}, got ${v}`);
  }
  return v;
}

/** A boolean. */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false, got ${describe(value)}`);
  return value;
}

/** An options object (or undefined) whose keys are all known. */
export function checkOptions<T extends object>(where: string, options: unknown, known: readonly string[]): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${where}: unknown option ${JSON.stringify(key)}; known options are ${known.join(', ')}`);
    }
  }
  return options as Partial<T>;
}

/** Index of the first non-finite entry of `data`, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/** Throws RangeError naming `name[i]` (or `name[row][col]` when `cols` is given) if any entry is not finite. */
export function checkAllFinite(name: string, data: ArrayLike<number>, cols?: number): void {
  const i = firstNonFinite(data);
  if (i < 0) return;
  const at = cols === undefined ? `[${i}]` : `[${Math.floor(i / cols)}][${i % cols}]`;
  throw new RangeError(`${name}${at} is ${data[i]}: data must be finite numbers (drop or impute missing values first)`);
}
