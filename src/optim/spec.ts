// What makes an optimizer: one declarative spec per torch.optim class. The base class
// (optimizer.ts) owns everything the specs share: option checking from the rules below,
// stateDict / loadStateDict over the declared state names, and the config block's layout.
import { Cfg } from '../wasm/kernels.js';
import { checkBoolean, checkFinite, describe } from '../validate.js';

/** How one option is checked: its default (undefined: required) and the check of a given value. */
export interface OptionRule<T> {
  readonly default: T | undefined;
  check(where: string, value: unknown): T;
}

/** The config block slot names (assembly/optim.ts's CFG_*), minus the counters the kernels own. */
export type CfgSlot = Exclude<keyof typeof Cfg, 'slots' | 'step'>;

/** One torch.optim class, declared. */
export interface OptimizerSpec<O extends object> {
  /** The torch.optim class name; also stateDict()'s `type`. */
  readonly type: string;
  /** The kernel's optimizer kind (assembly/optim.ts KIND_*). */
  readonly kind: number;
  /** Every option in torch's order, with its default and check: the known options. */
  readonly options: { readonly [K in keyof O]-?: OptionRule<Required<O>[K]> };
  /** Rules across options, run after each option passed its own (SGD's nesterov). */
  validate?(o: Required<O>, where: string): void;
  /** The per-parameter state vectors, in their order in the state block (stateDict's names). */
  readonly state: readonly string[];
  /** Which state vectors these options use; the others are null in stateDict(). */
  stateUsed(o: Required<O>): readonly boolean[];
  /**
   * A flag bit the kernel sets once it created the state (torch creates SGD's momentum buffer at
   * the first step): until then stateDict() gives null for every state vector.
   */
  readonly createdFlag?: number;
  /** The config slots these options set (flags included); the others are 0. */
  config(o: Required<O>): Partial<Record<CfgSlot, number>>;
  /** The value each state vector starts at (Adagrad's initialAccumulatorValue); default 0. */
  initialState?(o: Required<O>): readonly number[];
  /** Throws unless the kernels this optimizer needs are loaded (those of optimizers.wasm). */
  requireKernels?(): void;
}

/** A learning rate: torch's check, and its message. */
export const lrRule = (fallback: number | undefined): OptionRule<number> => ({ default: fallback, check: checkLr });

/** A finite number ≥ 0 named as torch names it in its "Invalid … value" check. */
export const nonNegative = (name: string, fallback: number): OptionRule<number> => ({
  default: fallback,
  check(where, value) {
    const v = checkFinite(`${where}: ${name}`, value);
    if (v < 0) throw new RangeError(`${where}: invalid ${name} ${v}: it must be ≥ 0`);
    return v;
  },
});

/** A finite number, any sign (SGD's dampening). */
export const finite = (name: string, fallback: number): OptionRule<number> => ({
  default: fallback, check: (where, value) => checkFinite(`${where}: ${name}`, value),
});

/** true or false. */
export const flag = (name: string): OptionRule<boolean> => ({
  default: false, check: (where, value) => checkBoolean(`${where}: ${name}`, value),
});

/** @internal Torch's message for a bad learning rate. */
export function checkLr(where: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${where}: lr must be a number, got ${describe(value)}`);
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${where}: invalid learning rate lr = ${value}: it must be a finite number ≥ 0`);
  return value;
}

/** The config block for `o`: every slot 0 but those the spec sets. */
export function configOf<O extends object>(spec: OptimizerSpec<O>, o: Required<O>): number[] {
  const block = new Array<number>(Cfg.slots).fill(0);
  for (const [slot, value] of Object.entries(spec.config(o))) block[Cfg[slot as CfgSlot]] = value as number;
  return block;
}
