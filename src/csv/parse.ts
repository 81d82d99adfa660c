// Text → chunks. The header is read exactly (records.ts); the rows go to uDSV a piece at a time
// (about 1 MiB of whole lines), whose string cells the row callback turns into numbers straight
// into the chunk's Float64Arrays. The callback refuses anything it cannot vouch for (a cell that
// is not a finite number, blank, or spans a line break: signs of a ragged row uDSV merged with the
// next); the piece is then undone and re-read by records.ts, which either names the first bad line
// exactly or (where uDSV only misread, e.g. a blank \r\n line) reads it right.
import { initParser, type Parser, type Schema } from 'udsv';
import { CsvError, showCell } from './errors.js';
import type { Plan, Settings } from './options.js';
import { readRecord, scanQuoted, countLines, isBlank, UNCLOSED, type CsvRecord } from './records.js';
import { readHead, type Opened } from './head.js';

/**
 * One chunk of rows, as `fitStream`, `partialFit` and `fit` take it. `X[i]` is row i, a view of one
 * row-major Float64Array of rows × features (`X[0].buffer`); `y` and `sampleWeight` one value a row.
 */
export interface CsvChunk {
  X: Float64Array[];
  y: Float64Array;
  /** Present when a weight column was given. */
  sampleWeight?: Float64Array;
}

/** Most text handed to uDSV at once (a longer line goes whole). */
const PIECE = 1 << 16;
/** Text gathered before a piece is cut (a stream may deliver it in small bits). */
const GATHER = 1 << 16;
/** The row callback's refusal; caught where the piece was handed over, never seen outside. */
const REFUSED = new Error('refused');

/** @internal The CSV of `source` as its plan (first) and then its chunks. */
export async function* readCsv(source: Opened, s: Settings, where: string): AsyncGenerator<Plan | CsvChunk, void, undefined> {
  const texts = source.texts[Symbol.asyncIterator]();
  try {
    const head = await readHead(source, texts, s, where);
    yield head.plan;
    const reader = new Reader(head.plan, s, where, head.crlf, head.lines);
    let text = head.rest;
    for (;;) {
      const next = await texts.next();
      if (next.done) break;
      text += next.value;
      if (text.length < GATHER) continue;
      text = reader.feed(text, false);
      yield* reader.take();
    }
    if (text.length && text.charCodeAt(text.length - 1) !== 10) text += '\n';
    reader.feed(text, true);
    reader.flush(true);
    if (source.needsRows && reader.rows === 0) throw new CsvError('empty', `${where} has ${s.header ? 'a header but ' : ''}no rows`);
    yield* reader.take();
  } finally {
    await texts.return?.();
  }
}

class Reader {
  rows = 0;
  /** Lines consumed so far (the header's included): the next row starts on line `line + 1`. */
  private line: number;
  private X!: Float64Array;
  private y!: Float64Array;
  private w: Float64Array | undefined;
  private filled = 0;
  private readonly queue: CsvChunk[] = [];
  private readonly p: number;
  /** uDSV for text without quotes: rows end at \n (a \r before it is a number's trailing space). */
  private readonly plainParser;
  /** uDSV for text with quotes: rows end as the header's line does. */
  private readonly quotedParser;
  private readonly onRow: (row: string[]) => void;
  private checkIgnored = true;

  constructor(private readonly plan: Plan, private readonly s: Settings, private readonly where: string, private readonly crlf: boolean, line: number) {
    this.line = line;
    this.p = plan.features.length;
    this.fresh();
    const cols = plan.columns.map((name) => ({ name, type: 's', repl: { empty: undefined, null: undefined, NaN: undefined } }));
    // encl left undefined: uDSV then takes its quote-free path for a piece without a quote.
    const parser = (row: string) => initParser({ skip: 0, col: s.delimiter, row, trim: false, cols } as unknown as Schema);
    this.plainParser = parser('\n');
    this.quotedParser = crlf ? parser('\r\n') : this.plainParser;
    this.onRow = this.rowCallback();
  }

