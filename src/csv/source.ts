// What a CSV can come from, as text in pieces, and the CsvSource object the entry returns: an async
// iterable of chunks that also knows the column names before the first chunk is asked for.
import { readCsv, type CsvChunk } from './parse.js';
import type { Plan, Settings } from './options.js';
import type { Opened } from './head.js';

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
 * names of the columns they hold. Asking for a name starts reading (the header only); the rows read
 * to answer it are kept for the iteration. A string, Blob or file can be iterated again (it is read
 * again); a stream only once.
 */
export interface CsvSource extends AsyncIterable<CsvChunk> {
  /** The header names of X's columns, in order (x1, x2, … with header: false). */
  readonly featureNames: Promise<string[]>;
  /** The header name of the target column (y with header: false). */
  readonly targetName: Promise<string>;
  /** The header name of the weight column, when one was given. */
  readonly weightName: Promise<string | undefined>;
  /** `{ featureNames, targetName }`: the options of `fitStream` / `partialFit` that name the columns. */
  readonly names: Promise<{ featureNames: string[]; targetName: string }>;
}

interface Reading { chunks: AsyncGenerator<Plan | CsvChunk, void, undefined>; plan: Promise<Plan>; taken: boolean }

/** @internal A CsvSource over `open`, which gives the text afresh for each reading (or null: no more). */
export class Source implements CsvSource {
  private latest: Reading | undefined;
  private readings = 0;

  constructor(
    private readonly open: () => Opened | null,
    private readonly settings: Settings,
    private readonly where: string,
  ) {}

  get featureNames(): Promise<string[]> { return this.plan().then((p) => p.featureNames.slice()); }
  get targetName(): Promise<string> { return this.plan().then((p) => p.targetName); }
  get weightName(): Promise<string | undefined> { return this.plan().then((p) => p.weightName); }
  get names(): Promise<{ featureNames: string[]; targetName: string }> {
    return this.plan().then((p) => ({ featureNames: p.featureNames.slice(), targetName: p.targetName }));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CsvChunk, void, undefined> {
    const reading = this.latest && !this.latest.taken ? this.latest : this.start();
    reading.taken = true;
    try {
      await reading.plan;
      for (;;) {
        const next = await reading.chunks.next();
        if (next.done) return;
        yield next.value as CsvChunk;
      }
    } finally {
      await reading.chunks.return();
    }
  }

  private plan(): Promise<Plan> {
    return (this.latest ?? this.start()).plan;
  }

  private start(): Reading {
    const opened = this.open();
    if (!opened) throw new TypeError(`${this.where} is a stream and has been read already: a stream can be read once (give a string, Blob or file path to read again)`);
    this.readings++;
    const chunks = readCsv(opened, this.settings, this.where);
    // The first value is the plan; it is asked for now, so that the header is read at once.
    const plan = chunks.next().then((r) => r.value as Plan);
    plan.catch(() => {}); // the error reaches whoever awaits the names or iterates
    return (this.latest = { chunks, plan, taken: false });
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
