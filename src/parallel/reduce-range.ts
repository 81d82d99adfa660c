// The worker's half of fitCsvParallel (Node): the rows that begin in its byte range of the file,
// read by csvFile chunk by chunk and folded into the mergeable state exactly as fitStream folds
// them (foldChunk, with the header's names), sent back as bytes (LinearRegression.toBytes' format).
// A CsvError is sent back as its facts, which the main thread turns into one again with the line
// counted from the top of the file.

import { init } from '../wasm/init.js';
import { CsvError, csvFile } from '../csv/index.js';
import { foldChunk, type Partial } from '../solver/partial.js';
import { stateToBytes } from '../solver/state-io.js';
import type { CsvResult, CsvTask } from './types.js';

/** @internal The range's mergeable state as bytes (null: no row begins in it), or its CsvError's facts. */
export async function reduceCsvRange(task: CsvTask): Promise<CsvResult> {
  await init(task.modules);
  const data = csvFile(task.url ? new URL(task.path) : task.path, { ...task.csv, range: { start: task.start, end: task.end } });
  let part: Partial | undefined, index = 0;
  try {
    const names = await data.names;
    for await (const chunk of data) {
      part = foldChunk(part, chunk, names, task.intercept, `chunk ${index}: `);
      index++;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const { code, message, line, column, columnName, cell } = error;
    return { csvError: { code, message, line, column, columnName, cell } };
  }
  return { bytes: part ? stateToBytes(part) : null };
}
