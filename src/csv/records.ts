// The slow, exact reading of CSV records (RFC 4180 quoting: a field that starts with " runs to
// the next lone ", and "" inside it is one "), used where exactness matters more than speed: the
// header, the scan of text that has quotes, and a piece of text the fast path (uDSV) refused,
// which this re-reads to name the first bad line or, when uDSV only misread it, to read it right.

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** @internal One record: its fields, where the next begins, and the line breaks it spans. */
export interface CsvRecord {
  cells: string[];
  /** Index after the record's line break (the text's length at its end). */
  next: number;
  /** Line breaks consumed, its own included (0 for a last line without one). */
  lines: number;
}

/** @internal Thrown by readRecord for a quoted field left open at the end of the text. */
export const UNCLOSED = Symbol('unclosed quote');

/**
 * @internal The record of `s` that starts at `at`. Without `atEnd`, null when the text may not
 * hold all of it yet (no line break outside quotes). A trailing \r of a line is dropped.
 * @throws UNCLOSED when `atEnd` and a quoted field never closes.
 */
export function readRecord(s: string, at: number, delim: string, atEnd: boolean): CsvRecord | null {
  const cells: string[] = [];
  const len = s.length;
  let i = at;
  let lines = 0;
  for (;;) {
    let cell = '';
    if (s.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0 || (q + 1 === len && !atEnd)) {
          if (!atEnd) return null;
          throw UNCLOSED;
        }
        if (s.charCodeAt(q + 1) !== QUOTE) {
          cell = s.slice(i + 1, q).replaceAll('""', '"');
          i = q + 1;
          break;
        }
        j = q + 2;
      }
      lines += countLines(cell, 0, cell.length);
    }
    const stop = nextStop(s, i, delim);
    if (stop === len && !atEnd) return null;
    cell += s.slice(i, stop);
    i = stop;
    if (i === len || s.charCodeAt(i) === LF) {
      if (cell.charCodeAt(cell.length - 1) === CR) cell = cell.slice(0, -1);
      cells.push(cell);
      return i === len ? { cells, next: len, lines } : { cells, next: i + 1, lines: lines + 1 };
    }
    cells.push(cell);
    i++; // the delimiter
  }
}

function nextStop(s: string, from: number, delim: string): number {
  const d = s.indexOf(delim, from);
  const n = s.indexOf('\n', from);
  if (d < 0) return n < 0 ? s.length : n;
  return n < 0 || d < n ? d : n;
}

/** @internal Line breaks (\n) in s[from, to). */
export function countLines(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) count++;
  return count;
}

/** @internal Whether a record is a blank line (nothing, or only a \r, between line breaks). */
export function isBlank(r: CsvRecord): boolean {
  return r.cells.length === 1 && r.cells[0] === '';
}

/** @internal What {@link scanQuoted} found in text with quotes. */
export interface Scan {
  /** Index after the last line break outside quotes (0: none). */
  end: number;
  /** Line breaks before `end`. */
  lines: number;
  /** Non-blank records before `end`. */
  records: number;
  /** Whether every one of them has n fields and each closing quote ends its field (as uDSV needs). */
  clean: boolean;
}

/**
 * @internal Where the complete records of `s` (which starts at a record) end, read as readRecord
 * reads them (a quote is special only at the start of a field), with their lines, and whether uDSV
 * can be trusted with them: n fields each, nothing after a closing quote but the delimiter or the
 * line break (uDSV would keep only what follows), and (crlf) no \r outside quotes but before \n
 * (uDSV would end the row there). Builds no string.
 */
export function scanQuoted(s: string, delim: string, n: number, crlf: boolean): Scan {
  const d = delim.charCodeAt(0), len = s.length;
  const out: Scan = { end: 0, lines: 0, records: 0, clean: true };
  let fields = 1, lineStart = 0, lines = 0, fieldStart = true, clean = true;
  for (let i = 0; i < len; i++) {
    let c = s.charCodeAt(i);
    if (fieldStart && c === QUOTE) {
      let q = s.indexOf('"', i + 1);
      while (q >= 0 && s.charCodeAt(q + 1) === QUOTE) q = s.indexOf('"', q + 2);
      if (q < 0) break; // the record is not complete in this text
      lines += countLines(s, i, q);
      i = q + 1;
      if (i === len) break;
      c = s.charCodeAt(i);
      if (c !== d && c !== LF && !(c === CR && s.charCodeAt(i + 1) === LF)) clean = false;
    }
    fieldStart = false;
    if (c === CR && crlf && s.charCodeAt(i + 1) !== LF) clean = false; // uDSV would end the row here
    if (c === d) {
      fields++;
      fieldStart = true;
    } else if (c === LF) {
      lines++;
      const width = i - lineStart;
      if (!(width === 0 || (width === 1 && s.charCodeAt(lineStart) === CR))) {
        out.records++;
        if (fields !== n) clean = false;
      }
      fields = 1;
      fieldStart = true;
      lineStart = i + 1;
      out.end = lineStart;
      out.lines = lines;
      out.clean = clean;
    }
  }
  return out;
}
