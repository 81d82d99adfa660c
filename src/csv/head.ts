// The first line: the column names (or, with header: false, only their count), the line ending
// uDSV is told to expect, and the plan of which column goes where.
import { CsvError } from './errors.js';
import { planColumns, type Plan, type Settings } from './options.js';
import { readRecord, isBlank, UNCLOSED, type CsvRecord } from './records.js';

/** @internal A source opened for one reading. */
export interface Opened {
  /** The text, in pieces of any size. */
  texts: AsyncIterable<string>;
  /** The file's first line when `texts` begins after it (a byte range that does not start at 0). */
  header?: AsyncIterable<string>;
  /** Whether finding no row is an error (a whole file or stream: yes; a byte range: no). */
  needsRows: boolean;
  /** The whole text again from line 1 (a string, Blob or file; not a stream): for the levels pass, and a range's sample. */
  again?: () => AsyncIterable<string>;
  /** How messages name the whole text (a range's file, without the range). */
  wholeName?: string;
}

/** @internal What the first line decided, and the text after it. */
export interface Head {
  plan: Plan;
  crlf: boolean;
  /** Lines the header took (0 when the data starts the text). */
  lines: number;
  /** Text already read past the header. */
  rest: string;
}

/** @internal @throws CsvError 'empty', 'missing-column' or 'unclosed-quote'. */
export async function readHead(source: Opened, texts: AsyncIterator<string>, s: Settings, where: string): Promise<Head> {
  const own = source.header?.[Symbol.asyncIterator]();
  try {
    const { rec, text } = await firstRecord(own ?? texts, s.delimiter, where);
    if (isBlank(rec)) throw new CsvError('empty', `${where} line 1 is blank: the CSV must begin with its ${s.header ? 'header' : 'first row'}`, { line: 1 });
    const crlf = text.charCodeAt(rec.next - 2) === 13 && text.charCodeAt(rec.next - 1) === 10;
    const plan = planColumns(s, s.header ? rec.cells : null, rec.cells.length, where);
    if (own) return { plan, crlf, lines: 0, rest: '' };
    return s.header ? { plan, crlf, lines: rec.lines, rest: text.slice(rec.next) } : { plan, crlf, lines: 0, rest: text };
  } finally {
    await own?.return?.();
  }
}

/** Reads until the first record is complete; the text read so far (a BOM dropped) comes along. */
async function firstRecord(texts: AsyncIterator<string>, delim: string, where: string): Promise<{ rec: CsvRecord; text: string }> {
  let text = '', done = false;
  for (;;) {
    if (text.length || done) {
      if (done && text.length === 0) throw new CsvError('empty', `${where} is empty`);
      try {
        const rec = readRecord(text, 0, delim, done);
        if (rec) return { rec, text };
      } catch (e) {
        if (e === UNCLOSED) throw new CsvError('unclosed-quote', `${where} line 1: a quoted field opened on this line is never closed`, { line: 1 });
        throw e;
      }
    }
    const next = await texts.next();
    if (next.done) done = true;
    else {
      text += next.value;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
  }
}
