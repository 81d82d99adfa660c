// Rows → the design's numbers. A RowSink takes each data row twice over: uDSV's rows (the fast
// path, which refuses what it cannot vouch for; the splitter then re-reads the piece) and the exact
// reader's records (which raise the CsvError naming line and column). In 'encode' mode it writes
// X (numbers and 0/1 dummy columns), y and the weights into chunks and drops rows with a missing
// value; in 'levels' mode (the first pass) it makes the same checks and keeps only the levels.
import { CsvError } from './errors.js';
import { decimal, isMissing, numberCell, missingError, cellError, type Place } from './cells.js';
import { DETECT_ROWS, type Design } from './design.js';
import type { Settings } from './options.js';

/**
 * One chunk of rows, as `fitStream`, `partialFit` and `fit` take it. `X[i]` is row i, a view of one
 * row-major Float64Array of rows × columns of X (`X[0].buffer`); `y` and `sampleWeight` one value a row.
 */
export interface CsvChunk {
  X: Float64Array[];
  y: Float64Array;
  /** Present when a weight column was given. */
  sampleWeight?: Float64Array;
}

/** Rows skipped for a missing value (see the `missing` option). */
export interface CsvDropped {
  /** Rows dropped. */
  rows: number;
  /** Per used column with a missing value in a dropped row: how many (a row can count for several). */
  byColumn: Record<string, number>;
}

/** @internal The fast path's refusal; caught where the piece was handed over, never seen outside. */
export const REFUSED = new Error('refused');

interface Saved { X: Float64Array; y: Float64Array; w: Float64Array | undefined; filled: number; queued: number; rows: number; records: number; droppedRows: number; byColumn: number[] }

/** @internal See the file header. `collect[f]`: feature f's levels are being found (its map grows). */
export class RowSink {
  /** Data rows read, kept or dropped (the splitter counts lines with it). */
  records = 0;
  /** Rows kept. */
  rows = 0;
  /** Whether the piece uDSV reads has no quotes (set by the splitter). */
  plain = true;
  /** uDSV's row callback. */
  readonly onRow: (row: string[]) => void;
  private X!: Float64Array;
  private y!: Float64Array;
  private w: Float64Array | undefined;
  private filled = 0;
  private readonly queue: CsvChunk[] = [];
  /** Rows dropped. */
  private droppedRows = 0;
  /** Per column: dropped rows where it is missing. */
  private byColumn: number[];
  /** Levels added during the current piece (feature, level), undone with it. */
  private readonly added: [number, string][] = [];
  private readonly encode: boolean;
  /** Per numeric feature: the end of the message of a text cell in it. */
  private readonly hints: string[];

  constructor(private readonly d: Design, private readonly s: Settings, private readonly where: string, private readonly collect: boolean[] | null) {
    this.encode = collect === null;
    this.byColumn = new Array<number>(d.plan.n).fill(0);
    this.hints = d.plan.features.map((j, f) => {
      const key = s.header ? JSON.stringify(d.plan.columns[j]) : String(j);
      return d.levels[f] ? '' : ` (${d.plan.featureNames[f]} is read as numbers: its first ${DETECT_ROWS} rows hold no text; give categorical: [${key}] to read it as categorical)`;
    });
    if (this.encode) this.fresh();
    this.onRow = d.levels.every((l) => l === null) && this.encode ? this.numericRow() : this.anyRow();
  }

  /** A number, or (missing: 'drop') 0 with `gap.on` set, or REFUSED. */
  private numberReader(gap: { on: boolean }): (cell: string) => number {
    const drop = this.s.missing === 'drop';
    return (cell: string): number => {
      const v = decimal(cell);
      if (v === v) return v;
      const u = +cell; // everything but a plain decimal of up to 15 digits
      if (u - u !== 0 || ((u === 0 || cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32) &&
        (cell.indexOf('\n') >= 0 || cell.trim() === ''))) {
        // uDSV reads a quoted cell before \r\n in a \n file as "\r": trust no \r in quoted text.
        if (drop && cell.indexOf('\n') < 0 && (this.plain || cell.indexOf('\r') < 0) && isMissing(cell)) {
          gap.on = true;
          return 0;
        }
        throw REFUSED;
      }
      return u;
    };
  }

