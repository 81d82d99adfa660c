import { Owned } from '../memory/owned.js';
import { LinearModel, type Parameter } from '../model.js';
import { Cfg, Flag } from '../wasm/kernels.js';
import { DivergenceError } from '../errors.js';
import { checkOptions, describe, firstNonFinite } from '../validate.js';
import { getArena } from '../wasm/init.js';
import { checkLr, configOf, type OptimizerSpec } from './spec.js';
import { checkStateDict, stateVector } from './state.js';

/** f64 slots per config block: Cfg.slots rounded up to even, so state sections stay 16-byte aligned. */
const CFG_STRIDE = (Cfg.slots + 1) & ~1;

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
  /** The class that saved it ('SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad'); loadStateDict() refuses another. */
  type: string;
  /** The options in effect, defaults filled in (the class's options type). */
  options: Record<string, unknown>;
  /** Steps taken so far. */
  step: number;
  /** The per-parameter state vectors by the spec's names (null where the options use none). */
  state: StateVectors;
}

/**
 * What every torch.optim port shares, driven by its {@link OptimizerSpec}: the parameters are
 * grouped into contiguous ranges of model blocks; each range has a config block (hyperparameters,
 * step count, flags) followed by its state vectors, and one kernel call updates a whole range.
 */
export abstract class Optimizer<O extends object = object> extends Owned {
  /** @internal */
  readonly ranges: ParamRange[];
  /** @internal What this optimizer is. */
  readonly spec: OptimizerSpec<O>;
  /** @internal Set while train() runs with this optimizer. */
  busy = false;
  private opts: Required<O>;

  // params is typed for callers; the run-time check still names what a JS caller passed instead.
  protected constructor(params: Iterable<Parameter>, spec: OptimizerSpec<O>, options: unknown) {
    const o = normalize(spec, options);
    const ranges = collectRanges(params);
    spec.requireKernels?.();
    const slots = spec.state.length;
    let at = 0;
    for (const r of ranges) {
      r.at = at;
      at += CFG_STRIDE + ((slots * r.length + 1) & ~1);
    }
    super(at * 8, ranges[0].model); // freed with its (first) model: an optimizer never outlives it
    this.ranges = ranges;
    this.spec = spec;
    this.opts = o;
    this.arena.f64(this.ptr, at).fill(0);
    this.write(o, 0, 0, undefined);
  }

  /** The torch.optim class name this optimizer mirrors ('SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad'). */
  get type(): string {
    return this.spec.type;
  }

  /** @internal Kernel kind code. */
  get kind(): number {
    return this.spec.kind;
  }

  /** The options in effect, defaults filled in (lr as it is now, after any schedule). */
  get options(): Required<O> {
    return { ...structuredClone(this.opts), lr: this.lr };
  }

  /** `{ format, version, type, options, step, state }`, state by the class's names (null where unused). */
  stateDict(): OptimizerState {
    const used = this.spec.stateUsed(this.opts);
    const created = this.spec.createdFlag === undefined || (this.cfg(this.ranges[0])[Cfg.flags] & this.spec.createdFlag) !== 0;
    const state: StateVectors = {};
    this.spec.state.forEach((name, slot) => { state[name] = used[slot] && created ? this.gather(slot) : null; });
    return { format: 'linreg-wasm/optimizer', version: 1, type: this.type, options: this.options, step: this.stepCount, state };
  }

  /** Restores `stateDict()` output (options included). @throws TypeError/RangeError for a mismatched dict, changing nothing. */
  loadStateDict(dict: unknown): void {
    this.assertUsable();
    const d = checkStateDict(dict, this.type);
    const o = normalize(this.spec, d.options);
    const used = this.spec.stateUsed(o), lazy = this.spec.createdFlag !== undefined;
    const vectors = this.spec.state.map((name, slot) => stateVector(d, name, this.numel, lazy || !used[slot]));
    this.write(o, d.step, lazy && vectors.some((v) => v) ? this.spec.createdFlag! : 0, vectors);
    this.opts = o;
  }

  /** Config blocks, counters and state vectors (null or missing: the spec's starting value). */
  private write(o: Required<O>, step: number, extraFlags: number, vectors: (number[] | null)[] | undefined): void {
    const c = configOf(this.spec, o);
    c[Cfg.step] = step;
    c[Cfg.flags] |= extraFlags;
    for (const r of this.ranges) this.cfg(r).set(c);
    const start = this.spec.initialState?.(o);
    this.spec.state.forEach((_, slot) => this.scatter(slot, vectors?.[slot] ?? new Array<number>(this.numel).fill(start?.[slot] ?? 0)));
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
  stateInUse(r: ParamRange): number {
    return (this.spec.stateUsed(this.opts).lastIndexOf(true) + 1) * r.length;
  }

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

  /** @internal Throws if a parameter's model was disposed (which frees this optimizer too), if disposed, or if train() is running. */
  assertUsable(): void {
    const name = this.type;
    for (const r of this.ranges) r.model.assertAlive('LinearModel');
    this.assertAlive(name);
    if (this.busy) throw new TypeError(`${name} is being used by train(): call it after train() returns`);
    for (const r of this.ranges) r.model.assertMutable();
  }

  /** True when this optimizer holds exactly the whole parameter block of `model`. */
  covers(model: LinearModel): boolean {
    const [r] = this.ranges;
    return this.ranges.length === 1 && r.model === model && r.start === 0 && r.length === model.nFeatures + 1;
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

/** Options checked by the spec's rules, defaults filled in, in the spec's order. */
function normalize<O extends object>(spec: OptimizerSpec<O>, options: unknown): Required<O> {
  const where = spec.type;
  const rules = spec.options as Record<string, OptimizerSpec<O>['options'][keyof O]>;
  const given = checkOptions<Record<string, unknown>>(where, options, Object.keys(rules));
  const o: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (given[name] !== undefined) o[name] = rule.check(where, given[name]);
    else if (rule.default === undefined) throw new TypeError(`${where}: ${name} is required (torch.optim.${where} has no default ${name})`);
    else o[name] = rule.default;
  }
  spec.validate?.(o as Required<O>, where);
  return o as Required<O>;
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

export { Flag, checkLr };