  /** The fast path's row callback: numbers into the chunk, or REFUSED. */
  private rowCallback(): (row: string[]) => void {
    const { n, features, target, weight, ignored } = this.plan;
    const p = this.p, last = n - 1, delim = this.s.delimiter;
    const num = (cell: string): number => {
      const v = decimal(cell);
      if (v === v) return v;
      const u = +cell; // everything but a plain decimal of up to 15 digits
      if (u - u !== 0) throw REFUSED; // NaN, ±Infinity
      if ((u === 0 || cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32) &&
        (cell.indexOf('\n') >= 0 || cell.trim() === '')) throw REFUSED;
      return u;
    };
    return (row: string[]): void => {
      if (row.length !== n) throw REFUSED;
      const k = this.filled, X = this.X, base = k * p;
      for (let j = 0; j < p; j++) X[base + j] = num(row[features[j]]);
      this.y[k] = num(row[target]);
      if (weight >= 0) this.w![k] = num(row[weight]);
      if (this.checkIgnored) {
        for (const j of ignored) {
          if (row[j].indexOf('\n') >= 0 || (j === last && row[j].indexOf(delim) >= 0)) throw REFUSED;
        }
      }
      this.rows++;
      if (++this.filled === this.s.chunkRows) this.flush(false);
    };
  }

  /** Reads the whole records at the start of `text`; returns the rest. */
  feed(text: string, final: boolean): string {
    const quoted = text.indexOf('"') >= 0;
    let at = 0;
    while (at < text.length) {
      const window = Math.min(text.length, at + PIECE);
      if (!quoted) {
        let end = text.lastIndexOf('\n', window - 1) + 1;
        if (end <= at) end = text.indexOf('\n', window) + 1;
        if (end <= at) break;
        this.plain(text.slice(at, end));
        at = end;
      } else {
        let piece = text.slice(at, window);
        let scan = scanQuoted(piece, this.s.delimiter, this.plan.n, this.crlf);
        if (scan.end === 0 && window < text.length) scan = scanQuoted(piece = text.slice(at), this.s.delimiter, this.plan.n, this.crlf);
        if (scan.end === 0) break;
        this.withQuotes(piece.slice(0, scan.end), scan.records, scan.lines, scan.clean);
        at += scan.end;
      }
    }
    const rest = text.slice(at);
    if (final && rest.length) this.exact(rest); // only an unclosed quote leaves text at the end
    return rest;
  }

  /** A piece without quotes: uDSV's quote-free path. */
  private plain(piece: string): void {
    const rows0 = this.rows;
    // Without any delimiter (rows of one field, all short) uDSV would re-read the piece's first
    // line as the last field; the exact reader says which line is short.
    if (piece.indexOf(this.s.delimiter) < 0) return this.exact(piece);
    if (!this.fast(piece, this.plainParser, true, -1)) return;
    const blankLines = piece.charCodeAt(0) === 10 || piece.indexOf('\n\n') >= 0 ||
      piece.startsWith('\r\n') || piece.indexOf('\n\r\n') >= 0;
    this.line += blankLines ? countLines(piece, 0, piece.length) : this.rows - rows0;
  }

  /** A piece with quotes, whose records scanQuoted counted. */
  private withQuotes(piece: string, records: number, lines: number, clean: boolean): void {
    if (!clean) return this.exact(piece);
    if (this.fast(piece, this.quotedParser, false, records)) this.line += lines;
  }

  /**
   * uDSV on the piece. False when the callback refused a row or uDSV returned another number of
   * rows than `expected` (-1: any): the piece's rows are then undone and exact() re-reads it.
   */
  private fast(piece: string, parser: Parser, checkIgnored: boolean, expected: number): boolean {
    const before = { X: this.X, y: this.y, w: this.w, filled: this.filled, queued: this.queue.length, rows: this.rows };
    this.checkIgnored = checkIgnored;
    try {
      parser.stringArrs<string[]>(piece, this.onRow);
      if (expected < 0 || this.rows - before.rows === expected) return true;
    } catch (e) {
      if (e !== REFUSED) throw e;
    }
    this.queue.length = before.queued;
    ({ X: this.X, y: this.y, w: this.w, filled: this.filled, rows: this.rows } = before);
    this.exact(piece);
    return false;
  }

