// linreg train: gradient descent (SGD, Adam, AdamW, RMSprop, Adagrad) on a CSV held in memory, in
// full-batch iterations or epochs of mini-batches, with an optional learning-rate schedule and early
// stopping; a live loss on a terminal, then the parameters beside the closed-form least-squares answer.
import {
  Adagrad, Adam, AdamW, CosineAnnealingLR, ExponentialLR, LinearLR, LinearModel, LinearRegression, Matrix, MultiStepLR,
  RMSprop, ReduceLROnPlateau, SGD, StepLR, Vector, mseLoss, sseLoss, train, type Optimizer, type TrainOptions,
} from '../index.js';
import { InputError } from './errors.js';
import { Outputs } from './outputs.js';
import { lossPlot } from './plots.js';
import { ReadBar, StepBar } from './progress.js';
import { columnOptions, readAll, type ColumnOptions } from './table.js';
import { join } from 'node:path';
import { table as textTable } from './text.js';
import { droppedNote } from './fit.js';

type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';
type SchedulerName = 'step' | 'multistep' | 'exponential' | 'cosine' | 'linear' | 'plateau';

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

const OPTIMIZERS = { sgd: SGD, adam: Adam, adamw: AdamW, rmsprop: RMSprop, adagrad: Adagrad };

const flag = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const words = (names: readonly string[]): string => names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** How the rows are gone through: full-batch iterations or epochs of mini-batches. */
interface Plan {
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
function checkFlags(f: TrainFlags): void {
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

function planOf(f: TrainFlags, rows: number): Plan {
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

/** Runs `linreg train`; returns what goes to stdout once the files are written. */
export async function trainCommand(file: string, f: TrainFlags): Promise<string> {
  checkFlags(f);
  const t = await columnOptions(file, f);
  let bytes = 0;
  const readBar = new ReadBar(f.progress, 'read', t.size, () => bytes);
  const data = await readAll(t, (rows, read) => { bytes = read; readBar.rowsRead(rows); }).finally(() => readBar.stop());
  const n = data.y.length, p = data.featureNames.length;
  const X = Matrix.alloc(n, p), y = Vector.from(data.y);
  const block = X.data;
  data.X.forEach((row, i) => block.set(row, i * p));
  const model = new LinearModel(p);
  const plan = planOf(f, n);
  const options = optimizerOptions(f);
  const optimizer: Optimizer = new OPTIMIZERS[f.optimizer](model.parameters(), options as never);
  const scheduler = schedulerOf(f, optimizer, plan.count);
  const startLr = optimizer.lr; // LinearLR sets its first lr when it is made
  const total = plan.count * plan.stepsPerEpoch;
  const bar = new StepBar(f.progress, total, plan.epochs === undefined ? undefined : { epochs: plan.epochs, stepsPerEpoch: plan.stepsPerEpoch });
  const logEvery = f.logEvery ?? Math.max(1, Math.ceil(total / 200));
  let losses: Float64Array, stoppedAt: number;
  try {
    ({ losses, stoppedAt } = train(model, optimizer, X, y, {
      loss: f.loss, ...(plan.iterations !== undefined ? { iterations: plan.iterations } : {
        epochs: plan.epochs, batchSize: f.batchSize, shuffle: f.shuffle, seed: plan.seed, dropLast: f.dropLast,
      }),
      scheduler, tol: f.tol, nIterNoChange: f.nIterNoChange,
      logEvery, onLog: (log) => bar.step(log.iteration, log.loss),
    }));
    bar.finish(losses.length, losses.length ? losses[losses.length - 1] : NaN, stoppedAt < plan.count ? stoppedAt : undefined);
  } finally {
    bar.stop();
  }
  const lossOf = f.loss === 'sse' ? sseLoss : mseLoss;
  const finalLoss = lossOf(model, X, y);
  const closed = new LinearRegression().fit(X, y, { featureNames: data.featureNames, targetName: data.targetName });
  const best = new LinearModel(p, { weight: closed.coef, bias: closed.intercept });
  const closedLoss = lossOf(best, X, y);
  const outputs = new Outputs();
  if (f.plots) {
    outputs.directory(f.plots);
    for (const [name, svg] of Object.entries(lossPlot(losses, f.loss))) outputs.add(join(f.plots, name), svg);
  }
  outputs.commit();
  const result: Result = {
    command: 'train', file, rows: n, target: data.targetName, features: data.featureNames,
    optimizer: { name: f.optimizer, ...options }, loss: f.loss,
    iterations: plan.iterations ?? null, epochs: plan.epochs ?? null,
    batchSize: plan.epochs === undefined ? null : f.batchSize ?? n, stepsPerEpoch: plan.stepsPerEpoch,
    shuffle: Boolean(f.shuffle), seed: plan.seed ?? null, dropLast: Boolean(f.dropLast),
    scheduler: scheduler ? { name: f.scheduler!, type: scheduler.type, options: scheduler.options } : null,
    lr: { start: startLr, end: optimizer.lr },
    earlyStopping: f.tol === undefined ? null : { tol: f.tol, nIterNoChange: f.nIterNoChange ?? 5 },
    stoppedAt,
    losses: Array.from(losses), finalLoss, weight: Array.from(model.weight), bias: model.bias,
    closedForm: { coef: Array.from(closed.coef), intercept: closed.intercept, loss: closedLoss, warnings: closed.warnings },
    plots: f.plots ? [join(f.plots, 'loss.svg')] : [],
  };
  for (const m of [model, best, X, y]) m.dispose();
  if (f.json) return `${JSON.stringify({ ...result, dropped: data.dropped }, null, 1)}\n`;
  return report(file, f, result) + droppedNote(data.dropped, n);
}

/** The optimizer's options from the flags given (checkFlags refused those of another optimizer). */
function optimizerOptions(f: TrainFlags): Record<string, unknown> & { lr: number } {
  const o: Record<string, unknown> & { lr: number } = { lr: f.lr };
  const given = f as unknown as Record<string, unknown>;
  for (const key of Object.keys(OPTIMIZER_FLAGS)) if (given[key] !== undefined) o[key] = given[key];
  return o;
}

type Scheduler = NonNullable<TrainOptions['scheduler']> & { readonly type: string; readonly options: object };

/** The scheduler of --scheduler with its flags (the library checks their values), or undefined. */
function schedulerOf(f: TrainFlags, optimizer: Optimizer, count: number): Scheduler | undefined {
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

interface Result {
  command: 'train'; file: string; rows: number; target: string; features: string[];
  optimizer: Record<string, unknown>; loss: string;
  iterations: number | null; epochs: number | null; batchSize: number | null; stepsPerEpoch: number;
  shuffle: boolean; seed: number | null; dropLast: boolean;
  scheduler: { name: string; type: string; options: object } | null;
  lr: { start: number; end: number };
  earlyStopping: { tol: number; nIterNoChange: number } | null;
  stoppedAt: number;
  losses: number[]; finalLoss: number; weight: number[]; bias: number;
  closedForm: { coef: number[]; intercept: number; loss: number; warnings: string[] };
  plots: string[];
}

const OPTIMIZER_NAMES: Record<string, string> = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW', rmsprop: 'RMSprop', adagrad: 'Adagrad' };
const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : word === 'batch' ? 'es' : 's'}`;
const settingsOf = (o: object): string => Object.entries(o).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`).join(', ');

function report(file: string, f: TrainFlags, r: Result): string {
  const { name, ...settings } = r.optimizer;
  const rows = [['const', r.bias, r.closedForm.intercept], ...r.features.map((feature, j) => [feature, r.weight[j], r.closedForm.coef[j]] as const)];
  const unit = r.epochs === null ? 'step' : 'epoch';
  const lines = [
    `${file}: ${r.rows} rows, target ${r.target}, ${r.features.length} feature${r.features.length === 1 ? '' : 's'}`,
    `${OPTIMIZER_NAMES[String(name)]} (${settingsOf(settings)}), ${r.epochs === null ? `${r.iterations} steps` : epochsLine(r)} on the ${f.loss} loss`,
  ];
  if (r.scheduler) {
    lines.push(`lr schedule: ${r.scheduler.type} (${settingsOf(r.scheduler.options)}), stepped after each ${unit}: lr ${r.lr.start} at the start, ${r.lr.end} at the end`);
  }
  if (r.earlyStopping && r.stoppedAt < (r.epochs ?? r.iterations!)) {
    const { tol, nIterNoChange } = r.earlyStopping;
    lines.push(`stopped early after ${r.stoppedAt} of ${plural(r.epochs ?? r.iterations!, unit)} (${r.losses.length} steps): `
      + `the ${unit}'s loss was not below the best so far minus ${tol} for ${plural(nIterNoChange, unit)} in a row`);
  }
  lines.push(
    `loss: ${r.losses.length ? r.losses[0] : r.finalLoss} at the start, ${r.finalLoss} at the end; the closed form's: ${r.closedForm.loss}`,
    '',
    textTable(['parameter', 'gradient descent', 'closed form', 'difference'],
      rows.map(([label, gd, cf]) => [String(label), String(gd), String(cf), (Number(gd) - Number(cf)).toExponential(2)])),
    ...r.closedForm.warnings.map((w) => `\nclosed form: ${w}`),
  );
  return `${lines.join('\n')}\n`;
}

/** `20 epochs of 7 batches of 32 rows (the last of 11 rows; shuffled, seed 1), 140 steps`. */
function epochsLine(r: Result): string {
  const size = Math.min(r.batchSize!, r.rows), rest = r.rows % size;
  const notes = [
    ...(rest ? [r.dropLast ? `${rest} rows left out of each epoch` : `the last of ${rest} rows`] : []),
    ...(r.shuffle ? [`shuffled, seed ${r.seed}`] : []),
  ];
  return `${plural(r.epochs!, 'epoch')} of ${plural(r.stepsPerEpoch, 'batch')} of ${size} rows${notes.length ? ` (${notes.join('; ')})` : ''}, `
    + `${r.epochs! * r.stepsPerEpoch} steps`;
}
