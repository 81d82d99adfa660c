import type { LinearModel } from './model.js';
import { Optimizer } from './optim/optimizer.js';
import { checkData, checkModel, explainNonFinite, type LossName } from './loss.js';
import { withData, type MatrixInput, type MatrixRef, type VectorInput, type VectorRef } from './memory/borrow.js';
import { DivergenceError } from './errors.js';
import { checkBoolean, checkFinite, checkInteger, checkOptions, describe } from './validate.js';
import { suggestLearningRate } from './stability.js';
import type { Arena } from './memory/arena.js';

/** What `onLog` receives every `logEvery` steps. */
export interface TrainLog {
  /** Step t (the notebook's `t`; with mini-batches, counted over all epochs). */
  iteration: number;
  /** The epoch step t belongs to (with `iterations`, the iteration itself). */
  epoch: number;
  /** Loss before step t (of step t's batch). */
  loss: number;
  /** Parameters after step t (copies). */
  weight: Float64Array;
  /** Bias after step t. */
  bias: number;
}

/**
 * What the `scheduler` option takes: any of the learning-rate schedulers (StepLR, …,
 * ReduceLROnPlateau), built on the optimizer given to train().
 */
export interface EpochScheduler {
  /** The optimizer whose learning rate it sets: train()'s. */
  readonly optimizer: Optimizer;
  /** One epoch on; ReduceLROnPlateau reads the metric (the epoch's loss), the others ignore it. */
  step(metric: number): void;
}

/** Options of {@link train}: `iterations` (full-batch steps) or `epochs` (mini-batches), and a loss. */
export interface TrainOptions {
  /** 'sse' (the sum over the batch, as the notebook) or 'mse' (the mean over the batch). */
  loss: LossName;
  /** Full-batch steps (≥ 0): every step sees every row. Give this or `epochs`. */
  iterations?: number;
  /** Passes over the data (≥ 0), each in batches of `batchSize` rows, one step per batch. Give this or `iterations`. */
  epochs?: number;
  /** Rows per batch (≥ 1), as torch's DataLoader; the last batch may be smaller. Default: every row (one step per epoch). */
  batchSize?: number;
  /** Draw a new order of the rows each epoch (a seeded permutation). Default false: row order. */
  shuffle?: boolean;
  /** Seed of the shuffle (an integer 0 … 2⁵³−1): the same seed gives the same orders in every runtime. Default: random. */
  seed?: number;
  /** Skip the last batch of an epoch when it is smaller than batchSize. Default false. */
  dropLast?: boolean;
  /** A learning-rate scheduler on this optimizer, stepped once after each epoch (each iteration with `iterations`). */
  scheduler?: EpochScheduler;
  /**
   * Early stopping, as scikit-learn's SGDRegressor: stop once the epoch's loss (the mean of its step
   * losses) has failed `nIterNoChange` times in a row to come below the best so far minus `tol`.
   * Default: off.
   */
  tol?: number;
  /** Epochs without improvement before stopping (≥ 1, needs `tol`). Default 5. */
  nIterNoChange?: number;
  /** Call `onLog` after every step t with t % logEvery === 0. Default: total steps/100 (≥ 1). */
  logEvery?: number;
  /** Progress callback; it may read anything but cannot change this model or optimizer. */
  onLog?: (log: TrainLog) => void;
}

/** What {@link train} returns. */
export interface TrainResult {
  /** losses[t]: the loss before step t (of its batch), for every step taken. */
  losses: Float64Array;
  /**
   * Epochs run (iterations, with `iterations`), as scikit-learn's n_iter_: the number asked for, or
   * fewer when early stopping ended the run before the last epoch.
   */
  stoppedAt: number;
}

const atLeast = (min: number) => (name: string, value: unknown): number => checkInteger(name, value, min);
/** The options checked on their own, when given. */
const OPTION_CHECKS: [keyof TrainOptions, (name: string, value: unknown) => unknown][] = [
  ['batchSize', atLeast(1)], ['shuffle', checkBoolean], ['dropLast', checkBoolean], ['seed', atLeast(0)],
  ['tol', checkFinite], ['nIterNoChange', atLeast(1)], ['logEvery', atLeast(1)],
];

const KNOWN = ['loss', 'iterations', 'epochs', 'batchSize', 'shuffle', 'seed', 'dropLast', 'scheduler', 'tol', 'nIterNoChange', 'logEvery', 'onLog'] as const;

