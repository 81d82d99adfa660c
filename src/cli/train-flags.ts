// The flags of `linreg train`: which optimizer and scheduler each belongs to, the combinations
// refused before the file is read, how the rows are gone through (the plan), and the optimizer's
// and the scheduler's options built from them. The values are the library's to check.
import {
  Adagrad, Adam, AdamW, CosineAnnealingLR, ExponentialLR, LinearLR, MultiStepLR, RMSprop, ReduceLROnPlateau, SGD, StepLR,
  type EpochScheduler, type Optimizer,
} from '../index.js';
import { InputError } from './errors.js';
import type { ColumnOptions } from './table.js';

export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';
export type SchedulerName = 'step' | 'multistep' | 'exponential' | 'cosine' | 'linear' | 'plateau';

/** The options of `linreg train`, parsed. */
export interface TrainFlags extends ColumnOptions {
  optimizer: OptimizerName;
  lr: number;
  /** Full-batch steps; default 1000 when --epochs is not given either. */
  iterations?: number;
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  seed?: number;
  dropLast?: boolean;
  loss: 'mse' | 'sse';
  logEvery?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  betas?: [number, number];
  eps?: number;
  amsgrad?: boolean;
  alpha?: number;
  centered?: boolean;
  lrDecay?: number;
  initialAccumulatorValue?: number;
  scheduler?: SchedulerName;
  stepSize?: number;
  milestones?: number[];
  gamma?: number;
  tMax?: number;
  etaMin?: number;
  startFactor?: number;
  endFactor?: number;
  totalIters?: number;
  factor?: number;
  patience?: number;
  tol?: number;
  nIterNoChange?: number;
  json: boolean;
  plots?: string;
  progress: boolean;
}

/** --iterations when neither it nor --epochs is given. */
const DEFAULT_ITERATIONS = 1000;

/** Which optimizers take each optimizer flag (the library's option name → the flag's optimizers). */
const OPTIMIZER_FLAGS: Record<string, readonly OptimizerName[]> = {
  momentum: ['sgd', 'rmsprop'], dampening: ['sgd'], nesterov: ['sgd'],
  betas: ['adam', 'adamw'], amsgrad: ['adam', 'adamw'], eps: ['adam', 'adamw', 'rmsprop', 'adagrad'],
  alpha: ['rmsprop'], centered: ['rmsprop'], lrDecay: ['adagrad'], initialAccumulatorValue: ['adagrad'],
  weightDecay: ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'],
};

/** Which schedulers take each scheduler flag. */
const SCHEDULER_FLAGS: Record<string, readonly SchedulerName[]> = {
  stepSize: ['step'], milestones: ['multistep'], gamma: ['step', 'multistep', 'exponential'],
  tMax: ['cosine'], etaMin: ['cosine'], startFactor: ['linear'], endFactor: ['linear'], totalIters: ['linear'],
  factor: ['plateau'], patience: ['plateau'],
};

/** The flag a scheduler cannot do without (torch has no default for it). */
const SCHEDULER_REQUIRES: Partial<Record<SchedulerName, string>> = { step: 'stepSize', multistep: 'milestones', exponential: 'gamma' };

export const OPTIMIZERS = { sgd: SGD, adam: Adam, adamw: AdamW, rmsprop: RMSprop, adagrad: Adagrad };

const flag = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const words = (names: readonly string[]): string => names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** How the rows are gone through: full-batch iterations or epochs of mini-batches. */
export interface Plan {
  iterations?: number;
  epochs?: number;
  /** Steps in one epoch (1 for full-batch iterations). */
  stepsPerEpoch: number;
  /** Epochs (iterations) asked for. */
  count: number;
  /** With --shuffle: the seed given, or the one drawn here (printed, so that the run can be repeated). */
  seed?: number;
}

/**
 * The combinations of flags that make no sense, refused before the file is read: an option of
 * another optimizer or scheduler, mini-batch flags without --epochs, --iterations with --epochs.
 * The values themselves are the library's to check (its messages name them).
 * @throws InputError naming the flag.
 */
