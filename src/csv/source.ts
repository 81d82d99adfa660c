// What a CSV can come from, as text in pieces, and the CsvSource object the entry returns: an async
// iterable of chunks that also knows the column names before the first chunk is asked for.
import { readCsv, type CsvChunk, type CsvDropped } from './parse.js';
import type { Settings } from './options.js';
import type { Opened } from './head.js';
import { levelsOption, type Design } from './design.js';

/**
 * CSV text: a string, a Blob or File, a web ReadableStream of bytes or strings, a Node Readable,
 * or any (async) iterable of Uint8Array / string pieces. Bytes are read as UTF-8.
 */
export type CsvInput =
  | string
  | Blob
  | ReadableStream<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/**
 * The chunks of a CSV, for `fitStream` (an async iterable of `{ X, y, sampleWeight? }`), with the
 * names of the columns they hold. Asking for a name starts reading (the header, up to 1000 rows to
 * tell text columns from numbers, and, for a categorical column whose levels were not given, a
 * first pass over the whole text); the rows read to answer it are kept for the iteration. A
 * string, Blob or file can be iterated again (it is read again); a stream only once.
 */
export interface CsvSource extends AsyncIterable<CsvChunk> {
  /**
   * The names of X's columns, in order: a numeric feature's header name (x1, x2, … with header:
   * false), and for a categorical one `name[T.level]` for each level but the first (patsy's names).
   */
  readonly featureNames: Promise<string[]>;
  /** The header name of the target column (y with header: false). */
  readonly targetName: Promise<string>;
  /** The header name of the weight column, when one was given. */
  readonly weightName: Promise<string | undefined>;
  /** `{ featureNames, targetName }`: the options of `fitStream` / `partialFit` that name the columns. */
  readonly names: Promise<{ featureNames: string[]; targetName: string }>;
  /**
   * Each categorical column's levels, the first the reference, keyed as the `levels` option takes
   * them (header names; 0-based indices with header: false): give them to other readings (the byte
   * ranges of a distributed job) so that all encode alike without a first pass of their own.
   */
  readonly levels: Promise<Record<string, string[]>>;
  /**
   * The rows skipped for a missing value (missing: 'drop'), in all and per column. Resolves when a
   * reading has read the last row (after `fitStream` resolves); the latest reading's counts.
   */
  readonly dropped: Promise<CsvDropped>;
}

interface Reading {
  chunks: AsyncGenerator<Design | CsvChunk, void, undefined>;
  design: Promise<Design>;
  dropped: Promise<CsvDropped>;
  taken: boolean;
}

/** @internal A CsvSource over `open`, which gives the text afresh for each reading (or null: no more). */
export class Source implements CsvSource {
  private latest: Reading | undefined;
  private readings = 0;

  constructor(
    private readonly open: () => Opened | null,
    private readonly settings: Settings,
    private readonly where: string,
  ) {}

  get featureNames(): Promise<string[]> { return this.design().then((d) => d.featureNames.slice()); }
  get targetName(): Promise<string> { return this.design().then((d) => d.plan.targetName); }
  get weightName(): Promise<string | undefined> { return this.design().then((d) => d.plan.weightName); }
  get names(): Promise<{ featureNames: string[]; targetName: string }> {
    return this.design().then((d) => ({ featureNames: d.featureNames.slice(), targetName: d.plan.targetName }));
  }
  get levels(): Promise<Record<string, string[]>> { return this.design().then((d) => levelsOption(d, this.settings.header)); }
  get dropped(): Promise<CsvDropped> { return (this.latest ?? this.start()).dropped; }

  async *[Symbol.asyncIterator](): AsyncGenerator<CsvChunk, void, undefined> {
    const reading = this.latest && !this.latest.taken ? this.latest : this.start();
    reading.taken = true;
    try {
      await reading.design;
      for (;;) {
        const next = await reading.chunks.next();
        if (next.done) return;
        yield next.value as CsvChunk;
      }
    } finally {
      await reading.chunks.return();
    }
  }

  private design(): Promise<Design> {
    return (this.latest ?? this.start()).design;
  }

  private start(): Reading {
    const opened = this.open();
    if (!opened) throw new TypeError(`${this.where} is a stream and has been read already: a stream can be read once (give a string, Blob or file path to read again)`);
    this.readings++;
    let done!: (d: CsvDropped) => void, failed!: (e: unknown) => void;
    const dropped = new Promise<CsvDropped>((resolve, reject) => { done = resolve; failed = reject; });
    const chunks = readCsv(opened, this.settings, this.where, done);
    // The first value is the design; it is asked for now, so that the header is read at once.
    const design = chunks.next().then((r) => r.value as Design);
    // Errors reach whoever awaits the names or iterates; `dropped` rejects with them too.
    design.catch(failed);
    dropped.catch(() => {});
    return (this.latest = { chunks: failing(chunks, failed), design, dropped, taken: false });
  }
}

/** The chunks, passing an error on to `failed` as well. */
async function* failing<T>(chunks: AsyncGenerator<T, void, undefined>, failed: (e: unknown) => void): AsyncGenerator<T, void, undefined> {
  try {
    yield* chunks;
  } catch (e) {
    failed(e);
    throw e;
  }
}

/** @internal The text of `input`, in pieces. @throws TypeError for another kind of input. */
export function textsOf(input: unknown): AsyncIterable<string> | null {
  if (typeof input === 'string') return sliced(input);
  if (typeof Blob !== 'undefined' && input instanceof Blob) return decoded(fromWebStream(input.stream()));
  if (isWebStream(input)) return decoded(fromWebStream(input));
  if (isObject(input) && (Symbol.asyncIterator in input || Symbol.iterator in input)) {
    const node = input as { setEncoding?: (e: string) => void; readableObjectMode?: boolean };
    // A Node Readable of bytes decodes faster itself (its StringDecoder) than TextDecoder does.
    if (typeof node.setEncoding === 'function' && node.readableObjectMode === false) node.setEncoding('utf8');
    return decoded(input as AsyncIterable<unknown>);
  }
  return null;
}

async function* sliced(text: string): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += 1 << 16) yield text.slice(i, i + (1 << 16));
}

async function* fromWebStream(stream: ReadableStream<unknown>): AsyncGenerator<unknown> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) { done = true; return; }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

async function* decoded(pieces: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let index = 0;
  for await (const piece of pieces) {
    if (typeof piece === 'string') yield piece;
    else if (piece instanceof Uint8Array) yield decoder.decode(piece, { stream: true });
    else throw new TypeError(`CSV input piece ${index} must be a string or a Uint8Array, got ${piece === null ? 'null' : typeof piece}`);
    index++;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isWebStream(v: unknown): v is ReadableStream<unknown> {
  return isObject(v) && typeof (v as ReadableStream).getReader === 'function' && !('readableObjectMode' in v);
}
