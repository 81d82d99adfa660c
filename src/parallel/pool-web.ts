// The browser pool: module Web Workers, started once and reused; each runs one block at a time,
// the others wait in a queue. close() terminates them.
import type { BlockTask, Pool } from './types.js';

interface Job { task: BlockTask; transfer: ArrayBuffer[]; resolve(bytes: Uint8Array): void; reject(error: unknown): void }
type Reply = { bytes: Uint8Array } | { error: unknown };

/** @internal A pool of `size` workers made by `make` (`new Worker(new URL(…), { type: 'module' })`). */
export function startWebPool(size: number, make: () => Worker): Pool {
  const idle: Worker[] = [], queue: Job[] = [], busy = new Map<Worker, Job>();
  const dispatch = (): void => {
    while (idle.length && queue.length) {
      const worker = idle.pop()!, job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage({ task: job.task }, job.transfer);
    }
  };
  const settle = (worker: Worker, done: (job: Job) => void): void => {
    const job = busy.get(worker);
    busy.delete(worker);
    idle.push(worker);
    if (job) done(job);
    dispatch();
  };
  const workers = Array.from({ length: size }, () => {
    const worker = make();
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      settle(worker, (job) => ('error' in reply ? job.reject(reply.error) : job.resolve(reply.bytes)));
    };
    // a worker that could not load its script (or crashed): its block fails with the reason
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      settle(worker, (job) => job.reject(new Error(`linreg-wasm/parallel: a worker failed: ${event.message}`)));
    };
    idle.push(worker);
    return worker;
  });
  return {
    size,
    run: (task, transfer) => new Promise<Uint8Array>((resolve, reject) => {
      queue.push({ task, transfer, resolve, reject });
      dispatch();
    }),
    close: async () => {
      for (const w of workers) w.terminate();
      const error = new Error('linreg-wasm/parallel: the pool was closed');
      for (const job of [...busy.values(), ...queue.splice(0)]) job.reject(error);
      busy.clear();
    },
  };
}
