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

/** The RangeError for a NaN/±Infinity entry: `X[4][1] is NaN: data must be finite numbers …`. */
export function notFiniteError(entry: string, value: number): RangeError {
  return new RangeError(`${entry} is ${value}: data must be finite numbers (drop or impute missing values first)`);
}

/** Throws RangeError naming `name[i]` (or `name[row][col]` when `cols` is given) if any entry is not finite. */
export function checkAllFinite(name: string, data: ArrayLike<number>, cols?: number): void {
  const i = firstNonFinite(data);
  if (i < 0) return;
  const at = cols === undefined ? `[${i}]` : `[${Math.floor(i / cols)}][${i % cols}]`;
  throw notFiniteError(`${name}${at}`, data[i]);
}

/**
 * Shapes of a design and its targets: b has one value per row of A, and A has at least one row
 * and one column. `what` and `bName` name them in the RangeError.
 */
export function checkShapes(what: string, A: { rows: number; cols: number }, b: { length: number }, bName: string): void {
  if (b.length !== A.rows) throw new RangeError(`${bName} has ${b.length} values but ${what} has ${A.rows} rows`);
  if (A.rows === 0) throw new RangeError(`${what} has no rows: at least one observation is needed`);
  if (A.cols === 0) throw new RangeError(`${what} has no columns: at least one feature is needed`);
}

/**
 * Checks the envelope of saved JSON, `{ format, version: 1, type? }`, before anything is read from
 * it, and returns it as a record. Another format is a TypeError `${notSaved}, got <value>`,
 * another version a RangeError `${versionLabel} 2; this build reads version 1`; `type` is checked
 * when given (the optimizers share one format). `where` prefixes every message.
 */
export function checkEnvelope(
  json: unknown, format: string, notSaved: string, versionLabel: string, where = '', type?: string,
): Record<string, unknown> {
  const j = json as Record<string, unknown> | null;
  if (typeof j !== 'object' || j === null || j.format !== format) throw new TypeError(`${where}${notSaved}, got ${describe(json)}`);
  if (j.version !== 1) throw new RangeError(`${where}${versionLabel} ${describe(j.version)}; this build reads version 1`);
  if (type !== undefined && j.type !== type) throw new TypeError(`${where}this is a ${type} but the saved state is from ${describe(j.type)}`);
  return j;
}
