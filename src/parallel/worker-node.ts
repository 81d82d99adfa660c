// The Node worker (worker_threads, started by tinypool): one block per task, its state as bytes.
import { reduceBlock } from './reduce-block.js';
import type { BlockTask } from './types.js';

/** @internal tinypool's handler. */
export default function reduce(task: BlockTask): Promise<Uint8Array> {
  return reduceBlock(task);
}
