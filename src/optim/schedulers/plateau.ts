// ReduceLROnPlateau as torch.optim.lr_scheduler has it: the lr is cut when a metric stops improving.
import { checkFinite, checkInteger, checkOptions, describe } from '../../validate.js';
import { checkLrList, checkSchedulerOptimizer, checkSchedulerState, type SchedulerState } from './scheduler.js';
import type { Optimizer } from '../optimizer.js';

/** Options of {@link ReduceLROnPlateau}; defaults as torch. */
export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should fall (a loss); 'max': it should rise (an accuracy). Default 'min'. */
  mode?: 'min' | 'max';
  /** new lr = lr · factor, in (0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement tolerated before the lr is cut, an integer ≥ 0. Default 10. */
  patience?: number;
  /** How much better a metric must be to count as an improvement, ≥ 0 (< 1 in mode 'min' with 'rel'). Default 1e-4. */
  threshold?: number;
  /** 'rel': better than best·(1 ∓ threshold); 'abs': better than best ∓ threshold. Default 'rel'. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs after a cut during which bad epochs are not counted, an integer ≥ 0. Default 0. */
  cooldown?: number;
  /** Lower bound of the lr, ≥ 0. Default 0. */
  minLr?: number;
  /** A cut smaller than eps is skipped, ≥ 0. Default 1e-8. */
  eps?: number;
}

type Checked = Required<ReduceLROnPlateauOptions>;
const KNOWN = ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps'] as const;

/**
 * Cuts the learning rate by `factor` when the metric given to `step(metric)` has not improved for
 * more than `patience` epochs (torch.optim.lr_scheduler.ReduceLROnPlateau). In mode 'min' with
 * thresholdMode 'rel', a metric a improves on the best so far when a < best·(1 − threshold).
 * After a cut, `cooldown` epochs pass before bad epochs count again; the lr never goes below
 * `minLr`, and a cut of at most `eps` is skipped.
 * @throws TypeError for unknown options or a disposed optimizer; RangeError for factor outside
 *   (0, 1), a mode or thresholdMode torch does not know, negative patience, cooldown, minLr or eps,
 *   and a threshold ≥ 1 in mode 'min' with 'rel' (no metric could ever improve).
 * @example
 * const scheduler = new ReduceLROnPlateau(opt, { factor: 0.5, patience: 3 });
 * scheduler.step(validationLoss); // once per epoch
 */
export class ReduceLROnPlateau {
  /** The optimizer whose learning rate this scheduler sets. */
  readonly optimizer: Optimizer;
  readonly type = 'ReduceLROnPlateau';
  private opts: Checked;
  private best: number;
  private numBadEpochs = 0;
  private cooldownCounter = 0;
  private epoch = 0;
  private last: number;

  /** @param optimizer the optimizer whose lr to schedule (SGD, Adam, …). */
  constructor(optimizer: Optimizer, options?: ReduceLROnPlateauOptions) {
    const o = parse(options);
    this.optimizer = checkSchedulerOptimizer('ReduceLROnPlateau', optimizer);
    this.opts = o;
    this.best = worst(o.mode);
    this.last = this.optimizer.lr;
  }

  /**
   * Records one epoch's metric and cuts the lr if it has not improved for more than `patience` epochs.
   * @throws TypeError for a metric that is not a number, a disposed optimizer or one in use by
   *   train(); RangeError for a NaN or infinite metric (a diverged run: nothing changes).
   */
  step(metric: number): void {
    checkSchedulerOptimizer(this.type, this.optimizer);
    const current = checkFinite('ReduceLROnPlateau.step: metric', metric);
    const o = this.opts;
    let bad = this.numBadEpochs + 1;
    let best = this.best;
    if (this.isBetter(current)) {
      best = current;
      bad = 0;
    }
    let cooldown = this.cooldownCounter;
    if (cooldown > 0) {
      cooldown -= 1;
      bad = 0; // bad epochs in cooldown are ignored
    }
    let lr = this.optimizer.lr;
    if (bad > o.patience) {
      const newLr = Math.max(lr * o.factor, o.minLr);
      if (lr - newLr > o.eps) lr = this.optimizer.lr = newLr;
      cooldown = o.cooldown;
      bad = 0;
    }
    this.best = best;
    this.numBadEpochs = bad;
    this.cooldownCounter = cooldown;
    this.epoch += 1;
    this.last = lr;
  }

