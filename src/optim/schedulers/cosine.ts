// CosineAnnealingLR as torch.optim.lr_scheduler computes it: the chainable (recursive) form, whose
// numbers differ in the last bits from the closed form η_min + (η_max − η_min)(1 + cos(πt/T))/2,
// with a correctly rounded cos (./cos.ts) where torch has glibc's and Math.cos is fdlibm's.
import { checkFinite, checkInteger } from '../../validate.js';
import { LRScheduler, checkLastEpoch, required } from './scheduler.js';
import { cos } from './cos.js';
import type { Optimizer } from '../optimizer.js';

/** Options of {@link CosineAnnealingLR}; defaults as torch. */
export interface CosineAnnealingLROptions {
  /** Half-period T_max in epochs, an integer ≥ 1. Required. */
  tMax: number;
  /** Minimum learning rate η_min, ≥ 0. Default 0. */
  etaMin?: number;
  /** Index of the last epoch when resuming; −1 (the default) starts a new schedule. */
  lastEpoch?: number;
}

type Checked = Required<Omit<CosineAnnealingLROptions, 'lastEpoch'>>;

/**
 * Anneals the learning rate from its initial value η_max down to η_min along a cosine over `tMax`
 * epochs, then back up (no restarts; torch.optim.lr_scheduler.CosineAnnealingLR). With the lr set
 * only by this scheduler,
 *
 *     η_t = η_min + (η_max − η_min) · (1 + cos(π·t / T_max)) / 2
 *
 * computed as torch does, from the current lr: η_t = (1 + cos(πt/T)) / (1 + cos(π(t−1)/T)) ·
 * (η_{t−1} − η_min) + η_min, and η_t = η_{t−1} + (η_max − η_min)(1 − cos(π/T))/2 where
 * t − 1 − T is a multiple of 2T.
 * @throws TypeError for a missing tMax or unknown options; RangeError for tMax < 1 (or not an
 *   integer) and etaMin < 0 (torch accepts both; with tMax 0 it divides by zero at epoch 1).
 * @example
 * const scheduler = new CosineAnnealingLR(opt, { tMax: 50, etaMin: 1e-4 });
 */
export class CosineAnnealingLR extends LRScheduler<Checked> {
  /** @param optimizer the optimizer whose lr to schedule (SGD, Adam, …). */
  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer, parse(options), checkLastEpoch('CosineAnnealingLR', options?.lastEpoch));
  }

  /** @internal torch's get_lr(), operation for operation. */
  protected getLr(epoch: number, lr: number, first: boolean): number {
    const { tMax, etaMin } = this.opts;
    const base = this.baseLr;
    if (epoch === 0) return lr;
    if (first) return etaMin + (base - etaMin) * (1 + cos(epoch * Math.PI / tMax)) / 2;
    if ((epoch - 1 - tMax) % (2 * tMax) === 0) return lr + (base - etaMin) * (1 - cos(Math.PI / tMax)) / 2;
    return (1 + cos(Math.PI * epoch / tMax)) / (1 + cos(Math.PI * (epoch - 1) / tMax)) * (lr - etaMin) + etaMin;
  }

  /** @internal */
  protected parse(options: unknown): Checked {
    return parse(options);
  }
}

function parse(options: unknown): Checked {
  const o = required<CosineAnnealingLROptions>('CosineAnnealingLR', options, ['tMax', 'etaMin', 'lastEpoch'], 'tMax');
  const tMax = checkInteger('CosineAnnealingLR: tMax', o.tMax, 1);
  const etaMin = checkFinite('CosineAnnealingLR: etaMin', o.etaMin ?? 0);
  if (etaMin < 0) throw new RangeError(`CosineAnnealingLR: etaMin must be ≥ 0 (a learning rate), got ${etaMin}`);
  return { tMax, etaMin };
}