  /** The fast path of a design of numbers only: the loop of the numeric reader, unchanged. */
  private numericRow(): (row: string[]) => void {
    const { n, features, target, weight, ignored } = this.d.plan;
    const p = this.d.width, last = n - 1, delim = this.s.delimiter, chunkRows = this.s.chunkRows;
    const gap = { on: false }, num = this.numberReader(gap);
    return (row: string[]): void => {
      if (row.length !== n) throw REFUSED;
      gap.on = false;
      const k = this.filled, X = this.X, base = k * p;
      for (let j = 0; j < p; j++) X[base + j] = num(row[features[j]]);
      this.y[k] = num(row[target]);
      if (weight >= 0) this.w![k] = num(row[weight]);
      if (this.plain) {
        for (const j of ignored) {
          if (row[j].indexOf('\n') >= 0 || (j === last && row[j].indexOf(delim) >= 0)) throw REFUSED;
        }
      }
      this.records++;
      if (gap.on) return this.drop(row);
      this.rows++;
      if (++this.filled === chunkRows) this.flush(false);
    };
  }

  /** The fast path of a design with categorical features, and of the levels pass. */
  private anyRow(): (row: string[]) => void {
    const { n, features, target, weight, ignored } = this.d.plan;
    const { codes, offsets, levels, width } = this.d;
    const last = n - 1, delim = this.s.delimiter, chunkRows = this.s.chunkRows, encode = this.encode;
    const drop = this.s.missing === 'drop', max = this.s.maxLevels, collect = this.collect;
    const gap = { on: false }, num = this.numberReader(gap);
    return (row: string[]): void => {
      if (row.length !== n) throw REFUSED;
      gap.on = false;
      const k = this.filled, X = this.X, base = k * width;
      for (let f = 0; f < features.length; f++) {
        const j = features[f], map = codes[f];
        if (map === null) {
          const v = num(row[j]);
          if (encode) X[base + offsets[f]] = v;
          continue;
        }
        let cell = row[j];
        if (j === last) {
          if (this.plain && cell.charCodeAt(cell.length - 1) === 13) cell = cell.slice(0, -1); // the exact reader drops it too
          if (cell.indexOf(delim) >= 0) throw REFUSED;
        }
        if (cell.indexOf('\n') >= 0 || (!this.plain && cell.indexOf('\r') >= 0)) throw REFUSED;
        let c = map.get(cell);
        if (c === undefined) {
          if (isMissing(cell)) {
            if (!drop) throw REFUSED;
            gap.on = true;
            c = 0;
          } else if (collect?.[f] && map.size < max) {
            map.set(cell, (c = map.size));
            this.added.push([f, cell]);
          } else throw REFUSED;
        }
        if (encode) dummies(X, base + offsets[f], levels[f]!.length - 1, c);
      }
      const y = num(row[target]);
      const w = weight >= 0 ? num(row[weight]) : 0;
      if (this.plain) {
        for (const j of ignored) {
          if (row[j].indexOf('\n') >= 0 || (j === last && row[j].indexOf(delim) >= 0)) throw REFUSED;
        }
      }
      this.records++;
      if (gap.on) return this.drop(row);
      this.keep(k, y, w, chunkRows);
    };
  }

  /** A record of the exact reader at `line`: its numbers, or the CsvError of its first bad cell. */
  exact(cells: string[], line: number): void {
    const { features, target, weight, columns } = this.d.plan;
    const { codes, offsets, levels, width } = this.d;
    const at = (j: number): Place => ({ where: this.where, line, j, name: columns[j] });
    let gap = false;
    const value = (j: number, hint: string): number => {
      if (!isMissing(cells[j])) return numberCell(cells[j], at(j), hint);
      if (this.s.missing === 'error') throw missingError(at(j), cells[j]);
      gap = true;
      return 0;
    };
    const k = this.filled, base = k * width;
    for (let f = 0; f < features.length; f++) {
      const j = features[f], map = codes[f];
      if (map === null) {
        const v = value(j, this.hints[f]);
        if (this.encode) this.X[base + offsets[f]] = v;
        continue;
      }
      const c = isMissing(cells[j]) ? (value(j, ''), 0) : this.level(f, cells[j], at(j));
      if (this.encode) dummies(this.X, base + offsets[f], levels[f]!.length - 1, c);
    }
    const y = value(target, '');
    const w = weight >= 0 ? value(weight, '') : 0;
    this.records++;
    if (gap) return this.drop(cells);
    this.keep(k, y, w, this.s.chunkRows);
  }

