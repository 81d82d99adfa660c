// Text → chunks. The header is read exactly (records.ts), then up to DETECT_ROWS rows are read
// ahead to tell text columns from numeric ones; when a categorical column's levels are not given,
// a first pass over the whole text (a string, Blob or file) finds them. The rows then go to uDSV a
// piece at a time (about 64 KiB of whole lines), whose string cells the row callback (rows.ts) turns
// into the design's numbers straight into the chunk's Float64Arrays. The callback refuses anything
// it cannot vouch for (a cell that is not a number, a level or a missing value, or spans a line
// break: signs of a ragged row uDSV merged with the next); the piece is then undone and re-read by
// records.ts, which either names the first bad line exactly or (where uDSV only misread, e.g. a
// blank \r\n line) reads it right.
import { initParser, type Parser, type Schema } from 'udsv';
import { CsvError } from './errors.js';
import type { Plan, Settings } from './options.js';
import { readRecord, scanQuoted, countLines, isBlank, UNCLOSED, type CsvRecord } from './records.js';
import { readHead, type Opened } from './head.js';
import { RowSink, REFUSED, allDropped, type CsvChunk, type CsvDropped } from './rows.js';
import { DETECT_ROWS, categoricalFeatures, makeDesign, levelsPassDesign, sortLevels, levelsNeeded, type Design, type SampleRow } from './design.js';

export type { CsvChunk, CsvDropped } from './rows.js';

/** Most text handed to uDSV at once (a longer line goes whole). */
const PIECE = 1 << 16;
/** Text gathered before a piece is cut (a stream may deliver it in small bits). */
const GATHER = 1 << 16;

/**
 * @internal The CSV of `source` as its design (first) and then its chunks; `done` gets the dropped
 * rows once the last row is read.
 */
export async function* readCsv(source: Opened, s: Settings, where: string, done: (d: CsvDropped) => void): AsyncGenerator<Design | CsvChunk, void, undefined> {
  const texts = source.texts[Symbol.asyncIterator]();
  try {
    const head = await readHead(source, texts, s, where);
    let text = head.rest;
    let sample: SampleRow[];
    if (!source.needsRows && source.again) { // a byte range: every range takes its kinds from the file's first rows
      sample = await sampleOfWhole(source, s);
    } else {
      const peeked = await peek(texts, text, s.delimiter, head.lines);
      ({ text, sample } = peeked);
    }
    const design = await designOf(head.plan, s, sample, source, where);
    yield design;
    const sink = new RowSink(design, s, where, null);
    yield* pump(texts, text, new Splitter(head.plan, s, where, head.crlf, head.lines, sink), sink);
    const dropped = sink.dropped();
    if (source.needsRows && sink.records === 0) throw new CsvError('empty', `${where} has ${s.header ? 'a header but ' : ''}no rows`);
    if (source.needsRows && sink.rows === 0) throw allDropped(dropped, where);
    done(dropped);
  } finally {
    await texts.return?.();
  }
}

/** The design: kinds from the options and the sample, levels given or found in a first pass. */
async function designOf(plan: Plan, s: Settings, sample: SampleRow[], source: Opened, where: string): Promise<Design> {
  const categorical = categoricalFeatures(plan, s, s.header ? plan.columns : null, sample, where);
  const levels: (string[] | null)[] = plan.features.map((_, f) => categorical.get(f)?.given ?? null);
  const wanted = [...categorical].filter(([, why]) => !why.given).map(([f]) => f);
  if (wanted.length === 0) return makeDesign(plan, levels, where);
  if (!source.again) throw levelsNeeded(plan, wanted[0], categorical.get(wanted[0])!, s.header, where);
  for (const f of wanted) levels[f] = [];
  const found = await findLevels(source, s, levelsPassDesign(plan, levels), wanted);
  for (const f of wanted) levels[f] = sortLevels(found.codes[f]!.keys());
  return makeDesign(plan, levels, where);
}

/**
 * The first pass: the whole text again, every row checked as the encoding will check it (so the
 * first error is the same), the levels of features `wanted` collected into `scratch`'s empty maps
 * (constant memory: only the distinct levels are kept).
 */
async function findLevels(source: Opened, s: Settings, scratch: Design, wanted: number[]): Promise<Design> {
  const where = source.wholeName ?? 'CSV', plan = scratch.plan;
  const collect = plan.features.map((_, f) => wanted.includes(f));
  const whole: Opened = { texts: source.again!(), needsRows: false };
  const texts = whole.texts[Symbol.asyncIterator]();
  try {
    const head = await readHead(whole, texts, s, where);
    const sink = new RowSink(scratch, s, where, collect);
    for await (const _ of pump(texts, head.rest, new Splitter(plan, s, where, head.crlf, head.lines, sink), sink)) void _;
    return scratch;
  } finally {
    await texts.return?.();
  }
}