/**
 * Runs the whole training loop inside wasm: for every step t, `zeroGrad(); losses[t] = loss(model,
 * batch); backward; optimizer.step()` — the same numbers as the step-by-step API (and as torch's
 * DataLoader loop with mini-batches), crossing into JS only once per epoch (for the scheduler, early
 * stopping and the shuffle) and every `logEvery` steps for `onLog`.
 *
 * @returns `{ losses, stoppedAt }`: losses[t] = the loss before step t; the epochs run.
 * @throws TypeError unless `optimizer` was built on exactly `model.parameters()`; RangeError for bad
 *   shapes, data or options (nothing is changed); DivergenceError when the loss stops being finite,
 *   with the model and optimizer left at the last step whose loss was finite.
 * @example
 * const { losses } = train(model, new SGD(model.parameters(), { lr: 0.01 }), X, y,
 *   { iterations: 10_000, loss: 'sse', logEvery: 1000, onLog: (l) => console.log(l.iteration, l.loss) });
 * train(model, new Adam(model.parameters(), { lr: 1e-3 }), X, y, { epochs: 5, batchSize: 64, shuffle: true, seed: 1, loss: 'mse' });
 */
export function train(
  model: LinearModel, optimizer: Optimizer, X: MatrixInput, y: VectorInput, options: TrainOptions,
): TrainResult {
  checkModel(model);
  const o = checkTrainOptions(options);
  checkOptimizer(optimizer, model, o.scheduler);
  return withData(X, y, (refX, refY) => {
    checkData(model, refX, refY);
    return run(model, optimizer, refX, refY, o, planOf(o, refX.rows));
  });
}

type Checked = Omit<TrainOptions, 'iterations' | 'epochs'> & { count: number };

function checkTrainOptions(options: unknown): Checked {
  if (options === undefined) throw new TypeError("train: options are required: { iterations or epochs, loss: 'sse' | 'mse' }");
  const o = checkOptions<TrainOptions>('train', options, KNOWN);
  if (o.loss !== 'sse' && o.loss !== 'mse') throw new RangeError(`train: loss must be 'sse' or 'mse', got ${describe(o.loss)}`);
  const batched = o.epochs !== undefined;
  if (batched === (o.iterations !== undefined)) throw new TypeError('train: give iterations (full-batch steps) or epochs, not both');
  const count = checkInteger(`train: ${batched ? 'epochs' : 'iterations'}`, batched ? o.epochs : o.iterations, 0);
  for (const name of ['batchSize', 'shuffle', 'seed', 'dropLast'] as const) {
    if (!batched && o[name] !== undefined) throw new TypeError(`train: ${name} needs epochs (iterations are full-batch steps)`);
  }
  if (o.seed !== undefined && !o.shuffle) throw new TypeError('train: seed needs shuffle: true');
  if (o.nIterNoChange !== undefined && o.tol === undefined) throw new TypeError('train: nIterNoChange needs tol');
  for (const [name, check] of OPTION_CHECKS) if (o[name] !== undefined) check(`train: ${name}`, o[name]);
  if (o.onLog !== undefined && typeof o.onLog !== 'function') throw new TypeError(`train: onLog must be a function, got ${describe(o.onLog)}`);
  return { ...o, count } as Checked;
}

function checkOptimizer(optimizer: unknown, model: LinearModel, scheduler: unknown): asserts optimizer is Optimizer {
  if (!(optimizer instanceof Optimizer)) throw new TypeError(`optimizer must be an SGD, Adam, AdamW, RMSprop or Adagrad, got ${describe(optimizer)}`);
  optimizer.assertUsable();
  if (!optimizer.covers(model)) {
    throw new TypeError('train: the optimizer must hold exactly this model\'s parameters: new SGD(model.parameters(), { lr })');
  }
  const s = scheduler as EpochScheduler | undefined;
  if (s !== undefined && (typeof s?.step !== 'function' || s.optimizer !== optimizer)) {
    throw new TypeError(`train: scheduler must be a scheduler of this optimizer, got ${describe(s)}`);
  }
}

/** `epochs` passes of `steps` batches of `batch` rows (full-batch iterations: steps 1, batch = rows). */
interface Plan { epochs: number; steps: number; batch: number }

function planOf(o: Checked, rows: number): Plan {
  const size = o.batchSize ?? rows, steps = o.dropLast ? Math.floor(rows / size) : Math.ceil(rows / size);
  if (!steps) throw new RangeError(`train: batchSize ${size} > ${rows} rows with dropLast: no batch would be taken`);
  return { epochs: o.count, steps, batch: Math.min(size, rows) };
}

