import { Owned } from '../memory/owned.js';
import { LinearModel, type Parameter } from '../model.js';
import { Cfg, Flag } from '../wasm/kernels.js';
import { DivergenceError } from '../errors.js';
import { describe, firstNonFinite } from '../validate.js';
import { getArena } from '../wasm/init.js';

const CFG_STRIDE = 10; // Cfg.slots rounded up to even: keeps state sections 16-byte aligned

/** @internal A contiguous run of one model's parameter block and where its optimizer state lives. */
export interface ParamRange {
  model: LinearModel;
  start: number;
  length: number;
  /** f64 index of this range's config block inside the optimizer's block. */
  at: number;
}

/** Per-parameter state vectors, flattened as [w_0 … w_{p−1}, b] per model in parameter order. */
export type StateVectors = Record<string, number[] | null>;

/** A saved optimizer: `stateDict()` output, accepted by `loadStateDict()`. */
export interface OptimizerState {
  /** Marks the JSON as a saved optimizer. */
  format: 'linreg-wasm/optimizer';
  /** Format version; this build reads 1. */
  version: 1;
  /** The class that saved it: 'SGD', 'Adam' or 'AdamW'; loadStateDict() refuses another. */
  type: string;
  /** The options in effect, defaults filled in (SGDOptions or AdamOptions). */
  options: Record<string, unknown>;
  /** Steps taken so far. */
  step: number;
  /** The per-parameter state vectors by name (momentumBuffer; expAvg, expAvgSq, maxExpAvgSq). */
  state: StateVectors;
}

/**
 * Shared machinery of SGD, Adam and AdamW: the parameters are grouped into contiguous ranges of
 * model blocks; each range has a config block (hyperparameters, step count, flags) followed by its
 * state, and one kernel call updates a whole range.
 */
export abstract class Optimizer extends Owned {
  /** @internal */
  readonly ranges: ParamRange[];
  /** @internal Kernel kind code and state vectors per parameter. */
  abstract readonly kind: number;
  protected abstract readonly stateNames: readonly string[];
  /** The torch.optim class name this optimizer mirrors ('SGD', 'Adam', 'AdamW'). */
  abstract readonly type: string;
  /** @internal Set while train() runs with this optimizer. */
  busy = false;

  // params is typed for callers; the run-time check still names what a JS caller passed instead.
  protected constructor(params: Iterable<Parameter>, stateSlots: number, cfg: number[]) {
    const ranges = collectRanges(params);
    let at = 0;
    for (const r of ranges) {
      r.at = at;
      at += CFG_STRIDE + ((stateSlots * r.length + 1) & ~1);
    }
    super(at * 8);
    this.ranges = ranges;
    const block = this.arena.f64(this.ptr, at);
    block.fill(0);
    for (const r of ranges) block.set(cfg, r.at);
  }

  /** Sets the gradients of every parameter to zero. */
  zeroGrad(): void {
    this.assertUsable();
    for (const r of this.ranges) r.model.grads.fill(0, r.start, r.start + r.length);
  }

  /**
   * One update of every parameter from its current gradient (see the class's rule).
   * @throws DivergenceError, changing nothing, if a gradient or parameter is NaN/±Infinity.
   */
  step(): void {
    this.assertUsable();
    for (const r of this.ranges) checkFiniteRange(r);
    const k = this.arena.kernels;
    for (const r of this.ranges) {
      const off = r.start * 8;
      k.optimizerStep(this.kind, this.cfgPtr(r), r.model.ptr + off, r.model.gradPtr + off, this.statePtr(r), r.length);
    }
  }

  /** Number of steps taken so far. */
  get stepCount(): number {
    return this.cfg(this.ranges[0])[Cfg.step];
  }

  /** Learning rate; assign to change it between steps (for schedules). */
  get lr(): number {
    return this.cfg(this.ranges[0])[Cfg.lr];
  }
  set lr(value: number) {
    this.assertUsable();
    const lr = checkLr(this.type, value);
    for (const r of this.ranges) this.cfg(r)[Cfg.lr] = lr;
  }

  /** @internal Byte offsets of a range's config and state blocks. */
  cfgPtr(r: ParamRange): number { return this.ptr + r.at * 8; }
  statePtr(r: ParamRange): number { return this.ptr + (r.at + CFG_STRIDE) * 8; }
  /** @internal How many leading f64 of a range's state the current options use (what train() must back up). */
  abstract stateInUse(r: ParamRange): number;

