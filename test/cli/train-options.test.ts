// `linreg train`'s training options: RMSprop and Adagrad with their flags, epochs of mini-batches
// (--batch-size, --shuffle --seed, --drop-last), early stopping (--tol, --n-iter-no-change) and the
// learning-rate schedulers, each run equal to the library's train() with the same options to the
// bit (--json); and the flags that do not go together, one line and exit 2 with nothing written.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Adagrad, CosineAnnealingLR, LinearModel, RMSprop, ReduceLROnPlateau, SGD, StepLR, train, type TrainOptions,
} from '../../src/index.js';
import { csvFile } from '../../src/csv/index.js';
import { bits, linreg, root } from './run.js';

// The mixed table's two numeric features: 205 rows once the 5 with a missing cell are dropped.
const table = join(root, 'test/fixtures/mixed-table.csv');
const columns = ['--y', 'y', '--x', 'x1,x2'];

/** The rows `linreg train` trains on, read with the library's CSV reader. */
async function design(): Promise<{ X: number[][]; y: number[] }> {
  const X: number[][] = [], y: number[] = [];
  for await (const chunk of csvFile(table, { target: 'y', features: ['x1', 'x2'] })) {
    chunk.X.forEach((row, i) => { X.push(Array.from(row)); y.push(chunk.y[i]); });
  }
  return { X, y };
}

type Run = { losses: number[]; weight: number[]; bias: number; stoppedAt: number; lr: { start: number; end: number } } & Record<string, unknown>;

