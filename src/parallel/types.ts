// What the main thread and the workers of fitParallel say to each other, and the pool they talk
// through (tinypool in Node, module Web Workers in browsers: pool-node.ts, pool-web.ts).

/** @internal The library's two modules, compiled once on the main thread and instantiated by each worker. */
export interface CompiledModules { core: WebAssembly.Module; solver: WebAssembly.Module }

/**
 * @internal One worker's share: rows [start, start + rows) of the problem, as byte offsets into
 * `buffer` (a SharedArrayBuffer every worker reads, or an ArrayBuffer transferred to this worker).
 */
export interface BlockTask {
  /** The compiled library; the worker instantiates it (`init(modules)`) before its first block. */
  modules: CompiledModules;
  /** Where X is (rows×cols, row-major, at byte `x`), and y and the weights (bytes `y`, `w`; −1: none). */
  xBuffer: SharedArrayBuffer | ArrayBuffer; buffer: SharedArrayBuffer | ArrayBuffer;
  x: number; y: number; w: number;
  rows: number; cols: number;
  intercept: boolean;
  names: string[];
  targetName: string;
}

/**
 * @internal One worker's share of a CSV file (fitCsvParallel, Node): the rows that begin in bytes
 * [start, end) of the file, read by csvFile with the caller's CSV options.
 */
export interface CsvTask {
  modules: CompiledModules;
  /** The file: a path, or a file: URL's href when `url`. */
  path: string;
  url: boolean;
  start: number;
  end: number;
  /** csvFile's options without `range` (target, features, weight, chunkRows, header, delimiter). */
  csv: Record<string, unknown>;
  intercept: boolean;
}

/**
 * @internal What a worker sends back for a {@link CsvTask}: the range's mergeable state as bytes
 * (null when no row begins in the range), or the facts of the CsvError that stopped it (a CsvError
 * does not survive the trip between threads as itself).
 */
export type CsvResult =
  | { bytes: Uint8Array | null }
  | { csvError: { code: string; message: string; line?: number; column?: number; columnName?: string; cell?: string } };

/** @internal A pool of started workers, each reducing one {@link BlockTask} at a time. */
export interface Pool {
  /** How many workers it runs. */
  readonly size: number;
  /** The block's mergeable state (LinearRegression.toBytes). `transfer`: buffers to move, not copy. */
  run(task: BlockTask, transfer: ArrayBuffer[]): Promise<Uint8Array>;
  /** One byte range of a CSV file (Node's pool only); `signal` abandons it (the worker is restarted). */
  runCsv?(task: CsvTask, signal?: AbortSignal): Promise<CsvResult>;
  /** Stops every worker. */
  close(): Promise<void>;
}

/** @internal Starts a pool of `size` workers. */
export type StartPool = (size: number) => Pool;
