// StepLR, MultiStepLR and ExponentialLR: the lr multiplied by gamma at chosen epochs, computed as
// torch.optim.lr_scheduler's chainable get_lr() does (from the current lr, not base_lr · gamma^k:
// the two differ in the last bits, and torch's numbers are the recursive ones).
import { checkInteger, describe } from '../../validate.js';
import { LRScheduler, checkFactor, checkLastEpoch, required } from './scheduler.js';
import type { Optimizer } from '../optimizer.js';

/** Options of {@link StepLR}; defaults as torch. */
export interface StepLROptions {
  /** Period of the decay in epochs, an integer ≥ 1. Required. */
  stepSize: number;
  /** Factor applied every stepSize epochs, > 0. Default 0.1. */
  gamma?: number;
  /** Index of the last epoch when resuming; −1 (the default) starts a new schedule. */
  lastEpoch?: number;
}

/**
 * Multiplies the learning rate by gamma every `stepSize` epochs (torch.optim.lr_scheduler.StepLR):
 *
 *     lr_t = lr_{t−1} · γ   if t > 0 and t mod stepSize = 0,   else lr_{t−1}
 *
 * @throws TypeError for a missing stepSize, unknown options or a disposed optimizer; RangeError
 *   for stepSize < 1 (or not an integer) and gamma ≤ 0 (torch accepts both).
 * @example
 * const scheduler = new StepLR(opt, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(model, opt, X, y, { iterations: 1, loss: 'mse' }); scheduler.step(); }
 */
export class StepLR extends LRScheduler<Required<Omit<StepLROptions, 'lastEpoch'>>> {
  /** @param optimizer the optimizer whose lr to schedule (SGD, Adam, …). */
  constructor(optimizer: Optimizer, options: StepLROptions) {
    super('StepLR', optimizer, parseStep(options), checkLastEpoch('StepLR', options?.lastEpoch));
  }

  /** @internal */
  protected getLr(epoch: number, lr: number): number {
    return epoch === 0 || epoch % this.opts.stepSize !== 0 ? lr : lr * this.opts.gamma;
  }

  /** @internal */
  protected parse(options: unknown): Required<Omit<StepLROptions, 'lastEpoch'>> {
    return parseStep(options);
  }
}

function parseStep(options: unknown): Required<Omit<StepLROptions, 'lastEpoch'>> {
  const o = required<StepLROptions>('StepLR', options, ['stepSize', 'gamma', 'lastEpoch'], 'stepSize');
  const stepSize = checkInteger('StepLR: stepSize', o.stepSize, 1);
  return { stepSize, gamma: checkFactor('StepLR: gamma', o.gamma ?? 0.1) };
}

/** Options of {@link MultiStepLR}; defaults as torch. */
export interface MultiStepLROptions {
  /** Epochs at which to multiply the lr by gamma: integers ≥ 0 in increasing order (one listed twice applies gamma twice, as torch's Counter does). Required. */
  milestones: number[];
  /** Factor applied at each milestone, > 0. Default 0.1. */
  gamma?: number;
  /** Index of the last epoch when resuming; −1 (the default) starts a new schedule. */
  lastEpoch?: number;
}

/**
 * Multiplies the learning rate by gamma at each milestone epoch (torch.optim.lr_scheduler.MultiStepLR):
 *
 *     lr_t = lr_{t−1} · γ^c   where c = how many times t appears in milestones
 *
 * @throws TypeError for missing milestones or unknown options; RangeError for a milestone that is
 *   not an integer ≥ 0, milestones out of order, or gamma ≤ 0.
 * @example
 * const scheduler = new MultiStepLR(opt, { milestones: [30, 80], gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler<Required<Omit<MultiStepLROptions, 'lastEpoch'>>> {
  /** @param optimizer the optimizer whose lr to schedule (SGD, Adam, …). */
  constructor(optimizer: Optimizer, options: MultiStepLROptions) {
    super('MultiStepLR', optimizer, parseMultiStep(options), checkLastEpoch('MultiStepLR', options?.lastEpoch));
  }

  /** @internal */
  protected getLr(epoch: number, lr: number): number {
    const count = this.opts.milestones.filter((m) => m === epoch).length;
    return count === 0 ? lr : lr * this.opts.gamma ** count;
  }

  /** @internal */
  protected parse(options: unknown): Required<Omit<MultiStepLROptions, 'lastEpoch'>> {
    return parseMultiStep(options);
  }
}

function parseMultiStep(options: unknown): Required<Omit<MultiStepLROptions, 'lastEpoch'>> {
  const o = required<MultiStepLROptions>('MultiStepLR', options, ['milestones', 'gamma', 'lastEpoch'], 'milestones');
  if (!Array.isArray(o.milestones)) throw new TypeError(`MultiStepLR: milestones must be an array of epochs, got ${describe(o.milestones)}`);
  const milestones = o.milestones.map((m, i) => checkInteger(`MultiStepLR: milestones[${i}]`, m, 0));
  milestones.forEach((m, i) => {
    if (i > 0 && m < milestones[i - 1]) {
      throw new RangeError(`MultiStepLR: milestones must be in increasing order, got ${milestones[i - 1]} then ${m} at index ${i}: sort them`);
    }
  });
  return { milestones, gamma: checkFactor('MultiStepLR: gamma', o.gamma ?? 0.1) };
}

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions {
  /** Factor applied every epoch, > 0. Required (torch has no default). */
  gamma: number;
  /** Index of the last epoch when resuming; −1 (the default) starts a new schedule. */
  lastEpoch?: number;
}

/**
 * Multiplies the learning rate by gamma every epoch (torch.optim.lr_scheduler.ExponentialLR):
 * lr_t = lr_{t−1} · γ for t > 0.
 * @throws TypeError for a missing gamma or unknown options; RangeError for gamma ≤ 0.
 * @example
 * const scheduler = new ExponentialLR(opt, { gamma: 0.9 });
 */
export class ExponentialLR extends LRScheduler<{ gamma: number }> {
  /** @param optimizer the optimizer whose lr to schedule (SGD, Adam, …). */
  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer, parseExponential(options), checkLastEpoch('ExponentialLR', options?.lastEpoch));
  }

  /** @internal */
  protected getLr(epoch: number, lr: number): number {
    return epoch === 0 ? lr : lr * this.opts.gamma;
  }

  /** @internal */
  protected parse(options: unknown): { gamma: number } {
    return parseExponential(options);
  }
}

function parseExponential(options: unknown): { gamma: number } {
  const o = required<ExponentialLROptions>('ExponentialLR', options, ['gamma', 'lastEpoch'], 'gamma');
  return { gamma: checkFactor('ExponentialLR: gamma', o.gamma) };
}
