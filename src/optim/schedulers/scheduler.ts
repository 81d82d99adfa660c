// The base of torch.optim.lr_scheduler's epoch schedulers, and the checks every scheduler shares.
// A scheduler holds no wasm memory: it reads the optimizer's learning rate and writes it back
// through the optimizer's `lr` setter, which stores it in the config block the update kernel reads,
// so the next step() or train() uses it.
import { Optimizer } from '../optimizer.js';
import { checkEnvelope, checkFinite, checkInteger, checkOptions, describe } from '../../validate.js';

/** A saved scheduler: `stateDict()` output, accepted by `loadStateDict()`. JSON-safe. */
export interface SchedulerState {
  /** Marks the JSON as a saved scheduler. */
  format: 'linreg-wasm/scheduler';
  /** Format version; this build reads 1. */
  version: 1;
  /** The class that saved it ('StepLR', …); loadStateDict() refuses another. */
  type: string;
  /** The options in effect, defaults filled in (lastEpoch excluded: it is state). */
  options: Record<string, unknown>;
  /** torch's last_epoch: how many times step() was called, counting the constructor's call as 0. */
  lastEpoch: number;
  /** What getLastLr() returns. */
  lastLr: number[];
  /** The rest of the scheduler's state: { baseLrs, stepCount } or, for ReduceLROnPlateau, { best, numBadEpochs, cooldownCounter }. */
  state: Record<string, number | number[] | null>;
}

// torch keeps each param group's first lr as group['initial_lr'] (setdefault: a second scheduler on
// the same optimizer keeps the first one's); a scheduler built with lastEpoch ≥ 0 starts from it.
const initialLrs = new WeakMap<Optimizer, number>();

/**
 * Base of StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR and LinearLR: torch's
 * `_LRScheduler`. The constructor takes step 0 (as torch's `_initial_step`); each `step()` adds one
 * to `lastEpoch` and sets the optimizer's lr to `getLr(lastEpoch, lr)`, torch's chainable
 * (recursive) form computed from the current lr with the same operations in the same order.
 */
export abstract class LRScheduler<O extends object> {
  /** The optimizer whose learning rate this scheduler sets. */
  readonly optimizer: Optimizer;
  /** torch's class name ('StepLR', …). */
  readonly type: string;
  /** @internal Options in effect (defaults filled in). */
  protected opts: O;
  /** @internal torch's base_lrs[0]: the optimizer's initial lr. */
  protected baseLr: number;
  private epoch: number;
  private steps = 0; // torch's _step_count
  private last: number;

  protected constructor(type: string, optimizer: unknown, opts: O, lastEpoch: number) {
    const opt = checkSchedulerOptimizer(type, optimizer);
    const recorded = initialLrs.get(opt);
    if (lastEpoch !== -1 && recorded === undefined) {
      throw new RangeError(
        `${type}: lastEpoch = ${lastEpoch} resumes a schedule from the optimizer's initial lr, which only a scheduler built `
        + 'on this optimizer with lastEpoch -1 records (torch reads it from param_groups[i].initial_lr): create the '
        + 'scheduler without lastEpoch and call loadStateDict() with the saved scheduler state instead',
      );
    }
    this.type = type;
    this.optimizer = opt;
    this.opts = opts;
    this.baseLr = recorded ?? opt.lr;
    this.epoch = lastEpoch;
    this.last = opt.lr;
    this.step(); // torch's _initial_step: epoch lastEpoch + 1, step count 1
    if (recorded === undefined) initialLrs.set(opt, this.baseLr);
  }

  /**
   * torch's get_lr(): the lr for epoch `epoch` from the current `lr` (chainable form).
   * `first` is true in the constructor's step (torch's _step_count == 1).
   * @internal
   */
  protected abstract getLr(epoch: number, lr: number, first: boolean): number;

  /** @internal Checks saved options (as the constructor does) and returns them. */
  protected abstract parse(options: unknown): O;

  /**
   * Advances one epoch and sets the optimizer's learning rate; call it after each epoch's
   * `optimizer.step()` / `train()`.
   * @throws TypeError if the optimizer (or its model) was disposed or train() is running with it;
   *   RangeError if the schedule would give a learning rate that is not a finite number ≥ 0 (nothing changes).
   */
  step(): void {
    checkSchedulerOptimizer(this.type, this.optimizer);
    const epoch = this.epoch + 1;
    const lr = this.getLr(epoch, this.optimizer.lr, this.steps === 0);
    if (!(lr >= 0) || lr === Infinity) {
      throw new RangeError(`${this.type}: epoch ${epoch} would set lr = ${lr}; nothing was changed (check gamma and the starting lr)`);
    }
    this.optimizer.lr = lr;
    this.epoch = epoch;
    this.steps += 1;
    this.last = lr;
  }

  /** The learning rate the last step() set, one per parameter group (this library has one group). */
  getLastLr(): number[] {
    return [this.last];
  }

