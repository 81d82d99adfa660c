// fitCsvParallel (Node): one CSV file fitted on every core. The file is cut into byte ranges of
// about equal size (fileRanges), RANGES_PER_WORKER per worker (one with one worker), handed to the
// workers as they free up; each worker reads the rows that begin in its range with csvFile and folds
// them into the mergeable state as fitStream does (reduce-range.ts); the states come back as bytes
// and are merged here pairwise by range index (mergeTree), a fixed order, so the same worker count
// gives the same bits however the ranges were scheduled.
//
// Checked before any worker starts: the options (fitCsvParallel's and csvFile's), that the file
// opens, its header and the columns asked for, and its first rows (read here up to the first one);
// the categorical columns' levels are settled here too, so that every range encodes alike.
// A CsvError from a worker names its line counted from the top of the file, as csvFile(path) does.

import { createReadStream } from 'node:fs';
import { CsvError, csvFile, fileRanges, type CsvErrorCode, type CsvOptions } from '../csv/index.js';
import { init, type WasmSource, type WasmSources } from '../wasm/init.js';
import { LinearRegression } from '../solver/linear-regression.js';
import { stateFromBytes, stateToBytes } from '../solver/state-io.js';
import type { Partial } from '../solver/partial.js';
import { checkBoolean, checkInteger, describe } from '../validate.js';
import { mergeTree, modulesOf, withPool, type Runtime } from './fit-parallel.js';
import type { CsvResult, CsvTask, Pool } from './types.js';

/** Options of {@link fitCsvParallel}: csvFile's (but `range`) and the workers'. */
export interface CsvParallelOptions extends CsvOptions {
  /** How many workers read the file (an integer ≥ 1): one byte range of about equal size each. */
  workers: number;
  /** Fit an intercept (default true). */
  fitIntercept?: boolean;
  /** Where the workers load the wasm modules from, as `init()` takes them (default: the package's). */
  wasm?: WasmSource | WasmSources;
}


/**
 * Ranges per worker: more than one, so that a worker slowed by other load on the machine does not
 * hold up the end (the others take the ranges it has not started); few enough that each range's
 * set-up (opening the file, reading the header) stays negligible.
 */
const RANGES_PER_WORKER = 4;

type Outcome = { result: CsvResult } | { error: unknown } | { abandoned: true };

/** @internal fitCsvParallel on `rt`'s pool. */
export async function fitCsvParallelOn(rt: Runtime, path: string | URL, options: CsvParallelOptions): Promise<LinearRegression> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`fitCsvParallel: options must be an object, got ${describe(options)}`);
  // csvFile checks the rest (probe), so that CSV options it gains are taken here too
  const { workers: w, fitIntercept, wasm, ...csv } = options as CsvParallelOptions & Record<string, unknown>;
  if ('range' in csv) throw new TypeError('fitCsvParallel: unknown option "range": the byte ranges are its own, one per worker');
  if (typeof path !== 'string' && !(path instanceof URL)) throw new TypeError(`fitCsvParallel: path must be a file path or a file: URL, got ${describe(path)}`);
  if (w === undefined) throw new TypeError('fitCsvParallel: options.workers is required: how many workers to start (at most the cores, e.g. os.availableParallelism())');
  const workers = checkInteger('workers', w, 1);
  const intercept = fitIntercept === undefined ? true : checkBoolean('fitIntercept', fitIntercept);
  const settled = await probe(path, csv);
  const ranges = await fileRanges(path, workers === 1 ? 1 : workers * RANGES_PER_WORKER);
  const modules = await modulesOf(wasm);
  await init(modules); // the merged state is fitted here
  const url = path instanceof URL, name = String(path);
  const tasks: CsvTask[] = ranges.map(({ start, end }) => ({ modules, path: url ? path.href : name, url, start, end, csv: settled, intercept }));
  const outcomes = await withPool(rt, workers, (pool) => runRanges(pool, tasks));
  const states: Partial[] = [];
  for (const [k, o] of outcomes.entries()) {
    if ('error' in o) throw o.error;
    if ('abandoned' in o) throw new Error('fitCsvParallel: a range was abandoned though no range before it failed'); // a bug if seen
    if ('csvError' in o.result) throw await fileError(o.result.csvError, path, tasks[k]);
    if (o.result.bytes) states.push(stateFromBytes(o.result.bytes));
  }
  if (!states.length) throw new CsvError('empty', `${name} has no rows`); // it had one when probed: changed since
  const other = states.find((s) => s.names.join('\u0000') !== states[0].names.join('\u0000'));
  if (other) throw new RangeError(`fitCsvParallel: the ranges of ${name} read different columns (${states[0].names.join(', ')} and ${other.names.join(', ')})`);
  return LinearRegression.fromBytes(stateToBytes(mergeTree(states)));
}

