// fitParallel over any pool (pool-node.ts in Node, pool-web.ts in browsers): the rows checked and
// packed in contiguous blocks (pack.ts), one block per worker, each worker reducing its block to
// the mergeable state (reduce-block.ts), the states merged here in a FIXED tree: pairwise by block
// index, ((0 1) (2 3)) …, so the same worker count always gives the same bits, and another count
// the same fit to rounding (the merge is exact in double-double).

import { compile, defaultSource, init, sourcesOf, type WasmSource, type WasmSources } from '../wasm/init.js';
import { solverSource } from '../solver/kernels.js';
import type { MatrixInput, VectorInput } from '../memory/borrow.js';
import { LinearRegression } from '../solver/linear-regression.js';
import { checkNames } from '../solver/options.js';
import type { Partial } from '../solver/partial.js';
import { stateFromBytes, stateToBytes } from '../solver/state-io.js';
import { checkBoolean, checkInteger, checkOptions, describe } from '../validate.js';
import { dropSpare, pack } from './pack.js';
import type { CompiledModules, Pool, StartPool } from './types.js';

/** Options of {@link fitParallel}. */
export interface ParallelFitOptions {
  /** How many workers reduce the rows (an integer ≥ 1): one block of contiguous rows each. */
  workers: number;
  /** One non-negative weight per row, or one number for every row. */
  sampleWeight?: VectorInput | number;
  /** Fit an intercept (default true). */
  fitIntercept?: boolean;
  /** Names of the features (default x1 … xp). */
  featureNames?: string[];
  /** Name of the dependent variable in summary() (default 'y'). */
  targetName?: string;
  /**
   * Where the workers load the wasm modules from (compiled once here, shared with every worker):
   * as `init()` takes them. Default: the package's linreg.wasm and solver.wasm, found as `init()` finds them.
   */
  wasm?: WasmSource | WasmSources;
}

const KNOWN = ['workers', 'sampleWeight', 'fitIntercept', 'featureNames', 'targetName', 'wasm'];

/** @internal How an entry runs workers: its pool, and whether a SharedArrayBuffer can be used. */
export interface Runtime { start: StartPool; shared(): boolean }

let current: { pool: Pool; users: number } | undefined;
let retired: { pool: Pool; users: number }[] = [];
const defaults: { core?: Promise<WebAssembly.Module>; solver?: Promise<WebAssembly.Module> } = {};

/** @internal fitParallel on `rt`'s pool. */
export async function fitParallelOn(rt: Runtime, X: MatrixInput, y: VectorInput, options: ParallelFitOptions): Promise<LinearRegression> {
  const opts = checkOptions<ParallelFitOptions>('fitParallel', options, KNOWN);
  if (opts.workers === undefined) throw new TypeError('fitParallel: options.workers is required: how many workers to start (at most the cores, e.g. os.availableParallelism() or navigator.hardwareConcurrency)');
  const workers = checkInteger('workers', opts.workers, 1);
  const intercept = opts.fitIntercept === undefined ? true : checkBoolean('fitIntercept', opts.fitIntercept);
  if (opts.targetName !== undefined && typeof opts.targetName !== 'string') throw new TypeError(`targetName must be a string, got ${describe(opts.targetName)}`);
  const packed = pack(X, y, opts.sampleWeight, workers, rt.shared());
  try {
    const names = checkNames('featureNames', opts.featureNames, packed.cols, 'X', 'x', 1);
    const modules = await modulesOf(opts.wasm);
    await init(modules); // the merged state is fitted here
    const states = await withPool(rt, workers, (pool) => Promise.all(packed.blocks.map((b) => pool.run({
      modules, xBuffer: b.xBuffer, buffer: b.buffer, x: b.x, y: b.y, w: b.w, rows: b.rows, cols: packed.cols,
      intercept, names, targetName: opts.targetName ?? 'y',
    }, b.transfer))));
    return LinearRegression.fromBytes(stateToBytes(mergeTree(states.map(stateFromBytes))));
  } finally {
    packed.done();
  }
}

/**
 * @internal Stops the workers and drops the kept transfer buffer. Calls still running are not
 * cut short: their pool closes when they end.
 */
export async function closeParallelPool(): Promise<void> {
  const slots = current ? [current, ...retired] : retired;
  current = undefined;
  retired = [];
  dropSpare();
  await Promise.all(slots.map((s) => (s.users ? (retired.push(s), undefined) : s.pool.close())));
}

/** @internal The states merged pairwise by index, level by level (a fixed tree). */
export function mergeTree(states: Partial[]): Partial {
  let level = states;
  while (level.length > 1) {
    const next: Partial[] = [];
    for (let i = 0; i < level.length; i += 2) {
      if (i + 1 === level.length) { next.push(level[i]); continue; }
      const reduction = level[i].reduction.clone();
      reduction.merge(level[i + 1].reduction);
      next.push({ ...level[i], reduction });
    }
    level = next;
  }
  return level[0];
}

/** @internal Runs `use` on the pool (at least `workers` workers), which stays open while it runs. */
export async function withPool<T>(rt: Runtime, workers: number, use: (pool: Pool) => Promise<T>): Promise<T> {
  const slot = poolFor(rt, workers);
  try {
    return await use(slot.pool);
  } finally {
    release(slot);
  }
}

// The pool, started once; restarted larger when a call asks for more workers than it has.
function poolFor(rt: Runtime, workers: number): { pool: Pool; users: number } {
  if (!current || current.pool.size < workers) {
    if (current) retire(current);
    current = { pool: rt.start(workers), users: 0 };
  }
  current.users++;
  return current;
}

function release(slot: { pool: Pool; users: number }): void {
  slot.users--;
  if (slot !== current && !slot.users) retire(slot);
}

function retire(slot: { pool: Pool; users: number }): void {
  if (slot.users) { retired.push(slot); return; }
  retired = retired.filter((s) => s !== slot);
  void slot.pool.close();
}

/** @internal The modules the workers instantiate: `source` compiled, or the package's (compiled once). */
export async function modulesOf(source: WasmSource | WasmSources | undefined): Promise<CompiledModules> {
  const given = sourcesOf(source);
  const [core, solver] = await Promise.all([
    given.core === undefined ? packaged('core', defaultSource) : compile(given.core),
    given.solver === undefined ? packaged('solver', solverSource) : compile(given.solver),
  ]);
  return { core, solver };
}

function packaged(name: keyof typeof defaults, source: () => WasmSource): Promise<WebAssembly.Module> {
  return defaults[name] ??= compile(source()).catch((error: unknown) => { defaults[name] = undefined; throw error; });
}
