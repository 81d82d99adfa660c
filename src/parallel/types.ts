// What the main thread and the workers of fitParallel say to each other, and the pool they talk
// through (tinypool in Node, module Web Workers in browsers: pool-node.ts, pool-web.ts).

/**
 * @internal One worker's share: rows [start, start + rows) of the problem, as byte offsets into
 * `buffer` (a SharedArrayBuffer every worker reads, or an ArrayBuffer transferred to this worker).
 */
export interface BlockTask {
  /** The compiled library; the worker instantiates it (`init(module)`) before its first block. */
  module: WebAssembly.Module;
  /** Where X is (rows×cols, row-major, at byte `x`), and y and the weights (bytes `y`, `w`; −1: none). */
  xBuffer: SharedArrayBuffer | ArrayBuffer; buffer: SharedArrayBuffer | ArrayBuffer;
  x: number; y: number; w: number;
  rows: number; cols: number;
  intercept: boolean;
  names: string[];
  targetName: string;
}

/** @internal A pool of started workers, each reducing one {@link BlockTask} at a time. */
export interface Pool {
  /** How many workers it runs. */
  readonly size: number;
  /** The block's mergeable state (LinearRegression.toBytes). `transfer`: buffers to move, not copy. */
  run(task: BlockTask, transfer: ArrayBuffer[]): Promise<Uint8Array>;
  /** Stops every worker. */
  close(): Promise<void>;
}

/** @internal Starts a pool of `size` workers. */
export type StartPool = (size: number) => Pool;