  /** torch's last_epoch: the epoch index of the last step() (0 after construction with the default lastEpoch). */
  get lastEpoch(): number {
    return this.epoch;
  }

  /** The options in effect, defaults filled in. */
  get options(): O {
    return copyOptions(this.opts);
  }

  /** `{ format, version, type, options, lastEpoch, lastLr, state: { baseLrs, stepCount } }`: plain JSON. */
  stateDict(): SchedulerState {
    return {
      format: 'linreg-wasm/scheduler', version: 1, type: this.type, options: copyOptions(this.opts) as Record<string, unknown>,
      lastEpoch: this.epoch, lastLr: [this.last], state: { baseLrs: [this.baseLr], stepCount: this.steps },
    };
  }

  /**
   * Restores `stateDict()` output, options included, as torch's load_state_dict does. The
   * optimizer's lr is not touched: restore it with the optimizer's own loadStateDict().
   * @throws TypeError/RangeError for a mismatched or malformed dict (nothing changes).
   */
  loadStateDict(dict: unknown): void {
    this.optimizer.assertAlive(this.optimizer.type);
    const d = checkSchedulerState(dict, this.type);
    const opts = this.parse(d.options);
    const [baseLr] = checkLrList('loadStateDict: state.baseLrs', d.state.baseLrs);
    const steps = checkInteger('loadStateDict: state.stepCount', d.state.stepCount, 1);
    this.opts = opts;
    this.baseLr = baseLr;
    this.epoch = d.lastEpoch;
    this.steps = steps;
    this.last = d.lastLr[0];
    if (!initialLrs.has(this.optimizer)) initialLrs.set(this.optimizer, baseLr);
  }
}

/** @internal The optimizer a scheduler is built on or steps: a live Optimizer, its model live, not in use by train(). */
export function checkSchedulerOptimizer(type: string, optimizer: unknown): Optimizer {
  if (!(optimizer instanceof Optimizer)) {
    throw new TypeError(`${type}: optimizer must be an optimizer (SGD, Adam, AdamW, …), got ${describe(optimizer)}`);
  }
  if (optimizer.isDisposed) {
    throw new TypeError(`${type}: the optimizer (${optimizer.type}) was disposed; a scheduler needs a live optimizer`);
  }
  optimizer.assertUsable();
  return optimizer;
}

/** @internal A multiplicative factor: finite and > 0 (torch accepts 0 and negatives, which zero or flip the lr). */
export function checkFactor(name: string, value: unknown): number {
  const v = checkFinite(name, value);
  if (!(v > 0)) throw new RangeError(`${name} must be > 0, got ${v}: the lr is multiplied by it (0.1 divides the lr by 10)`);
  return v;
}

/** @internal The lastEpoch option: an integer ≥ −1, −1 (the default) starting a new schedule. */
export function checkLastEpoch(type: string, value: unknown): number {
  return value === undefined ? -1 : checkInteger(`${type}: lastEpoch`, value, -1);
}

/** @internal Envelope, lastEpoch and lastLr of a saved scheduler, checked before anything is written. */
export function checkSchedulerState(dict: unknown, type: string): SchedulerState {
  const d = checkEnvelope(
    dict, 'linreg-wasm/scheduler', 'expected the output of a scheduler\'s stateDict()', 'unsupported format version', 'loadStateDict: ', type,
  ) as unknown as SchedulerState;
  if (typeof d.options !== 'object' || d.options === null) throw new TypeError('loadStateDict: options missing');
  if (typeof d.state !== 'object' || d.state === null) throw new TypeError('loadStateDict: state missing');
  checkInteger('loadStateDict: lastEpoch', d.lastEpoch, 0);
  checkLrList('loadStateDict: lastLr', d.lastLr);
  return d;
}

/** @internal One learning rate per parameter group (one group): [finite ≥ 0]. */
export function checkLrList(name: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length !== 1) throw new TypeError(`${name} must be [lr] (one parameter group), got ${describe(value)}`);
  const lr = checkFinite(`${name}[0]`, value[0]);
  if (lr < 0) throw new RangeError(`${name}[0] must be ≥ 0, got ${lr}`);
  return [lr];
}

function copyOptions<O extends object>(o: O): O {
  const copy = { ...o } as Record<string, unknown>;
  for (const k of Object.keys(copy)) if (Array.isArray(copy[k])) copy[k] = [...(copy[k] as unknown[])];
  return copy as O;
}

/** @internal Options with known keys and one required key present. */
export function required<T extends object>(type: string, options: unknown, known: readonly string[], key: keyof T & string): Partial<T> {
  const o = checkOptions<T>(type, options, known);
  if (options === undefined || o[key] === undefined) throw new TypeError(`${type}: ${key} is required: new ${type}(optimizer, { ${key}, … })`);
  return o;
}
