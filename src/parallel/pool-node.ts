// The Node pool: worker_threads through tinypool (bundled into dist by `npm run build:parallel`,
// so the package keeps no dependencies). Workers start once and are reused; idle ones do not
// keep Node alive, and close() stops them.
import Tinypool from 'tinypool';
import type { BlockTask, CsvResult, CsvTask, Pool } from './types.js';

/**
 * @internal A pool of `size` workers running `worker` (a file: URL whose default export reduces a
 * block and whose export `csv` reduces a byte range of a CSV file).
 */
export function startNodePool(size: number, worker: URL): Pool {
  const pool = new Tinypool({ filename: worker.href, minThreads: size, maxThreads: size });
  return {
    size,
    run: (task: BlockTask, transfer: ArrayBuffer[]) => pool.run(task, { transferList: transfer }) as Promise<Uint8Array>,
    runCsv: (task: CsvTask, signal?: AbortSignal) => pool.run(task, { name: 'csv', signal }) as Promise<CsvResult>,
    close: () => pool.destroy(),
  };
}
