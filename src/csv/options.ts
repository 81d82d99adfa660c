// Options of csvChunks / csvFile, and the column plan they resolve to once the header is known:
// which column is y, which are X (in order), which is the weight, and the names they carry.
import { CsvError } from './errors.js';
import { isMissing } from './cells.js';

/** A column, by its header name or its 0-based index (negative counts from the end: -1 is the last). */
export type CsvColumn = string | number;

/** Options of {@link csvChunks} and {@link csvFile}. */
export interface CsvOptions {
  /** The column of y. Default: the last column. */
  target?: CsvColumn;
  /** The columns of X, in this order. Default: every column but the target and the weight. */
  features?: CsvColumn[];
  /** A column of sample weights, given to each chunk as `sampleWeight`. Default: none. */
  weight?: CsvColumn;
  /** Rows per chunk (the last chunk has the rest). Default 65 536. */
  chunkRows?: number;
  /** Whether line 1 holds the column names. Default true; without one, features are named x1, x2, … and the target y. */
  header?: boolean;
  /** One character between fields. Default ','. */
  delimiter?: string;
  /**
   * Feature columns read as categorical even where their cells look like numbers (patsy's `C(col)`).
   * A feature column is also categorical when `levels` names it, or when a cell of it in the first
   * 1000 rows is text (neither a number nor a missing value). Default: none forced.
   */
  categorical?: CsvColumn[];
  /**
   * The levels of categorical columns, in order: the first is the reference (it gets no column),
   * the others one 0/1 column each, named `col[T.level]`. Keys are header names (with header: false,
   * 0-based column indices). A cell that is not one of them is a CsvError. Needed for a stream, which
   * is read once; a string, Blob or file finds the levels it is not given in a first pass (sorted as
   * patsy sorts them). Default: none given.
   */
  levels?: Record<string, string[]>;
  /**
   * What a missing value in a used column (target, feature, weight) does: `'drop'` skips its row and
   * counts it (`CsvSource.dropped`); `'error'` stops at it with a CsvError naming its line and column.
   * Missing: an empty cell, one of only spaces, `NA` or `NaN` (exactly these spellings, spaces around
   * allowed). Default 'drop'.
   */
  missing?: 'drop' | 'error';
  /** Most levels a categorical column may have when they are found in the data. Default 1000. */
  maxLevels?: number;
}

/** @internal Options checked, with their defaults. */
export interface Settings {
  target: CsvColumn;
  features: CsvColumn[] | undefined;
  weight: CsvColumn | undefined;
  chunkRows: number;
  header: boolean;
  delimiter: string;
  categorical: CsvColumn[];
  levels: Record<string, string[]>;
  missing: 'drop' | 'error';
  maxLevels: number;
}

/** @internal The columns a CSV's rows are read into. */
export interface Plan {
  /** Fields a row must have. */
  n: number;
  /** The header's names (`column 1`, … without a header), for messages. */
  columns: string[];
  features: number[];
  target: number;
  /** -1 without a weight column. */
  weight: number;
  /** Columns read into nothing (only checked for shape). */
  ignored: number[];
  featureNames: string[];
  targetName: string;
  weightName: string | undefined;
}

const KEYS = ['target', 'features', 'weight', 'chunkRows', 'header', 'delimiter', 'categorical', 'levels', 'missing', 'maxLevels'];