// csvFile checks its options at once; reading up to the first row checks the file, the header and
// the columns (CsvError 'empty', 'missing-column', …, as fitStream(csvFile(path)) would raise them)
// and settles the design: the CSV options for the workers come back with the categorical columns'
// levels, found here once (a pass over the file when a text column's levels were not given) rather
// than by every range.
async function probe(path: string | URL, csv: Record<string, unknown>): Promise<Record<string, unknown>> {
  csvFile(path, csv);
  const source = csvFile(path, { ...csv, chunkRows: 1 });
  const rows = source[Symbol.asyncIterator]();
  try {
    await rows.next();
  } finally {
    await rows.return?.();
  }
  const levels = await source.levels;
  return Object.keys(levels).length ? { ...csv, levels } : csv;
}

// Every range on the pool; when one fails, the ranges after it are abandoned (their error could
// only come later in the file), and the first failure in file order is the one reported.
async function runRanges(pool: Pool, tasks: CsvTask[]): Promise<Outcome[]> {
  if (!pool.runCsv) throw new TypeError('fitCsvParallel reads files: it runs in Node (in a browser: csvChunks(file) with fitStream)');
  const stops = tasks.map(() => new AbortController());
  const abandonAfter = (k: number) => { for (let j = k + 1; j < stops.length; j++) stops[j].abort(); };
  return Promise.all(tasks.map((task, k) => pool.runCsv!(task, stops[k].signal).then(
    (result): Outcome => {
      if ('csvError' in result) abandonAfter(k);
      return { result };
    },
    (error: unknown): Outcome => {
      if (stops[k].signal.aborted) return { abandoned: true };
      abandonAfter(k);
      return { error };
    },
  )));
}

/** The worker's CsvError, its line counted from the top of the file and named as csvFile(path) does. */
async function fileError(e: Extract<CsvResult, { csvError: unknown }>['csvError'], path: string | URL, task: CsvTask): Promise<CsvError> {
  const name = String(path), where = `${name} bytes ${task.start}–${task.end}`;
  let { message, line } = e;
  if (line !== undefined) {
    const abs = line + (task.start > 0 ? await linesBefore(path, task.start) : 0);
    const at = `${where} line ${line}`;
    if (message.startsWith(at)) message = `${name} line ${abs}${message.slice(at.length)}`;
    line = abs;
  }
  if (message.startsWith(where)) message = name + message.slice(where.length);
  return new CsvError(e.code as CsvErrorCode, message, { line, column: e.column, columnName: e.columnName, cell: e.cell });
}

/**
 * Lines before the first row of a range starting at `start` > 0: that row begins after the first
 * line break at or after byte start − 1, so the line breaks in bytes [0, start − 1), plus that one.
 */
async function linesBefore(path: string | URL, start: number): Promise<number> {
  let breaks = 1;
  if (start - 1 <= 0) return breaks;
  for await (const buffer of createReadStream(path, { start: 0, end: start - 2, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) breaks++;
  }
  return breaks;
}
