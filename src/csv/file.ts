// Node (and Deno, Bun): a CSV file by its path, whole or a byte range of it. node:fs is imported
// when a file is first read, by a specifier bundlers do not follow, so that the entry bundles for
// browsers unchanged (where csvFile is the one function that cannot work).
import { checkCsvOptions, type CsvOptions } from './options.js';
import { Source, type CsvSource } from './source.js';
import type { Opened } from './head.js';

/** The bytes [start, end) of a file: the rows that begin in them. */
export interface ByteRange {
  /** First byte (default 0). */
  start?: number;
  /** One past the last byte (default: the end of the file). */
  end?: number;
}

/** Options of {@link csvFile}: those of csvChunks and a byte range. */
export interface CsvFileOptions extends CsvOptions {
  /**
   * Read only the rows that begin in bytes [start, end): the partial line at `start` is left to the
   * range before, and the last row is read past `end` to its line break. Ranges that tile a file
   * read each row exactly once (rows must not hold line breaks inside quotes). The header comes
   * from line 1 whatever the range; lines in messages count from the range's first row. Text
   * columns are told from the file's first 1000 rows and their levels found in the whole file, so
   * every range gives the same columns; to spare each range that pass, give `levels` (a reading of
   * the whole file's `levels`).
   */
  range?: ByteRange;
}

type Fs = typeof import('node:fs');
type Decoder = typeof import('node:string_decoder');

// A variable specifier: bundlers leave it alone, so no browser bundle tries to resolve node:fs.
const builtin = <T>(name: string): Promise<T> => import(name) as Promise<T>;

/**
 * The chunks of a CSV file (Node, Deno, Bun), read as a stream in constant memory: an async iterable
 * for `fitStream` whose `featureNames` are the design's (header names, `col[T.level]` for the levels
 * of a text column), as csvChunks reads any text. Can be iterated again (the file is re-read). A
 * categorical column's levels, when not given, are found in a first pass over the whole file (for a
 * byte range too, so that every range has the same columns: give `levels` to spare that pass).
 * @throws TypeError / RangeError for bad options (at once); the iteration rejects with CsvError for
 *   bad content (naming the line and column) and with the file system's error for a missing file.
 * @example
 * const data = csvFile('data.csv', { target: 'price' });
 * const model = await new LinearRegression().fitStream(data, await data.names);
 */
export function csvFile(path: string | URL, options?: CsvFileOptions): CsvSource {
  const s = checkCsvOptions(options, ['range']);
  const { start, end } = checkRange((options as CsvFileOptions | undefined)?.range);
  const name = String(path);
  const where = start === 0 && end === Infinity ? name : `${name} bytes ${start}–${end === Infinity ? 'end' : end}`;
  const open = (): Opened => ({
    texts: rangeText(path, start, end),
    header: start > 0 || end === 0 ? rangeText(path, 0, Infinity) : undefined, // else line 1 is in the range
    needsRows: start === 0 && end === Infinity,
    again: () => rangeText(path, 0, Infinity),
    wholeName: name,
  });
  return new Source(open, s, where);
}

/**
 * `parts` byte ranges of about equal size that tile the file: give one to each worker's csvFile,
 * and every row is read by exactly one of them.
 */
export async function fileRanges(path: string | URL, parts: number): Promise<Required<ByteRange>[]> {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts must be a positive integer, got ${parts}`);
  const fs = await builtin<Fs>('node:fs');
  const size = (await fs.promises.stat(path)).size;
  return Array.from({ length: parts }, (_, i) => ({ start: Math.floor((size * i) / parts), end: Math.floor((size * (i + 1)) / parts) }));
}

function checkRange(range: unknown): { start: number; end: number } {
  if (range === undefined) return { start: 0, end: Infinity };
  if (typeof range !== 'object' || range === null) throw new TypeError('range must be an object { start, end }');
  const { start = 0, end = Infinity } = range as ByteRange;
  for (const [k, v] of [['start', start], ['end', end]] as const) {
    if (typeof v !== 'number' || !(Number.isInteger(v) || v === Infinity) || v < 0) {
      throw new RangeError(`range.${k} must be a non-negative integer byte offset, got ${String(v)}`);
    }
  }
  if (end < start) throw new RangeError(`range.end (${end}) is before range.start (${start})`);
  return { start, end };
}

/**
 * The text of the rows that begin in bytes [start, end): from the byte after the first line break
 * at or after start − 1 (from 0 when start is 0) through the first line break at or after end − 1.
 */
async function* rangeText(path: string | URL, start: number, end: number): AsyncGenerator<string> {
  if (end <= start) return;
  const fs = await builtin<Fs>('node:fs');
  const { StringDecoder } = await builtin<Decoder>('node:string_decoder');
  const decoder = new StringDecoder('utf8');
  const from = Math.max(0, start - 1);
  const stream = fs.createReadStream(path, { start: from, highWaterMark: 1 << 16 });
  let pos = from;             // file offset of the current buffer's first byte
  let begun = start === 0;    // past the partial line before the first row
  try {
    for await (const buffer of stream as AsyncIterable<Buffer>) {
      let a = 0;
      if (!begun) {
        const lf = buffer.indexOf(10);
        if (lf < 0) { pos += buffer.length; continue; }
        a = lf + 1;
        begun = true;
        if (pos + a >= end) return; // no row begins in the range
      }
      let b = buffer.length;
      if (pos + b > end - 1) { // the line break ending the last row is at or after end − 1
        const lf = buffer.indexOf(10, Math.max(a, end - 1 - pos));
        if (lf >= 0) b = lf + 1;
      }
      const text = decoder.write(buffer.subarray(a, b));
      if (text) yield text;
      if (b < buffer.length) return;
      pos += buffer.length;
    }
    const tail = decoder.end();
    if (tail) yield tail;
  } finally {
    stream.destroy();
  }
}
