// The sources fitStream reads: iterables, async iterables (a Node Readable in object mode is
// one), and web ReadableStreams (read through their reader: not every browser makes them
// async-iterable).

import { describe } from '../validate.js';
import type { Chunk } from './partial.js';

/** What fitStream reads chunks from. */
export type ChunkSource = Iterable<Chunk> | AsyncIterable<Chunk> | ReadableStream<Chunk>;

/** @internal The chunks of a source, in order. @throws TypeError for another kind of source. */
export async function* chunksOf(source: unknown): AsyncGenerator<unknown> {
  if (isWebStream(source)) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  const s = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | null;
  if (s && (typeof s[Symbol.asyncIterator] === 'function' || typeof s[Symbol.iterator] === 'function') && typeof source !== 'string') {
    yield* source as AsyncIterable<unknown>;
    return;
  }
  throw new TypeError(`fitStream needs an iterable, an async iterable, a Node Readable or a web ReadableStream of { X, y } chunks, got ${describe(source)}`);
}

/** @internal The chunk as an object with X and y. @throws TypeError naming the chunk. */
export function checkChunk(chunk: unknown, index: number): Chunk {
  const c = chunk as Partial<Chunk> | null;
  if (typeof c !== 'object' || c === null || c.X === undefined || c.y === undefined) {
    throw new TypeError(`chunk ${index} must be an object { X, y, sampleWeight?, xLow? }, got ${describe(chunk)}`);
  }
  const extra = Object.keys(c).filter((k) => !['X', 'y', 'sampleWeight', 'xLow'].includes(k));
  if (extra.length) throw new TypeError(`chunk ${index} has unknown key "${extra[0]}"; a chunk is { X, y, sampleWeight?, xLow? }`);
  return c as Chunk;
}

function isWebStream(s: unknown): s is ReadableStream<unknown> {
  return typeof s === 'object' && s !== null && typeof (s as ReadableStream).getReader === 'function' && !(Symbol.asyncIterator in (s as object) && 'readableObjectMode' in (s as object));
}
