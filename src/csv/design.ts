// Tables to designs: which feature columns are categorical, their levels, and X's columns.
//
// A categorical column with levels l₀ < l₁ < … < l_{L−1} becomes L − 1 columns of 0/1: a row with
// level l_c has a 1 in column c (c ≥ 1) and 0 in the others; l₀, the reference, is all zeros (the
// intercept carries it). This is patsy's treatment coding, and the columns are named as patsy names
// them: `color[T.green]`. X's columns follow the features' order, a categorical feature's columns in
// the order of its levels. (patsy puts every categorical term before the numeric ones: list the
// features in that order to get statsmodels' column order.)
//
// Levels found in the data are sorted as patsy sorts what pandas' read_csv gives it: a column whose
// levels are all numbers (pandas reads it as numbers) in numeric order, any other by code point
// (Python's str order). Levels given in `levels` keep their order.
import { CsvError } from './errors.js';
import { columnIndex, type Plan, type Settings } from './options.js';
import { isMissing, isText } from './cells.js';

/** @internal Data rows read before the first chunk to tell text columns from numeric ones. */
export const DETECT_ROWS = 1000;

/** @internal The columns of X a plan's features become. */
export interface Design {
  plan: Plan;
  /** Per feature (plan.features' order): its levels, the first the reference; null for a number. */
  levels: (string[] | null)[];
  /** Per feature: level → its index in `levels`; null for a number. */
  codes: (Map<string, number> | null)[];
  /** Per feature: its first column in X. */
  offsets: number[];
  /** Columns of X. */
  width: number;
  /** X's column names: a number's feature name, `name[T.level]` for each level but the reference. */
  featureNames: string[];
}

/** @internal Why a feature is categorical before its levels are known, for messages. */
export interface Categorical {
  /** The levels given in options, if any. */
  given: string[] | undefined;
  /** The first text cell that made it categorical (undefined: named in the options). */
  text?: { line: number; cell: string };
}

/** @internal A data row read ahead, with its line. */
export interface SampleRow { cells: string[]; line: number }

/**
 * @internal The categorical features (index in plan.features → why), from the options and the
 * sample's text cells. @throws RangeError when categorical or levels names a column that is not a feature.
 */
export function categoricalFeatures(plan: Plan, s: Settings, names: string[] | null, sample: SampleRow[], where: string): Map<number, Categorical> {
  const out = new Map<number, Categorical>();
  const feature = (j: number, option: string): number => {
    const f = plan.features.indexOf(j);
    if (f < 0) throw new RangeError(`${option} names column ${j + 1} (${plan.columns[j]}), which is not a feature: only features can be categorical`);
    return f;
  };
  for (const c of s.categorical) out.set(feature(columnIndex(c, 'categorical', names, plan.n, where), `categorical (${String(c)})`), { given: undefined });
  for (const [key, given] of Object.entries(s.levels)) {
    const c = names ? key : /^-?\d+$/.test(key) ? Number(key) : key;
    out.set(feature(columnIndex(c, 'levels', names, plan.n, where), `levels.${key}`), { given });
  }
  plan.features.forEach((j, f) => {
    if (out.has(f)) return;
    for (const row of sample) {
      const cell = row.cells[j];
      if (row.cells.length === plan.n && !isMissing(cell) && isText(cell)) {
        out.set(f, { given: undefined, text: { line: row.line, cell } });
        return;
      }
    }
  });
  return out;
}

/** @internal The design for each feature's levels (null: a number). @throws RangeError for a design of no columns. */
export function makeDesign(plan: Plan, levels: (string[] | null)[], where: string): Design {
  const codes = levels.map((l) => (l ? new Map(l.map((level, c) => [level, c])) : null));
  const offsets: number[] = [], featureNames: string[] = [];
  levels.forEach((l, f) => {
    offsets.push(featureNames.length);
    const name = plan.featureNames[f];
    if (l) for (const level of l.slice(1)) featureNames.push(`${name}[T.${level}]`);
    else featureNames.push(name);
  });
  if (featureNames.length === 0) {
    throw new RangeError(`${where}: the design has no columns: every feature is categorical with a single level (${plan.featureNames.join(', ')}), which the intercept carries`);
  }
  return { plan, levels, codes, offsets, width: featureNames.length, featureNames };
}

/** @internal The design of the first pass: `levels` holds [] for each feature whose levels it finds (X is not written). */
export function levelsPassDesign(plan: Plan, levels: (string[] | null)[]): Design {
  const codes = levels.map((l) => (l ? new Map(l.map((level, c) => [level, c])) : null));
  return { plan, levels, codes, offsets: plan.features.map(() => 0), width: 0, featureNames: [] };
}

/** @internal The levels of the categorical features, keyed as the `levels` option takes them. */
export function levelsOption(d: Design, header: boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  d.levels.forEach((l, f) => {
    const j = d.plan.features[f];
    if (l) out[header ? d.plan.columns[j] : String(j)] = l.slice();
  });
  return out;
}

/** @internal Levels found in the data, in patsy's order (see the file header). */
export function sortLevels(levels: Iterable<string>): string[] {
  const list = [...levels];
  if (list.every((l) => !isText(l))) {
    return list.sort((a, b) => +a - +b || codePointOrder(a, b));
  }
  return list.sort(codePointOrder);
}

/**
 * @internal a < b by Unicode code points, as Python compares str. JavaScript's < compares UTF-16
 * units, which differs only where a surrogate (a code point ≥ U+10000) meets a unit ≥ U+E000.
 */
export function codePointOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    const sx = x >= 0xd800 && x <= 0xdfff, sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** @internal The error of a stream's categorical column whose levels were not given. */
export function levelsNeeded(plan: Plan, f: number, why: Categorical, header: boolean, where: string): CsvError {
  const j = plan.features[f], name = plan.columns[j];
  const key = JSON.stringify(header ? name : String(j));
  const reason = why.text
    ? `${where} line ${why.text.line}, column ${j + 1} (${name}): ${JSON.stringify(why.text.cell)} is text, so ${name} is categorical`
    : `${where}: ${name} is categorical (categorical option)`;
  return new CsvError('levels-needed',
    `${reason}, but a stream is read once and its levels must be known before the first row is encoded: ` +
    `give them, levels: { ${key}: [...] } (the first is the reference), or read a string, Blob or file, whose levels are found in a first pass`,
    why.text ? { line: why.text.line, column: j + 1, columnName: name, cell: why.text.cell } : { column: j + 1, columnName: name });
}
