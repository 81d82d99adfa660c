// linreg-wasm/csv: CSV text as the chunks fitStream reads, with the header's names as featureNames.
// uDSV (bundled in, so the package still has no dependencies) splits the rows; numeric cells become
// numbers, text columns 0/1 dummy columns (design.ts), rows with a missing value are dropped. Runs in
// Node, browsers, Deno, Bun and edge runtimes; csvFile needs a file system.
import { checkCsvOptions, type CsvOptions } from './options.js';
import { Source, textsOf, type CsvInput, type CsvSource } from './source.js';

export { CsvError, type CsvErrorCode, type CsvErrorInfo } from './errors.js';
export type { CsvOptions, CsvColumn } from './options.js';
export type { CsvChunk, CsvDropped } from './parse.js';
export type { CsvInput, CsvSource } from './source.js';
export { csvFile, fileRanges, type CsvFileOptions, type ByteRange } from './file.js';

/**
 * The chunks of CSV text, for `fitStream`: an async iterable of `{ X, y, sampleWeight? }` with
 * `chunkRows` rows each (the last has the rest), read as a stream in constant memory. Its
 * `featureNames`, `targetName` (and `names`, both as fitStream's options) resolve to the design's
 * names before the first chunk; `levels` to the categorical columns' levels; `dropped` (after the
 * last chunk) to the rows skipped for a missing value.
 *
 * Columns: `target` (default the last), `features` (default all others but `weight`), by header
 * name or 0-based index. Target and weight cells must be finite numbers as JavaScript's Number()
 * reads them (spaces around allowed). A feature column is numeric, or categorical (text in its first
 * 1000 rows, or named in `categorical` / `levels`): one 0/1 column `col[T.level]` per level but the
 * first (patsy's treatment coding). A string, Blob or file finds the levels in a first pass; a stream
 * needs them given (`levels`). Missing values (empty, blank, `NA`, `NaN`) drop their row, or with
 * missing: 'error' stop the reading. Other columns may hold anything. Lines end in \n or \r\n;
 * blank lines are skipped.
 *
 * @param input a string, Blob/File, web ReadableStream, Node Readable, or (async) iterable of
 *   string / Uint8Array pieces (UTF-8).
 * @throws TypeError / RangeError for bad options or input (at once); the reading rejects with
 *   CsvError for bad content, naming the line (1-based, header = line 1) and the column.
 * @example
 * const data = csvChunks(file, { target: 'price' });   // a File from an <input type="file">
 * const model = await new LinearRegression().fitStream(data, await data.names);
 * console.log(await data.featureNames);                // ['area', 'city[T.Bern]', 'city[T.Zurich]']
 * console.log((await data.dropped).rows);              // rows skipped for a missing value
 */
export function csvChunks(input: CsvInput, options?: CsvOptions): CsvSource {
  const s = checkCsvOptions(options);
  const first = textsOf(input);
  if (!first) {
    throw new TypeError(`csvChunks needs CSV text: a string, Blob, ReadableStream, Node Readable or (async) iterable of strings / bytes, got ${input === null ? 'null' : typeof input}`);
  }
  const again = typeof input === 'string' || (typeof Blob !== 'undefined' && input instanceof Blob);
  let used = false;
  const open = () => {
    if (used && !again) return null;
    const texts = used ? textsOf(input)! : first;
    used = true;
    return again ? { texts, needsRows: true, again: () => textsOf(input)!, wholeName: 'CSV' } : { texts, needsRows: true };
  };
  return new Source(open, s, 'CSV');
}