/** A byte range's sample: the first rows of the whole file. */
async function sampleOfWhole(source: Opened, s: Settings): Promise<SampleRow[]> {
  const whole: Opened = { texts: source.again!(), needsRows: false };
  const texts = whole.texts[Symbol.asyncIterator]();
  try {
    const head = await readHead(whole, texts, s, source.wholeName ?? 'CSV');
    return (await peek(texts, head.rest, s.delimiter, head.lines)).sample;
  } finally {
    await texts.return?.();
  }
}

/**
 * Reads on until `text` holds DETECT_ROWS non-blank records (or the input ends): those records,
 * with their lines, and all the text read (nothing is consumed). Stops at an unclosed quote, which
 * the reading proper then reports.
 */
async function peek(texts: AsyncIterator<string>, text: string, delim: string, lines: number): Promise<{ text: string; sample: SampleRow[] }> {
  const sample: SampleRow[] = [];
  let at = 0, line = lines + 1, end = false;
  while (sample.length < DETECT_ROWS && !(end && at >= text.length)) {
    let rec: CsvRecord | null;
    try {
      rec = readRecord(text, at, delim, end);
    } catch (e) {
      if (e === UNCLOSED) break;
      throw e;
    }
    if (!rec) {
      const next = await texts.next();
      if (next.done) end = true;
      else text += next.value;
      continue;
    }
    if (!isBlank(rec)) sample.push({ cells: rec.cells, line });
    line += rec.lines;
    at = rec.next;
  }
  return { text, sample };
}

/** Feeds the rest of `texts` (after `text`) through the splitter, yielding the sink's chunks. */
async function* pump(texts: AsyncIterator<string>, text: string, splitter: Splitter, sink: RowSink): AsyncGenerator<CsvChunk, void, undefined> {
  for (;;) {
    const next = await texts.next();
    if (next.done) break;
    text += next.value;
    if (text.length < GATHER) continue;
    text = splitter.feed(text, false);
    yield* sink.take();
  }
  if (text.length && text.charCodeAt(text.length - 1) !== 10) text += '\n';
  splitter.feed(text, true);
  sink.flush(true);
  yield* sink.take();
}

/** Cuts text into pieces of whole records for uDSV (or, where it cannot be trusted, the exact reader). */
class Splitter {
  /** Lines consumed so far (the header's included): the next row starts on line `line + 1`. */
  private line: number;
  /** uDSV for text without quotes: rows end at \n (a \r before it is a number's trailing space). */
  private readonly plainParser;
  /** uDSV for text with quotes: rows end as the header's line does. */
  private readonly quotedParser;

  constructor(private readonly plan: Plan, private readonly s: Settings, private readonly where: string, private readonly crlf: boolean, line: number, private readonly sink: RowSink) {
    this.line = line;
    const cols = plan.columns.map((name) => ({ name, type: 's', repl: { empty: undefined, null: undefined, NaN: undefined } }));
    // encl left undefined: uDSV then takes its quote-free path for a piece without a quote.
    const parser = (row: string) => initParser({ skip: 0, col: s.delimiter, row, trim: false, cols } as unknown as Schema);
    this.plainParser = parser('\n');
    this.quotedParser = crlf ? parser('\r\n') : this.plainParser;
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
    const records0 = this.sink.records;
    // Without any delimiter (rows of one field, all short) uDSV would re-read the piece's first
    // line as the last field; the exact reader says which line is short.
    if (piece.indexOf(this.s.delimiter) < 0) return this.exact(piece);
    if (!this.fast(piece, this.plainParser, true, -1)) return;
    const blankLines = piece.charCodeAt(0) === 10 || piece.indexOf('\n\n') >= 0 ||
      piece.startsWith('\r\n') || piece.indexOf('\n\r\n') >= 0;
    this.line += blankLines ? countLines(piece, 0, piece.length) : this.sink.records - records0;
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
  private fast(piece: string, parser: Parser, plain: boolean, expected: number): boolean {
    const before = this.sink.save();
    this.sink.plain = plain;
    try {
      parser.stringArrs<string[]>(piece, this.sink.onRow);
      if (expected < 0 || this.sink.records - before.records === expected) return true;
    } catch (e) {
      if (e !== REFUSED) throw e;
    }
    this.sink.restore(before);
    this.exact(piece);
    return false;
  }

  /** Reads a piece record by record: a bad line raises its CsvError, a good piece is read right. */
  private exact(piece: string): void {
    const { n } = this.plan;
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
        this.sink.exact(rec.cells, line);
      }
      line += rec.lines;
      at = rec.next;
    }
    this.line = line - 1;
  }
}