  /** The index of a categorical cell's level (added in the levels pass), or its CsvError. */
  private level(f: number, cell: string, at: Place): number {
    const map = this.d.codes[f]!;
    const c = map.get(cell);
    if (c !== undefined) return c;
    if (!this.collect?.[f]) {
      const given = [...map.keys()];
      const shown = given.slice(0, 10).map((l) => JSON.stringify(l)).join(', ') + (given.length > 10 ? `, … (${given.length} levels)` : '');
      throw cellError('unknown-level', at, cell, `: ${JSON.stringify(cell)} is not one of the levels given for ${at.name} (${shown})`);
    }
    if (map.size >= this.s.maxLevels) {
      throw cellError('too-many-levels', at, cell, `: ${JSON.stringify(cell)} would be level ${map.size + 1} of ${at.name}, more than maxLevels (${this.s.maxLevels}): ` +
        'a categorical column becomes one column of X per level but the first; raise maxLevels, or leave the column out of features');
    }
    map.set(cell, map.size);
    this.added.push([f, cell]);
    return map.size - 1;
  }

  private keep(k: number, y: number, w: number, chunkRows: number): void {
    if (!this.encode) return;
    this.y[k] = y;
    if (this.w) this.w[k] = w;
    this.rows++;
    if (++this.filled === chunkRows) this.flush(false);
  }

  /** Counts a dropped row against each used column missing in it. */
  private drop(cells: string[]): void {
    const { features, target, weight } = this.d.plan;
    for (const j of weight >= 0 ? [...features, target, weight] : [...features, target]) {
      if (isMissing(cells[j])) this.byColumn[j]++;
    }
    this.droppedRows++;
  }

  /** The rows dropped so far, by the names of the columns. */
  dropped(): CsvDropped {
    const { features, target, weight, featureNames, targetName, weightName } = this.d.plan;
    const byColumn: Record<string, number> = {};
    features.forEach((j, f) => { if (this.byColumn[j]) byColumn[featureNames[f]] = this.byColumn[j]; });
    if (this.byColumn[target]) byColumn[targetName] = this.byColumn[target];
    if (weight >= 0 && this.byColumn[weight]) byColumn[weightName!] = this.byColumn[weight];
    return { rows: this.droppedRows, byColumn };
  }

  /** The state before a piece, to undo its rows (and the levels they added) when the fast path gives up on it. */
  save(): Saved {
    this.added.length = 0;
    const { X, y, w, filled, rows, records, droppedRows } = this;
    return { X, y, w, filled, queued: this.queue.length, rows, records, droppedRows, byColumn: this.byColumn.slice() };
  }

  restore(b: Saved): void {
    this.queue.length = b.queued;
    ({ X: this.X, y: this.y, w: this.w, filled: this.filled, rows: this.rows, records: this.records, droppedRows: this.droppedRows, byColumn: this.byColumn } = b);
    for (const [f, level] of this.added) this.d.codes[f]!.delete(level);
    this.added.length = 0;
  }

  /** Queues the rows gathered so far as a chunk. */
  flush(final: boolean): void {
    const k = this.filled, p = this.d.width;
    if (k === 0) return;
    const whole = k === this.s.chunkRows;
    const data = whole ? this.X : this.X.slice(0, k * p);
    const X = new Array<Float64Array>(k);
    for (let i = 0; i < k; i++) X[i] = data.subarray(i * p, i * p + p);
    const chunk: CsvChunk = { X, y: whole ? this.y : this.y.slice(0, k) };
    if (this.w) chunk.sampleWeight = whole ? this.w : this.w.slice(0, k);
    this.queue.push(chunk);
    if (!final) this.fresh();
  }

  /** The chunks queued since the last call. */
  take(): CsvChunk[] {
    return this.queue.splice(0);
  }

  private fresh(): void {
    const rows = this.s.chunkRows;
    this.X = new Float64Array(rows * this.d.width);
    this.y = new Float64Array(rows);
    this.w = this.d.plan.weight >= 0 ? new Float64Array(rows) : undefined;
    this.filled = 0;
  }
}

/** Writes a categorical cell's L columns at X[o…]: 1 in column c − 1 (level c ≥ 1), 0 elsewhere. */
function dummies(X: Float64Array, o: number, L: number, c: number): void {
  for (let i = 0; i < L; i++) X[o + i] = 0;
  if (c > 0) X[o + c - 1] = 1;
}

/** @internal The CsvError of a reading whose every row was dropped. */
export function allDropped(d: CsvDropped, where: string): CsvError {
  const by = Object.entries(d.byColumn).map(([name, count]) => `${name} ${count}`).join(', ');
  return new CsvError('empty', `${where}: every row has a missing value (${d.rows} dropped; missing in ${by}): nothing is left to fit`);
}
