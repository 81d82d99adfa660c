// The Node worker (worker_threads, started by tinypool): one block per task, its state as bytes;
// `csv` (tinypool's task name 'csv'): one byte range of a CSV file (fitCsvParallel).
import { reduceBlock } from './reduce-block.js';
import { reduceCsvRange } from './reduce-range.js';
import type { BlockTask, CsvResult, CsvTask } from './types.js';

/** @internal tinypool's handler. */
export default function reduce(task: BlockTask): Promise<Uint8Array> {
  return reduceBlock(task);
}

/** @internal tinypool's handler for the task name 'csv'. */
export function csv(task: CsvTask): Promise<CsvResult> {
  return reduceCsvRange(task);
}
