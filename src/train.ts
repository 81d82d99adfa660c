import type { LinearModel } from './model.js';
import { Optimizer } from './optim/optimizer.js';
import { checkData, checkModel, explainNonFinite, type LossName } from './loss.js';
import { withData, type MatrixInput, type MatrixRef, type VectorInput, type VectorRef } from './memory/borrow.js';
import { DivergenceError } from './errors.js';
import { checkInteger, checkOptions, describe } from './validate.js';
import { suggestLearningRate } from './stability.js';

/** What `onLog` receives every `logEvery` iterations. */
export interface TrainLog {
  /** Iteration t (the notebook's `t`). */
  iteration: number;
  /** Loss before step t. */
  loss: number;
  /** Parameters after step t (copies). */
  weight: Float64Array;
  /** Bias after step t. */
  bias: number;
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** Number of steps (≥ 0). */
  iterations: number;
  /** 'sse' (sum, as the notebook) or 'mse' (mean). */
  loss: LossName;
  /** Call `onLog` after every step t with t % logEvery === 0. Default: iterations/100 (≥ 1). */
  logEvery?: number;
  /** Progress callback; it may read anything but cannot change this model or optimizer. */
  onLog?: (log: TrainLog) => void;
}

const KNOWN = ['iterations', 'loss', 'logEvery', 'onLog'] as const;

/**
 * Runs the whole training loop inside wasm: for t = 0 … iterations−1,
 * `zeroGrad(); losses[t] = loss(model, X, y); backward; optimizer.step()` — the same numbers as the
 * step-by-step API, without crossing into JS except every `logEvery` steps for `onLog`.
 *
 * @returns `{ losses }`, losses[t] = the loss before step t.
 * @throws TypeError unless `optimizer` was built on exactly `model.parameters()`; RangeError for bad
 *   shapes, data or options; DivergenceError when the loss stops being finite, with the model and
 *   optimizer left at the last step whose loss was finite.
 * @example
 * const { losses } = train(model, new SGD(model.parameters(), { lr: 0.01 }), X, y,
 *   { iterations: 10_000, loss: 'sse', logEvery: 1000, onLog: (l) => console.log(l.iteration, l.loss) });
 */
export function train(
  model: LinearModel, optimizer: Optimizer, X: MatrixInput, y: VectorInput, options: TrainOptions,
): { losses: Float64Array } {
  checkModel(model);
  const o = checkTrainOptions(options);
  checkOptimizer(optimizer, model);
  return withData(X, y, (refX, refY) => {
    checkData(model, refX, refY);
    return run(model, optimizer, refX, refY, o);
  });
}

type Checked = Required<Omit<TrainOptions, 'onLog'>> & Pick<TrainOptions, 'onLog'>;

function checkTrainOptions(options: unknown): Checked {
  if (options === undefined) throw new TypeError("train: options are required: { iterations, loss: 'sse' | 'mse' }");
  const o = checkOptions<TrainOptions>('train', options, KNOWN);
  const iterations = checkInteger('train: iterations', o.iterations, 0);
  if (o.loss !== 'sse' && o.loss !== 'mse') throw new RangeError(`train: loss must be 'sse' or 'mse', got ${describe(o.loss)}`);
  const logEvery = checkInteger('train: logEvery', o.logEvery ?? Math.max(1, Math.ceil(iterations / 100)), 1);
  if (o.onLog !== undefined && typeof o.onLog !== 'function') {
    throw new TypeError(`train: onLog must be a function, got ${describe(o.onLog)}`);
  }
  return { iterations, loss: o.loss, logEvery, onLog: o.onLog };
}

function checkOptimizer(optimizer: unknown, model: LinearModel): asserts optimizer is Optimizer {
  if (!(optimizer instanceof Optimizer)) throw new TypeError(`optimizer must be an SGD, Adam, AdamW, RMSprop or Adagrad, got ${describe(optimizer)}`);
  optimizer.assertUsable();
  if (!optimizer.covers(model)) {
    throw new TypeError('train: the optimizer must hold exactly this model\'s parameters: new SGD(model.parameters(), { lr })');
  }
}

function run(model: LinearModel, opt: Optimizer, X: MatrixRef, y: VectorRef, o: Checked): { losses: Float64Array } {
  const arena = model.arena;
  const [range] = opt.ranges;
  const stateLen = opt.stateInUse(range);
  const losses = arena.alloc(o.iterations * 8);
  const backup = arena.alloc((model.nFeatures + 3 + stateLen) * 8);
  model.busy = opt.busy = true;
  try {
    const loop = (t0: number, count: number): number => arena.kernels.trainLoop(
      opt.kind, opt.cfgPtr(range), opt.statePtr(range), stateLen, X.ptr, y.ptr, X.rows, X.cols,
      model.ptr, model.gradPtr, model.scratchPtr, o.loss === 'sse' ? 1 : X.rows, t0, count, losses, backup,
    );
    // Without onLog, nothing needs JS between iterations: one call runs them all.
    const every = o.onLog ? o.logEvery : Math.max(o.iterations, 1);
    for (let t = 0; t < o.iterations;) {
      const end = Math.min(o.iterations, nextLogPoint(t, every) + 1);
      const done = loop(t, end - t);
      if (done < end - t) diverged(model, X, y, o, arena.f64(losses, t + done + 1).slice());
      t = end;
      if (o.onLog && (t - 1) % o.logEvery === 0) {
        o.onLog({ iteration: t - 1, loss: arena.f64(losses, t)[t - 1], weight: model.weight.slice(), bias: model.bias });
      }
    }
    return { losses: arena.f64(losses, o.iterations).slice() };
  } finally {
    model.busy = opt.busy = false;
    arena.release(backup);
    arena.release(losses);
  }
}

function nextLogPoint(t: number, every: number): number {
  return Math.ceil(t / every) * every;
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