/** @internal @throws TypeError for unknown options or wrong kinds; RangeError for bad values. */
export function checkCsvOptions(options: unknown, extra: string[] = []): Settings {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`CSV options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  const o = options as Record<string, unknown>;
  const unknown = Object.keys(o).find((k) => !KEYS.includes(k) && !extra.includes(k));
  if (unknown) throw new TypeError(`unknown CSV option "${unknown}"; the options are ${[...KEYS, ...extra].join(', ')}`);
  const chunkRows = o.chunkRows ?? 65_536;
  if (typeof chunkRows !== 'number' || !Number.isInteger(chunkRows) || chunkRows < 1) {
    throw new RangeError(`chunkRows must be a positive integer, got ${String(chunkRows)}`);
  }
  const header = o.header ?? true;
  if (typeof header !== 'boolean') throw new TypeError(`header must be true or false, got ${typeof header}`);
  const delimiter = o.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || '"\r\n'.includes(delimiter)) {
    throw new RangeError(`delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`);
  }
  if (o.features !== undefined && !Array.isArray(o.features)) {
    throw new TypeError('features must be an array of column names or indices');
  }
  if (o.categorical !== undefined && !Array.isArray(o.categorical)) {
    throw new TypeError('categorical must be an array of column names or indices');
  }
  const categorical = (o.categorical as CsvColumn[] | undefined) ?? [];
  for (const c of [o.target, o.weight, ...((o.features as unknown[] | undefined) ?? []), ...categorical]) checkColumnSpec(c);
  const missing = o.missing ?? 'drop';
  if (missing !== 'drop' && missing !== 'error') throw new RangeError(`missing must be 'drop' or 'error', got ${JSON.stringify(missing)}`);
  const maxLevels = o.maxLevels ?? 1000;
  if (typeof maxLevels !== 'number' || !Number.isInteger(maxLevels) || maxLevels < 1) {
    throw new RangeError(`maxLevels must be a positive integer, got ${String(maxLevels)}`);
  }
  return {
    target: (o.target as CsvColumn | undefined) ?? -1,
    features: o.features as CsvColumn[] | undefined,
    weight: o.weight as CsvColumn | undefined,
    chunkRows, header, delimiter, categorical,
    levels: checkLevels(o.levels), missing, maxLevels,
  };
}

/** `levels`: an object of arrays of distinct strings that are not missing values. */
function checkLevels(levels: unknown): Record<string, string[]> {
  if (levels === undefined) return {};
  if (typeof levels !== 'object' || levels === null || Array.isArray(levels)) {
    throw new TypeError('levels must be an object { column: [level, …] }');
  }
  const out: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(levels)) {
    if (!Array.isArray(list) || list.some((l) => typeof l !== 'string')) throw new TypeError(`levels.${key} must be an array of strings`);
    if (list.length === 0) throw new RangeError(`levels.${key} is empty: give at least one level (the first is the reference)`);
    const twice = list.find((l, i) => list.indexOf(l) !== i);
    if (twice !== undefined) throw new RangeError(`levels.${key} holds ${JSON.stringify(twice)} twice`);
    const gap = list.find((l) => isMissing(l));
    if (gap !== undefined) throw new RangeError(`levels.${key} holds ${JSON.stringify(gap)}, which is a missing value (empty, NA or NaN), not a level`);
    out[key] = list.slice();
  }
  return out;
}

function checkColumnSpec(c: unknown): void {
  if (c === undefined || typeof c === 'string') return;
  if (typeof c !== 'number') throw new TypeError(`a column is a header name or an index, got ${typeof c}`);
  if (!Number.isInteger(c)) throw new RangeError(`a column index must be an integer, got ${c}`);
}

/**
 * @internal The plan for a header of `names` (null: no header, `n` columns).
 * @throws CsvError 'missing-column' naming the column and the header; RangeError when one column is used twice.
 */
export function planColumns(s: Settings, names: string[] | null, n: number, where: string): Plan {
  const columns = names ?? Array.from({ length: n }, (_, j) => `column ${j + 1}`);
  const find = (c: CsvColumn, role: string): number => columnIndex(c, role, names, n, where);
  const target = find(s.target, 'target');
  const weight = s.weight === undefined ? -1 : find(s.weight, 'weight');
  if (weight === target) throw new RangeError(`weight and target are the same column (${columns[target]})${s.target === -1 ? ': the target is the last column unless given' : ''}`);
  const features = s.features
    ? s.features.map((c) => find(c, 'feature'))
    : Array.from({ length: n }, (_, j) => j).filter((j) => j !== target && j !== weight);
  const used = new Set<number>([target]);
  if (weight >= 0) used.add(weight);
  for (const j of features) {
    if (used.has(j)) throw new RangeError(`column ${j + 1} (${columns[j]}) is used twice: a feature must not be the target, the weight or another feature`);
    used.add(j);
  }
  if (features.length === 0) throw new RangeError(`${where}: no feature columns; give at least one (the target is ${columns[target]})`);
  return {
    n, columns, features, target, weight,
    ignored: Array.from({ length: n }, (_, j) => j).filter((j) => !used.has(j)),
    featureNames: names ? features.map((j) => names[j]) : features.map((_, k) => `x${k + 1}`),
    targetName: names ? names[target] : 'y',
    weightName: weight < 0 ? undefined : names ? names[weight] : 'weight',
  };
}

/** @internal The 0-based index of column `c`. @throws CsvError 'missing-column'. */
export function columnIndex(c: CsvColumn, role: string, names: string[] | null, n: number, where: string): number {
  if (typeof c === 'number') {
    if (c >= n || c < -n) {
      throw new CsvError('missing-column', `${where}: the ${role} column index ${c} is out of range: the CSV has ${n} columns (0 to ${n - 1}, or -1 for the last)`);
    }
    return c < 0 ? n + c : c;
  }
  if (!names) throw new CsvError('missing-column', `${where}: the ${role} column "${c}" is a name, but the CSV has no header (header: false): give its index`);
  const j = names.indexOf(c);
  if (j < 0) throw new CsvError('missing-column', `${where}: no column named "${c}" for the ${role}; the header has ${listNames(names)}`, { line: 1 });
  if (names.indexOf(c, j + 1) >= 0) throw new CsvError('missing-column', `${where}: the header names "${c}" twice (columns ${j + 1} and ${names.indexOf(c, j + 1) + 1}): give the ${role} by index`, { line: 1 });
  return j;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 20).map((s) => JSON.stringify(s)).join(', ');
  return names.length > 20 ? `${shown}, … (${names.length} columns)` : shown;
}