function run(model: LinearModel, opt: Optimizer, X: MatrixRef, y: VectorRef, o: Checked, { epochs, steps, batch }: Plan): TrainResult {
  const arena = model.arena, k = arena.kernels;
  const [range] = opt.ranges;
  const stateLen = opt.stateInUse(range);
  const shuffled = o.shuffle === true;
  const early = o.tol === undefined ? undefined : { tol: o.tol, patience: o.nIterNoChange ?? 5, best: Infinity, bad: 0 };
  // Without work between epochs, one call (cut only where onLog is called) runs every step.
  const perEpoch = shuffled || early !== undefined || o.scheduler !== undefined;
  const group = perEpoch ? steps : epochs * steps, groups = perEpoch ? epochs : Math.min(epochs, 1);
  const blocks = [
    arena.alloc(group * 8), arena.alloc((model.nFeatures + 3 + stateLen) * 8),
    ...(shuffled ? [arena.alloc(Math.ceil(X.rows / 2) * 8 + 8), arena.alloc(batch * (X.cols + 1) * 8)] : []),
  ];
  const [buf, backup, order = 0, bx = 0] = blocks;
  const rng = order + Math.ceil(X.rows / 2) * 8, by = bx && bx + batch * X.cols * 8;
  if (shuffled) seedRng(arena, rng, o.seed ?? Math.random() * 2 ** 32 >>> 0);
  const all = new Float64Array(epochs * steps);
  const logEvery = o.logEvery ?? Math.max(1, Math.ceil(all.length / 100));
  model.busy = opt.busy = true;
  let epoch = 0;
  try {
    for (; epoch < groups; epoch++) {
      const t0 = epoch * group;
      if (shuffled) k.shuffleRows(order, X.rows, rng);
      for (let first = 0; first < group;) {
        const end = o.onLog ? Math.min(group, nextLogPoint(t0 + first, logEvery) + 1 - t0) : group;
        const done = k.trainLoop(opt.kind, opt.cfgPtr(range), opt.statePtr(range), stateLen, X.ptr, y.ptr, X.rows, X.cols,
          model.ptr, model.gradPtr, model.scratchPtr, o.loss === 'mse' ? 1 : 0, batch, steps, first, end - first, order, bx, by,
          t0 + first, buf + first * 8, backup);
        const failed = done < end - first;
        all.set(arena.f64(buf + first * 8, done + (failed ? 1 : 0)), t0 + first);
        if (failed) diverged(model, X, y, o, all.slice(0, t0 + first + done + 1));
        first = end;
        const t = t0 + end - 1;
        if (o.onLog && t % logEvery === 0) o.onLog({ iteration: t, epoch: t / steps | 0, loss: all[t], weight: model.weight.slice(), bias: model.bias });
      }
      if (!perEpoch) continue;
      const epochLoss = meanOf(all, t0, steps);
      if (early && stalled(early, epochLoss)) { epoch++; break; }
      if (o.scheduler) {
        model.busy = opt.busy = false; // the scheduler sets the optimizer's lr between epochs
        try { o.scheduler.step(epochLoss); } finally { model.busy = opt.busy = true; }
      }
    }
    return { losses: all.slice(0, epoch * group), stoppedAt: perEpoch ? epoch : epochs };
  } finally {
    model.busy = opt.busy = false;
    for (const b of blocks) arena.release(b);
  }
}

function nextLogPoint(t: number, every: number): number {
  return Math.ceil(t / every) * every;
}

function meanOf(values: Float64Array, start: number, count: number): number {
  let sum = 0;
  for (let i = start; i < start + count; i++) sum += values[i];
  return sum / count;
}

/** scikit-learn's rule: a loss above best − tol is no improvement; `patience` of them in a row stop the run. */
function stalled(s: { tol: number; patience: number; best: number; bad: number }, loss: number): boolean {
  s.bad = loss > s.best - s.tol ? s.bad + 1 : 0;
  if (loss < s.best) s.best = loss;
  return s.bad >= s.patience;
}

/** The shuffle's SplitMix64 state: the seed as a u64, little-endian. */
function seedRng(arena: Arena, at: number, seed: number): void {
  new Uint32Array(arena.memory.buffer, at, 2).set([seed >>> 0, seed / 2 ** 32]);
}

function diverged(model: LinearModel, X: MatrixRef, y: VectorRef, o: Checked, losses: Float64Array): never {
  const iteration = losses.length - 1;
  if (iteration === 0) explainNonFinite(model, X, y, losses[0]);
  const lastFiniteLoss = losses[iteration - 1];
  const suggestedLr = suggestLearningRate(X, o.loss);
  throw new DivergenceError(
    `training diverged: the loss became ${losses[iteration]} at iteration ${iteration} (last finite loss ${lastFiniteLoss}); `
      + `the model is left at iteration ${iteration - 1}. Lower the learning rate`
      + (suggestedLr ? ` (plain gradient descent is stable below ${suggestedLr.toPrecision(3)} for this data)` : ''),
    { iteration, lastFiniteLoss, suggestedLr, losses },
  );
}