  /** @internal Live view of a range's config block. */
  cfg(r: ParamRange): Float64Array {
    this.assertAlive(this.type);
    return this.arena.f64(this.cfgPtr(r), Cfg.slots);
  }

  /** @internal State vector `slot` of range r (a live view). */
  protected stateView(r: ParamRange, slot: number): Float64Array {
    return this.arena.f64(this.statePtr(r) + slot * r.length * 8, r.length);
  }

  /** @internal Collects state vector `slot` over all ranges. */
  protected gather(slot: number): number[] {
    return this.ranges.flatMap((r) => Array.from(this.stateView(r, slot)));
  }

  /** @internal Throws if disposed, if train() is running, or if a parameter's model was disposed. */
  assertUsable(): void {
    const name = this.type;
    this.assertAlive(name);
    if (this.busy) throw new TypeError(`${name} is being used by train(): call it after train() returns`);
    for (const r of this.ranges) r.model.assertMutable();
  }

  /** True when this optimizer holds exactly the whole parameter block of `model`. */
  covers(model: LinearModel): boolean {
    const [r] = this.ranges;
    return this.ranges.length === 1 && r.model === model && r.start === 0 && r.length === model.nFeatures + 1;
  }

  /** @internal Writes flags and step into every range's config. */
  protected setCounters(step: number, flags: number): void {
    for (const r of this.ranges) {
      const c = this.cfg(r);
      c[Cfg.step] = step;
      c[Cfg.flags] = flags;
    }
  }

  /** @internal Writes a flat state vector (over all ranges) into slot `slot`. */
  protected scatter(slot: number, values: ArrayLike<number>): void {
    let k = 0;
    for (const r of this.ranges) {
      this.stateView(r, slot).set(Array.prototype.slice.call(values, k, k + r.length));
      k += r.length;
    }
  }

  /** Total number of scalar parameters. */
  get numel(): number {
    return this.ranges.reduce((n, r) => n + r.length, 0);
  }
}

/** @internal Torch's message for a bad learning rate. */
export function checkLr(where: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${where}: lr must be a number, got ${describe(value)}`);
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${where}: invalid learning rate lr = ${value}: it must be a finite number ≥ 0`);
  return value;
}

function collectRanges(params: unknown): ParamRange[] {
  getArena(); // fail with the "call init()" message first
  const list = typeof params === 'object' && params !== null && Symbol.iterator in params
    ? Array.from(params as Iterable<unknown>) : undefined;
  if (!list) throw new TypeError(`params must be model.parameters() (an array of parameters), got ${describe(params)}`);
  if (list.length === 0) throw new RangeError('params is empty: the optimizer needs at least one parameter');
  const seen = new Set<string>();
  const ranges: ParamRange[] = [];
  for (const p of list) {
    if (!isParameter(p)) throw new TypeError(`params must hold parameters from model.parameters(), got ${describe(p)}`);
    p.model.assertAlive('LinearModel');
    const key = `${p.model.ptr}:${p.offset}`;
    if (seen.has(key)) throw new RangeError(`parameter ${p.name} appears twice in params; list each once`);
    seen.add(key);
    const last = ranges[ranges.length - 1];
    if (last && last.model === p.model && last.start + last.length === p.offset) last.length += p.length;
    else ranges.push({ model: p.model, start: p.offset, length: p.length, at: 0 });
  }
  return ranges;
}

function isParameter(p: unknown): p is Parameter {
  const q = p as Parameter;
  return typeof q === 'object' && q !== null && q.model instanceof LinearModel
    && Number.isInteger(q.offset) && Number.isInteger(q.length);
}

function checkFiniteRange(r: ParamRange): void {
  const end = r.start + r.length;
  const gi = firstNonFinite(r.model.grads.subarray(r.start, end));
  const pi = firstNonFinite(r.model.params.subarray(r.start, end));
  if (gi < 0 && pi < 0) return;
  const what = gi >= 0 ? `gradient ${r.start + gi}` : `parameter ${r.start + pi}`;
  throw new DivergenceError(
    `${what} of the model is not finite; the step was not taken (lower the learning rate or check the data)`,
    { iteration: 0, lastFiniteLoss: Number.NaN },
  );
}

export { Flag };
