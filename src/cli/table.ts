// A CSV file as the command reads it: csvChunks over the file as a Blob (fs.openAsBlob), whose
// stream() is wrapped to count the bytes read for the progress bar (csvFile's reading is internal);
// a Blob can be read again, as the levels of a text column are found in a first pass. Errors are
// named by the file's path; the columns are those the options choose (--y, --x, --exclude, --weights).
import * as fs from 'node:fs';
import { statSync } from 'node:fs';
import { csvChunks, csvFile, type CsvChunk, type CsvOptions, type CsvSource } from '../csv/index.js';
import { InputError, fsReason, inFile } from './errors.js';

/** A CSV file and the csvChunks options it is read with. */
export interface Table {
  path: string;
  /** Bytes in the file. */
  size: number;
  options: CsvOptions;
}

/** One reading of a table: the chunks, and how far into the file the reading is. */
export interface Reading {
  source: CsvSource;
  bytesRead(): number;
  /** Stops the reading. */
  close(): void;
}

/** The columns as the command line gives them. */
export interface ColumnOptions {
  y: string;
  x?: string[];
  exclude?: string[];
  weights?: string;
  delimiter?: string;
}

/** @throws InputError when the path is not a readable file. */
export function openTable(path: string, options: CsvOptions): Table {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path}: is a directory, not a CSV file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: ${fsReason(error as NodeJS.ErrnoException)}`);
  }
  return { path, size, options };
}

/** Starts a reading of the table (the file is opened now, read as the chunks are asked for). */
export async function read(table: Table, options: CsvOptions = table.options): Promise<Reading> {
  // Node 18 has no fs.openAsBlob: csvFile then, and the bar counts rows only.
  if (typeof fs.openAsBlob !== 'function') return { source: csvFile(table.path, options), bytesRead: () => 0, close() {} };
  const blob = await fs.openAsBlob(table.path);
  const open = blob.stream.bind(blob);
  let bytes = 0;
  (blob as { stream: () => ReadableStream<Uint8Array> }).stream = () => {
    bytes = 0; // a new reading of the file (after a first pass for the levels)
    return open().pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(piece, out) { bytes += piece.byteLength; out.enqueue(piece); },
    }));
  };
  return { source: csvChunks(blob, options), bytesRead: () => bytes, close() {} };
}

/** Awaits `work`, with a library error about the file's content restated with the file's path. */
export async function named<T>(table: Table, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw inFile(error, table.path);
  }
}

/**
 * The csvChunks options of --y, --x / --exclude, --weights. --exclude needs the header: its
 * names are read (only line 1) to list the other columns.
 * @throws InputError for an excluded column the header lacks, or --x with --exclude.
 */
export async function columnOptions(path: string, c: ColumnOptions): Promise<Table> {
  const base: CsvOptions = { target: c.y, ...(c.weights ? { weight: c.weights } : {}), ...(c.delimiter ? { delimiter: c.delimiter } : {}) };
  if (c.x && c.exclude) throw new InputError('give either --x (the columns to use) or --exclude (the columns to leave out), not both');
  const table = openTable(path, c.x ? { ...base, features: c.x } : base);
  if (!c.exclude) return table;
  const probe = await read(table);
  try {
    const all = await named(table, () => probe.source.featureNames);
    for (const name of c.exclude) {
      if (name === c.y) throw new InputError(`${path} line 1: --exclude ${name}: that is the target (--y); leave it out of --exclude`);
      if (!all.includes(name)) throw new InputError(`${path} line 1: --exclude ${name}: no such column; the header has ${all.concat(c.y).map((n) => JSON.stringify(n)).join(', ')}`);
    }
    return { ...table, options: { ...base, features: all.filter((name) => !c.exclude!.includes(name)) } };
  } finally {
    probe.close();
  }
}

/** The chunks of `source`, each shown to `look` before it is handed on. */
export async function* tap(source: AsyncIterable<CsvChunk>, look: (chunk: CsvChunk) => void): AsyncGenerator<CsvChunk> {
  for await (const chunk of source) {
    look(chunk);
    yield chunk;
  }
}

/** The whole table in memory: X as one row-major block (rows × p), y, the weights, the names. */
export interface InMemory {
  X: Float64Array[];
  y: Float64Array;
  sampleWeight: Float64Array | undefined;
  featureNames: string[];
  targetName: string;
}

/** Reads every row (train, predict and the tests need the rows at once). */
export async function readAll(table: Table, onChunk?: (rows: number, bytes: number) => void): Promise<InMemory> {
  const reading = await read(table);
  return named(table, async () => {
    const { featureNames, targetName } = await reading.source.names;
    const X: Float64Array[] = [], ys: Float64Array[] = [], ws: Float64Array[] = [];
    let rows = 0;
    for await (const chunk of reading.source) {
      for (const row of chunk.X) X.push(row);
      ys.push(chunk.y);
      if (chunk.sampleWeight) ws.push(chunk.sampleWeight);
      rows += chunk.y.length;
      onChunk?.(rows, reading.bytesRead());
    }
    return { X, y: concat(ys, rows), sampleWeight: ws.length ? concat(ws, rows) : undefined, featureNames, targetName };
  });
}

function concat(parts: Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}