  /** Reads a piece record by record: a bad line raises its CsvError, a good piece is read right. */
  private exact(piece: string): void {
    const { n, columns } = this.plan;
    let at = 0, line = this.line + 1;
    while (at < piece.length) {
      let rec: CsvRecord;
      try {
        rec = readRecord(piece, at, this.s.delimiter, true)!;
      } catch (e) {
        if (e === UNCLOSED) throw new CsvError('unclosed-quote', `${this.where} line ${line}: a quoted field opened on this line is never closed`, { line });
        throw e;
      }
      if (!isBlank(rec)) {
        if (rec.cells.length !== n) {
          throw new CsvError('ragged', `${this.where} line ${line}: ${rec.cells.length} field${rec.cells.length === 1 ? '' : 's'}, but the ${this.s.header ? 'header' : 'first row'} has ${n}${n > rec.cells.length ? '' : ` (is "${this.s.delimiter}" inside an unquoted field?)`}`, { line });
        }
        this.addExact(rec.cells, line, columns);
      }
      line += rec.lines;
      at = rec.next;
    }
    this.line = line - 1;
  }

  private addExact(cells: string[], line: number, columns: string[]): void {
    const { features, target, weight } = this.plan;
    const value = (j: number): number => exactCell(cells[j], line, j, columns[j], this.where);
    const k = this.filled, base = k * this.p;
    for (let j = 0; j < this.p; j++) this.X[base + j] = value(features[j]);
    this.y[k] = value(target);
    if (weight >= 0) this.w![k] = value(weight);
    this.rows++;
    if (++this.filled === this.s.chunkRows) this.flush(false);
  }

  /** Queues the rows gathered so far as a chunk. */
  flush(final: boolean): void {
    const k = this.filled, p = this.p;
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
    this.X = new Float64Array(rows * this.p);
    this.y = new Float64Array(rows);
    this.w = this.plan.weight >= 0 ? new Float64Array(rows) : undefined;
    this.filled = 0;
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * @internal A plain decimal (optional sign, digits, at most one point; 1 to 15 digits; a final \r) as Number()
 * reads it, about twice as fast; NaN for any other text (the caller then asks Number()). Exact by
 * Clinger's fast path: the digits form an integer m < 10¹⁵ < 2⁵³ and 10^k (k ≤ 15) is exact, so the
 * one correctly rounded division m / 10^k is the correctly rounded value of the decimal.
 */
export function decimal(cell: string): number {
  let n = cell.length;
  if (cell.charCodeAt(n - 1) === 13) n--; // the \r of a \r\n line (Number() ignores it too)
  let i = 0, m = 0, digits = 0, point = -1;
  const c0 = cell.charCodeAt(0);
  if (c0 === 45 || c0 === 43) i = 1; // - +
  for (; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; }
    else if (c === 46 && point < 0) point = i;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = point < 0 ? m : m / POW10[n - point - 1];
  return c0 === 45 ? -v : v;
}

/** @internal A used cell as a number, or the CsvError naming its line and column. */
export function exactCell(cell: string, line: number, j: number, name: string, where: string): number {
  const at = `${where} line ${line}, column ${j + 1} (${name})`;
  const info = { line, column: j + 1, columnName: name, cell };
  if (cell.trim() === '') {
    throw new CsvError('empty-cell', `${at} is empty: every cell of the columns read needs a number (an empty cell is not read as 0 or NaN)`, info);
  }
  const v = +cell;
  if (!Number.isFinite(v) || cell.includes('\n')) {
    const what = Number.isNaN(v) && cell.trim() !== 'NaN' ? 'not a number' : 'not a finite number';
    throw new CsvError('not-a-number', `${at}: ${showCell(cell)} is ${what}`, info);
  }
  return v;
}