export function checkFlags(f: TrainFlags): void {
  const given = f as unknown as Record<string, unknown>;
  for (const [key, optimizers] of Object.entries(OPTIMIZER_FLAGS)) {
    if (given[key] !== undefined && !optimizers.includes(f.optimizer)) {
      throw new InputError(`${flag(key)} is an option of ${words(optimizers)}, not of ${f.optimizer}`);
    }
  }
  if (f.iterations !== undefined && f.epochs !== undefined) {
    throw new InputError('give --iterations (full-batch steps) or --epochs (passes in mini-batches), not both');
  }
  for (const key of ['batchSize', 'shuffle', 'seed', 'dropLast']) {
    if (given[key] !== undefined && f.epochs === undefined) throw new InputError(`${flag(key)} needs --epochs (--iterations are full-batch steps)`);
  }
  if (f.seed !== undefined && !f.shuffle) throw new InputError('--seed needs --shuffle');
  if (f.nIterNoChange !== undefined && f.tol === undefined) throw new InputError('--n-iter-no-change needs --tol (early stopping is off without it)');
  for (const [key, schedulers] of Object.entries(SCHEDULER_FLAGS)) {
    if (given[key] === undefined || (f.scheduler && schedulers.includes(f.scheduler))) continue;
    const of = `${flag(key)} is an option of --scheduler ${words(schedulers)}`;
    throw new InputError(f.scheduler ? `${of}, not of ${f.scheduler}` : `${of}, and no --scheduler was given`);
  }
  const needed = f.scheduler && SCHEDULER_REQUIRES[f.scheduler];
  if (needed && given[needed] === undefined) throw new InputError(`--scheduler ${f.scheduler} needs ${flag(needed)}`);
}

export function planOf(f: TrainFlags, rows: number): Plan {
  if (f.epochs === undefined) {
    const iterations = f.iterations ?? DEFAULT_ITERATIONS;
    return { iterations, stepsPerEpoch: 1, count: iterations };
  }
  // As train() (and torch's DataLoader) cut an epoch; a batch size of 0, or one above the rows with
  // --drop-last, gives 0 steps here and train()'s own error below.
  const size = f.batchSize ?? rows;
  const stepsPerEpoch = size < 1 ? 0 : f.dropLast ? Math.floor(rows / size) : Math.ceil(rows / size);
  const seed = f.shuffle ? f.seed ?? Math.floor(Math.random() * 2 ** 32) : undefined;
  return { epochs: f.epochs, stepsPerEpoch, count: f.epochs, seed };
}

/** The optimizer's options from the flags given (checkFlags refused those of another optimizer). */
export function optimizerOptions(f: TrainFlags): Record<string, unknown> & { lr: number } {
  const o: Record<string, unknown> & { lr: number } = { lr: f.lr };
  const given = f as unknown as Record<string, unknown>;
  for (const key of Object.keys(OPTIMIZER_FLAGS)) if (given[key] !== undefined) o[key] = given[key];
  return o;
}

export type Scheduler = EpochScheduler & { readonly type: string; readonly options: object };

/** The scheduler of --scheduler with its flags (the library checks their values), or undefined. */
export function schedulerOf(f: TrainFlags, optimizer: Optimizer, count: number): Scheduler | undefined {
  const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  switch (f.scheduler) {
    case undefined: return undefined;
    case 'step': return new StepLR(optimizer, defined({ stepSize: f.stepSize!, gamma: f.gamma }));
    case 'multistep': return new MultiStepLR(optimizer, defined({ milestones: f.milestones!, gamma: f.gamma }));
    case 'exponential': return new ExponentialLR(optimizer, { gamma: f.gamma! });
    case 'cosine': return new CosineAnnealingLR(optimizer, defined({ tMax: f.tMax ?? Math.max(1, count), etaMin: f.etaMin }));
    case 'linear': return new LinearLR(optimizer, defined({ startFactor: f.startFactor, endFactor: f.endFactor, totalIters: f.totalIters }));
    case 'plateau': return new ReduceLROnPlateau(optimizer, defined({ factor: f.factor, patience: f.patience }));
  }
}