function cliJson(args: string[]): Run {
  const r = linreg(['train', table, ...columns, ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Run;
}

/** The same run through the library: a model from zero, `optimizer` and `scheduler` built on it. */
async function libraryRun(
  optimizer: (m: LinearModel) => SGD | RMSprop | Adagrad,
  options: Omit<TrainOptions, 'scheduler'>,
  scheduler?: (o: SGD | RMSprop | Adagrad) => TrainOptions['scheduler'],
) {
  const { X, y } = await design();
  const model = new LinearModel(2);
  const opt = optimizer(model);
  const { losses, stoppedAt } = train(model, opt, X, y, { ...options, scheduler: scheduler?.(opt) });
  const out = { losses: Array.from(losses), weight: Array.from(model.weight), bias: model.bias, stoppedAt, lr: opt.lr };
  model.dispose();
  return out;
}

function expectSameRun(cli: Run, lib: Awaited<ReturnType<typeof libraryRun>>): void {
  expect(cli.losses.length).toBe(lib.losses.length);
  expect(bits(cli.losses)).toEqual(bits(lib.losses));
  expect(bits(cli.weight)).toEqual(bits(lib.weight));
  expect(bits(cli.bias)).toEqual(bits(lib.bias));
  expect(cli.stoppedAt).toBe(lib.stoppedAt);
  expect(bits(cli.lr.end)).toEqual(bits(lib.lr));
}

describe('linreg train: RMSprop and Adagrad', () => {
  it('RMSprop with every one of its flags, full-batch iterations, equals train() to the bit', async () => {
    const cli = cliJson(['--optimizer', 'rmsprop', '--lr', '0.01', '--alpha', '0.9', '--momentum', '0.5', '--centered',
      '--weight-decay', '0.001', '--eps', '1e-7', '--iterations', '300']);
    const lib = await libraryRun((m) => new RMSprop(m.parameters(), { lr: 0.01, alpha: 0.9, momentum: 0.5, centered: true, weightDecay: 0.001, eps: 1e-7 }),
      { iterations: 300, loss: 'mse' });
    expectSameRun(cli, lib);
    expect(cli.optimizer).toEqual({ name: 'rmsprop', lr: 0.01, alpha: 0.9, momentum: 0.5, centered: true, weightDecay: 0.001, eps: 1e-7 });
    expect(cli).toMatchObject({ iterations: 300, epochs: null, stoppedAt: 300, scheduler: null, earlyStopping: null });
  });

  it('Adagrad with every one of its flags, in shuffled mini-batches with a seed, equals train() to the bit', async () => {
    const cli = cliJson(['--optimizer', 'adagrad', '--lr', '0.5', '--lr-decay', '0.01', '--initial-accumulator-value', '0.1',
      '--eps', '1e-9', '--weight-decay', '0.001', '--loss', 'sse', '--epochs', '12', '--batch-size', '32', '--shuffle', '--seed', '7']);
    const lib = await libraryRun((m) => new Adagrad(m.parameters(), { lr: 0.5, lrDecay: 0.01, initialAccumulatorValue: 0.1, eps: 1e-9, weightDecay: 0.001 }),
      { epochs: 12, batchSize: 32, shuffle: true, seed: 7, loss: 'sse' });
    expectSameRun(cli, lib);
    expect(cli.losses).toHaveLength(12 * 7); // ⌈205 / 32⌉ = 7 batches an epoch
    expect(cli).toMatchObject({ iterations: null, epochs: 12, batchSize: 32, stepsPerEpoch: 7, shuffle: true, seed: 7, dropLast: false, stoppedAt: 12 });
    // Another seed is another order of the rows, so other numbers.
    const other = cliJson(['--optimizer', 'adagrad', '--lr', '0.5', '--epochs', '12', '--batch-size', '32', '--shuffle', '--seed', '8']);
    expect(bits(other.weight)).not.toEqual(bits(cli.weight));
  });

  it('--drop-last without a shuffle, and the text report of a mini-batch run', async () => {
    const args = ['--optimizer', 'rmsprop', '--lr', '0.02', '--epochs', '15', '--batch-size', '50', '--drop-last'];
    const cli = cliJson(args);
    const lib = await libraryRun((m) => new RMSprop(m.parameters(), { lr: 0.02 }), { epochs: 15, batchSize: 50, dropLast: true, loss: 'mse' });
    expectSameRun(cli, lib);
    expect(cli.losses).toHaveLength(15 * 4);
    const text = linreg(['train', table, ...columns, ...args]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('RMSprop (lr 0.02), 15 epochs of 4 batches of 50 rows (5 rows left out of each epoch), 60 steps on the mse loss\n');
    const shuffled = linreg(['train', table, ...columns, '--epochs', '2', '--batch-size', '100', '--shuffle', '--seed', '3']);
    expect(shuffled.stdout).toContain('SGD (lr 0.01), 2 epochs of 3 batches of 100 rows (the last of 5 rows; shuffled, seed 3), 6 steps on the mse loss\n');
  });

  it('--shuffle without --seed draws a seed and reports it: the run can be repeated with it', () => {
    const first = cliJson(['--optimizer', 'rmsprop', '--epochs', '3', '--batch-size', '40', '--shuffle']);
    expect(Number.isSafeInteger(first.seed)).toBe(true);
    const again = cliJson(['--optimizer', 'rmsprop', '--epochs', '3', '--batch-size', '40', '--shuffle', '--seed', String(first.seed)]);
    expect(bits(again.losses)).toEqual(bits(first.losses));
  });

  it('without --iterations or --epochs: 1000 full-batch steps, as before', () => {
    const cli = cliJson([]);
    expect(cli).toMatchObject({ iterations: 1000, epochs: null, stoppedAt: 1000 });
    expect(cli.losses).toHaveLength(1000);
  });
});

describe('linreg train: early stopping', () => {
  it('--tol and --n-iter-no-change stop where train() stops; stoppedAt in --json, the epochs run in the text', async () => {
    const args = ['--optimizer', 'adagrad', '--lr', '0.5', '--epochs', '200', '--batch-size', '50', '--tol', '1e-3', '--n-iter-no-change', '2'];
    const cli = cliJson(args);
    const lib = await libraryRun((m) => new Adagrad(m.parameters(), { lr: 0.5 }), { epochs: 200, batchSize: 50, tol: 1e-3, nIterNoChange: 2, loss: 'mse' });
    expectSameRun(cli, lib);
    expect(cli.stoppedAt).toBeGreaterThan(2);
    expect(cli.stoppedAt).toBeLessThan(200);
    expect(cli.losses).toHaveLength(cli.stoppedAt * 5);
    expect(cli.earlyStopping).toEqual({ tol: 1e-3, nIterNoChange: 2 });
    const text = linreg(['train', table, ...columns, ...args]);
    expect(text.stdout).toContain(`\nstopped early after ${cli.stoppedAt} of 200 epochs (${cli.stoppedAt * 5} steps): `
      + 'the epoch\'s loss was not below the best so far minus 0.001 for 2 epochs in a row\n');
  });

  it('with full-batch iterations each iteration is an epoch; a run that is not stopped says nothing', async () => {
    const cli = cliJson(['--optimizer', 'adagrad', '--lr', '0.5', '--iterations', '2000', '--tol', '1e-3']);
    const lib = await libraryRun((m) => new Adagrad(m.parameters(), { lr: 0.5 }), { iterations: 2000, tol: 1e-3, loss: 'mse' });
    expectSameRun(cli, lib);
    expect(cli.stoppedAt).toBeLessThan(2000);
    expect(cli.losses).toHaveLength(cli.stoppedAt);
    const full = linreg(['train', table, ...columns, '--epochs', '3', '--tol', '1e-3']);
    expect(full.code).toBe(0);
    expect(full.stdout).not.toContain('stopped early');
  });
});

describe('linreg train: learning-rate schedules', () => {
  it('--scheduler step, plateau and cosine (--t-max defaulting to the epochs) equal train() with the scheduler', async () => {
    const epochs = ['--epochs', '12', '--batch-size', '64'];
    const base = { epochs: 12, batchSize: 64, loss: 'mse' } as const;
    const sgd = (m: LinearModel) => new SGD(m.parameters(), { lr: 0.05, momentum: 0.9 });

    const step = cliJson(['--lr', '0.05', '--momentum', '0.9', ...epochs, '--scheduler', 'step', '--step-size', '4', '--gamma', '0.5']);
    expectSameRun(step, await libraryRun(sgd, base, (o) => new StepLR(o, { stepSize: 4, gamma: 0.5 })));
    expect(step.scheduler).toEqual({ name: 'step', type: 'StepLR', options: { stepSize: 4, gamma: 0.5 } });
    expect(step.lr).toEqual({ start: 0.05, end: 0.05 * 0.5 * 0.5 * 0.5 });

    const plateau = cliJson(['--lr', '0.05', '--momentum', '0.9', '--epochs', '30', '--batch-size', '64', '--scheduler', 'plateau', '--factor', '0.5', '--patience', '1']);
    expectSameRun(plateau, await libraryRun(sgd, { ...base, epochs: 30 }, (o) => new ReduceLROnPlateau(o, { factor: 0.5, patience: 1 })));
    expect(plateau.scheduler).toMatchObject({ name: 'plateau', type: 'ReduceLROnPlateau', options: { factor: 0.5, patience: 1 } });
    expect(plateau.lr.end).toBeLessThan(0.05); // the loss reached a plateau: the lr was cut

    const cosine = cliJson(['--optimizer', 'rmsprop', '--lr', '0.05', ...epochs, '--scheduler', 'cosine', '--eta-min', '0.001']);
    expectSameRun(cosine, await libraryRun((m) => new RMSprop(m.parameters(), { lr: 0.05 }), base, (o) => new CosineAnnealingLR(o, { tMax: 12, etaMin: 0.001 })));
    expect(cosine.scheduler).toEqual({ name: 'cosine', type: 'CosineAnnealingLR', options: { tMax: 12, etaMin: 0.001 } });

    const text = linreg(['train', table, ...columns, '--lr', '0.05', ...epochs, '--scheduler', 'step', '--step-size', '4', '--gamma', '0.5']);
    expect(text.stdout).toContain(`\nlr schedule: StepLR (stepSize 4, gamma 0.5), stepped after each epoch: lr 0.05 at the start, ${0.05 * 0.5 * 0.5 * 0.5} at the end\n`);
  });

  it('--scheduler linear, multistep and exponential take their flags', () => {
    const linear = cliJson(['--epochs', '8', '--scheduler', 'linear', '--start-factor', '0.5', '--total-iters', '4']);
    expect(linear.scheduler).toEqual({ name: 'linear', type: 'LinearLR', options: { startFactor: 0.5, endFactor: 1, totalIters: 4 } });
    expect(linear.lr.end).toBeCloseTo(0.01, 15);
    const multistep = cliJson(['--epochs', '8', '--scheduler', 'multistep', '--milestones', '2,5', '--gamma', '0.5']);
    expect(multistep.scheduler).toEqual({ name: 'multistep', type: 'MultiStepLR', options: { milestones: [2, 5], gamma: 0.5 } });
    expect(multistep.lr.end).toBe(0.0025);
    const exponential = cliJson(['--iterations', '10', '--scheduler', 'exponential', '--gamma', '0.9']);
    expect(exponential.lr.end).toBeCloseTo(0.01 * 0.9 ** 10, 15);
  });
});

const BAD: [what: string, args: string[], line: string][] = [
  ['an SGD flag with adam (as before)', ['--optimizer', 'adam', '--momentum', '0.9'], '--momentum is an option of sgd and rmsprop, not of adam'],
  ['an RMSprop flag with adagrad', ['--optimizer', 'adagrad', '--alpha', '0.9'], '--alpha is an option of rmsprop, not of adagrad'],
  ['--centered with sgd', ['--centered'], '--centered is an option of rmsprop, not of sgd'],
  ['an Adagrad flag with rmsprop', ['--optimizer', 'rmsprop', '--initial-accumulator-value', '0.1'], '--initial-accumulator-value is an option of adagrad, not of rmsprop'],
  ['--eps with sgd', ['--eps', '1e-8'], '--eps is an option of adam, adamw, rmsprop and adagrad, not of sgd'],
  ['--iterations and --epochs', ['--iterations', '10', '--epochs', '3'], 'give --iterations (full-batch steps) or --epochs (passes in mini-batches), not both'],
  ['--batch-size without --epochs', ['--batch-size', '10'], '--batch-size needs --epochs (--iterations are full-batch steps)'],
  ['--drop-last with --iterations', ['--iterations', '10', '--drop-last'], '--drop-last needs --epochs (--iterations are full-batch steps)'],
  ['--seed without --shuffle', ['--epochs', '3', '--seed', '3'], '--seed needs --shuffle'],
  ['--n-iter-no-change without --tol', ['--epochs', '3', '--n-iter-no-change', '3'], '--n-iter-no-change needs --tol (early stopping is off without it)'],
  ['a scheduler flag without --scheduler', ['--gamma', '0.5'], '--gamma is an option of --scheduler step, multistep and exponential, and no --scheduler was given'],
  ['a scheduler flag of another scheduler', ['--scheduler', 'cosine', '--patience', '3'], '--patience is an option of --scheduler plateau, not of cosine'],
  ['--scheduler step without --step-size', ['--scheduler', 'step'], '--scheduler step needs --step-size'],
  ['--scheduler exponential without --gamma', ['--scheduler', 'exponential'], '--scheduler exponential needs --gamma'],
  ['a negative alpha (the library\'s message)', ['--optimizer', 'rmsprop', '--alpha', '-1'], 'RMSprop: invalid alpha -1: it must be ≥ 0'],
  ['a negative lr decay', ['--optimizer', 'adagrad', '--lr-decay', '-0.5'], 'Adagrad: invalid lrDecay -0.5: it must be ≥ 0'],
  ['a batch size of 0', ['--epochs', '2', '--batch-size', '0'], 'train: batchSize must be an integer ≥ 1, got 0'],
  ['a batch larger than the rows with --drop-last', ['--epochs', '2', '--batch-size', '1000', '--drop-last'], 'train: batchSize 1000 > 205 rows with dropLast: no batch would be taken'],
  ['--n-iter-no-change 0', ['--epochs', '2', '--tol', '0', '--n-iter-no-change', '0'], 'train: nIterNoChange must be an integer ≥ 1, got 0'],
  ['a step size of 0', ['--scheduler', 'step', '--step-size', '0'], 'StepLR: stepSize must be an integer ≥ 1, got 0'],
  ['a plateau factor of 2', ['--scheduler', 'plateau', '--factor', '2'], 'ReduceLROnPlateau: factor must be in (0, 1), got 2: new lr = lr · factor'],
  ['milestones out of order', ['--scheduler', 'multistep', '--milestones', '5,3'], 'MultiStepLR: milestones must be in increasing order, got 5 then 3 at index 1: sort them'],
  ['an unknown optimizer', ['--optimizer', 'lbfgs'], 'option \'--optimizer <name>\' argument \'lbfgs\' is invalid. Allowed choices are sgd, adam, adamw, rmsprop, adagrad.'],
  ['an unknown scheduler', ['--scheduler', 'onecycle'], 'option \'--scheduler <name>\' argument \'onecycle\' is invalid. Allowed choices are step, multistep, exponential, cosine, linear, plateau.'],
  ['a seed that is not a whole number', ['--epochs', '2', '--shuffle', '--seed', '1.5'], 'option \'--seed <s>\' argument \'1.5\' is invalid. not a whole number ≥ 0'],
];

describe('linreg train: flags that do not go together, and bad values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linreg-cli-train-options-'));
  it.each(BAD)('%s: one line, exit 2, nothing written', (_, args, line) => {
    const plots = join(dir, `plots-${Math.random().toString(36).slice(2)}`);
    const r = linreg(['train', table, ...columns, ...args, '--plots', plots]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('(run linreg'))).toEqual([`linreg: ${line}`]);
    expect(existsSync(plots)).toBe(false);
  });
});
