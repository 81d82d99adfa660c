// A CSV file as the command reads it: csvChunks over the file as a Blob (fs.openAsBlob), whose
// stream() is wrapped to count the bytes read for the progress bar (csvFile's reading is internal);
// a Blob can be read again, as the levels of a text column are found in a first pass. Errors are
// named by the file's path; the columns are those the options choose (--y, --x, --exclude, --weights).
import * as fs from 'node:fs';
import { statSync } from 'node:fs';
import { csvChunks, csvFile, type CsvChunk, type CsvDropped, type CsvOptions, type CsvSource } from '../csv/index.js';
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
  /** Feature columns read as categorical even where they hold numbers. */
  categorical?: string[];
  /** Levels of categorical columns, in order (the first is the reference). */
  levels?: Record<string, string[]>;
  missing?: 'drop' | 'error';
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
 * The csvChunks options of the column flags. The features are always named: --x, or every column
 * of the header (line 1, read here) but the target, the weights and --exclude; they are the raw
 * columns a saved model needs to read new rows (a text column is several columns of X).
 * @throws InputError for --x with --exclude, or an excluded column the header lacks.
 */
export async function columnOptions(path: string, c: ColumnOptions): Promise<Table> {
  if (c.x && c.exclude) throw new InputError('give either --x (the columns to use) or --exclude (the columns to leave out), not both');
  const table = openTable(path, {});
  let features = c.x;
  if (!features) {
    const header = await readHeader(path, c.delimiter ?? ',');
    for (const name of c.exclude ?? []) {
      if (name === c.y) throw new InputError(`${path} line 1: --exclude ${name}: that is the target (--y); leave it out of --exclude`);
      if (!header.includes(name)) throw new InputError(`${path} line 1: --exclude ${name}: no such column; the header has ${header.map((n) => JSON.stringify(n)).join(', ')}`);
    }
    if (!header.includes(c.y)) features = undefined; // csvChunks names the missing target, with the header
    else features = header.filter((name) => name !== c.y && name !== c.weights && !(c.exclude ?? []).includes(name));
  }
  return {
    ...table,
    options: {
      target: c.y, ...(features ? { features } : {}), ...(c.weights ? { weight: c.weights } : {}),
      ...(c.delimiter ? { delimiter: c.delimiter } : {}), ...(c.categorical ? { categorical: c.categorical } : {}),
      ...(c.levels ? { levels: c.levels } : {}), missing: c.missing ?? 'drop',
    },
  };
}

/** The names in line 1 (RFC 4180 quotes; a byte-order mark dropped), read without the rest of the file. */
export async function readHeader(path: string, delimiter: string): Promise<string[]> {
  const stream = fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let text = '';
  try {
    for await (const piece of stream as AsyncIterable<string>) {
      text += piece;
      const end = recordEnd(text);
      if (end >= 0) { text = text.slice(0, end); break; }
    }
  } finally {
    stream.destroy();
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const names: string[] = [];
  let cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { names.push(cell); cell = ''; } else if (ch !== '\r') cell += ch;
  }
  names.push(cell);
  return names;
}

/** Where the first record ends (its line break outside quotes), or −1. */
function recordEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10 && !quoted) return i;
  }
  return -1;
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
  dropped: CsvDropped;
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
    const dropped = await reading.source.dropped;
    return { X, y: concat(ys, rows), sampleWeight: ws.length ? concat(ws, rows) : undefined, featureNames, targetName, dropped };
  });
}

function concat(parts: Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}
