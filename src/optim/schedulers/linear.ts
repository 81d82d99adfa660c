// LinearLR as torch.optim.lr_scheduler computes it: the chainable (recursive) form.
import { checkInteger, checkOptions, checkRange } from '../../validate.js';
import { LRScheduler, checkLastEpoch } from './scheduler.js';
import type { Optimizer } from '../optimizer.js';

/** Options of {@link LinearLR}; defaults as torch. */
export interface LinearLROptions {
  /** Factor of the initial lr at epoch 0, in (0, 1]. Default 1/3. */
  startFactor?: number;
  /** Factor reached at epoch totalIters and kept after it, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Epochs over which the factor moves from startFactor to endFactor, an integer ≥ 1. Default 5. */
  totalIters?: number;
  /** Index of the last epoch when resuming; −1 (the default) starts a new schedule. */
  lastEpoch?: number;
}

type Checked = Required<Omit<LinearLROptions, 'lastEpoch'>>;

/**
 * Scales the initial learning rate by a factor that moves linearly from `startFactor` to
 * `endFactor` over `totalIters` epochs (torch.optim.lr_scheduler.LinearLR; a warm-up with the
 * defaults). With s, e, T the options, computed as torch does from the current lr:
 *
 *     lr_0 = lr · s;   lr_t = lr_{t−1} · (1 + (e − s) / (T·s + (t − 1)(e − s)))  for 0 < t ≤ T;   lr_t = lr_{t−1} after
 *
 * @throws TypeError for unknown options; RangeError for startFactor outside (0, 1], endFactor
 *   outside [0, 1] or totalIters < 1 (torch 1.13 accepts startFactor 0, then divides by zero, and totalIters 0).
 * @example
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 10 });
 */
export class LinearLR extends LRScheduler<Checked> {
  /** @param optimizer the optimizer whose lr to schedule (SGD, Adam, …). */
  constructor(optimizer: Optimizer, options?: LinearLROptions) {
    super('LinearLR', optimizer, parse(options), checkLastEpoch('LinearLR', options?.lastEpoch));
  }

  /** @internal torch's get_lr(), operation for operation. */
  protected getLr(epoch: number, lr: number): number {
    const { startFactor: s, endFactor: e, totalIters: T } = this.opts;
    if (epoch === 0) return lr * s;
    if (epoch > T) return lr;
    return lr * (1 + (e - s) / (T * s + (epoch - 1) * (e - s)));
  }

  /** @internal */
  protected parse(options: unknown): Checked {
    return parse(options);
  }
}

function parse(options: unknown): Checked {
  const o = checkOptions<LinearLROptions>('LinearLR', options, ['startFactor', 'endFactor', 'totalIters', 'lastEpoch']);
  const startFactor = checkRange('LinearLR: startFactor', o.startFactor ?? 1 / 3, 0, 1, true);
  if (startFactor === 0) throw new RangeError('LinearLR: startFactor must be in (0, 1], got 0: the lr would be 0 (and torch divides by it at epoch 1)');
  const endFactor = checkRange('LinearLR: endFactor', o.endFactor ?? 1, 0, 1, true);
  const totalIters = checkInteger('LinearLR: totalIters', o.totalIters ?? 5, 1);
  return { startFactor, endFactor, totalIters };
}