  private isBetter(a: number): boolean {
    const { mode, threshold, thresholdMode } = this.opts;
    const best = this.best;
    if (mode === 'min') return thresholdMode === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return thresholdMode === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  }

  /** The current learning rate, one per parameter group (this library has one group). */
  getLastLr(): number[] {
    return [this.last];
  }

  /** Number of step() calls so far (torch's last_epoch). */
  get lastEpoch(): number {
    return this.epoch;
  }

  /** The options in effect, defaults filled in. */
  get options(): Checked {
    return { ...this.opts };
  }

  /** `{ format, version, type, options, lastEpoch, lastLr, state: { best, numBadEpochs, cooldownCounter } }`; best is null before the first metric. */
  stateDict(): SchedulerState {
    return {
      format: 'linreg-wasm/scheduler', version: 1, type: this.type, options: { ...this.opts }, lastEpoch: this.epoch,
      lastLr: [this.last],
      state: { best: Number.isFinite(this.best) ? this.best : null, numBadEpochs: this.numBadEpochs, cooldownCounter: this.cooldownCounter },
    };
  }

  /** Restores `stateDict()` output, options included; the optimizer's lr is not touched. @throws TypeError/RangeError for a mismatched dict (nothing changes). */
  loadStateDict(dict: unknown): void {
    this.optimizer.assertAlive(this.optimizer.type);
    const d = checkSchedulerState(dict, this.type);
    const o = parse(d.options);
    const best = d.state.best === null ? worst(o.mode) : checkFinite('loadStateDict: state.best', d.state.best);
    const numBadEpochs = checkInteger('loadStateDict: state.numBadEpochs', d.state.numBadEpochs, 0);
    const cooldownCounter = checkInteger('loadStateDict: state.cooldownCounter', d.state.cooldownCounter, 0);
    const [last] = checkLrList('loadStateDict: lastLr', d.lastLr);
    this.opts = o;
    this.best = best;
    this.numBadEpochs = numBadEpochs;
    this.cooldownCounter = cooldownCounter;
    this.epoch = d.lastEpoch;
    this.last = last;
  }
}

function worst(mode: 'min' | 'max'): number {
  return mode === 'min' ? Infinity : -Infinity;
}

function parse(options: unknown): Checked {
  const o = checkOptions<ReduceLROnPlateauOptions>('ReduceLROnPlateau', options, KNOWN);
  const mode = o.mode ?? 'min';
  if (mode !== 'min' && mode !== 'max') throw new RangeError(`ReduceLROnPlateau: mode must be 'min' or 'max', got ${describe(mode)}`);
  const thresholdMode = o.thresholdMode ?? 'rel';
  if (thresholdMode !== 'rel' && thresholdMode !== 'abs') {
    throw new RangeError(`ReduceLROnPlateau: thresholdMode must be 'rel' or 'abs', got ${describe(thresholdMode)}`);
  }
  const factor = checkFinite('ReduceLROnPlateau: factor', o.factor ?? 0.1);
  if (!(factor > 0 && factor < 1)) throw new RangeError(`ReduceLROnPlateau: factor must be in (0, 1), got ${factor}: new lr = lr · factor`);
  const threshold = nonNegative('threshold', o.threshold ?? 1e-4);
  if (mode === 'min' && thresholdMode === 'rel' && threshold >= 1) {
    throw new RangeError(`ReduceLROnPlateau: threshold ${threshold} with mode 'min' and thresholdMode 'rel' means no metric can improve on best · (1 − threshold): use a threshold in [0, 1) or thresholdMode 'abs'`);
  }
  return {
    mode, factor, threshold, thresholdMode,
    patience: checkInteger('ReduceLROnPlateau: patience', o.patience ?? 10, 0),
    cooldown: checkInteger('ReduceLROnPlateau: cooldown', o.cooldown ?? 0, 0),
    minLr: nonNegative('minLr', o.minLr ?? 0),
    eps: nonNegative('eps', o.eps ?? 1e-8),
  };
}

function nonNegative(name: string, value: unknown): number {
  const v = checkFinite(`ReduceLROnPlateau: ${name}`, value);
  if (v < 0) throw new RangeError(`ReduceLROnPlateau: ${name} must be ≥ 0, got ${v}`);
  return v;
}
