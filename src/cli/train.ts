// linreg train: gradient descent (SGD, Adam, AdamW) on a CSV held in memory, with a live loss on a
// terminal, then the parameters beside the closed-form least-squares answer.
import { Adam, AdamW, LinearModel, LinearRegression, Matrix, SGD, Vector, mseLoss, sseLoss, train, type AdamOptions, type Optimizer, type SGDOptions } from '../index.js';
import { InputError } from './errors.js';
import { Outputs } from './outputs.js';
import { lossPlot } from './plots.js';
import { ReadBar, StepBar } from './progress.js';
import { columnOptions, readAll, type ColumnOptions } from './table.js';
import { join } from 'node:path';
import { table as textTable } from './text.js';
import { droppedNote } from './fit.js';

/** The options of `linreg train`, parsed. */
export interface TrainFlags extends ColumnOptions {
  optimizer: 'sgd' | 'adam' | 'adamw';
  lr: number;
  iterations: number;
  loss: 'mse' | 'sse';
  logEvery?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  betas?: [number, number];
  eps?: number;
  amsgrad?: boolean;
  json: boolean;
  plots?: string;
  progress: boolean;
}

/** Runs `linreg train`; returns what goes to stdout once the files are written. */
export async function trainCommand(file: string, f: TrainFlags): Promise<string> {
  const t = await columnOptions(file, f);
  let bytes = 0;
  const readBar = new ReadBar(f.progress, 'read', t.size, () => bytes);
  const data = await readAll(t, (rows, read) => { bytes = read; readBar.rowsRead(rows); }).finally(() => readBar.stop());
  const n = data.y.length, p = data.featureNames.length;
  const X = Matrix.alloc(n, p), y = Vector.from(data.y);
  const block = X.data;
  data.X.forEach((row, i) => block.set(row, i * p));
  const model = new LinearModel(p);
  const options = optimizerOptions(f);
  const optimizer: Optimizer = f.optimizer === 'sgd' ? new SGD(model.parameters(), options)
    : new (f.optimizer === 'adam' ? Adam : AdamW)(model.parameters(), options);
  const bar = new StepBar(f.progress, f.iterations);
  const logEvery = f.logEvery ?? Math.max(1, Math.ceil(f.iterations / 200));
  let losses: Float64Array;
  try {
    ({ losses } = train(model, optimizer, X, y, { iterations: f.iterations, loss: f.loss, logEvery, onLog: (log) => bar.step(log.iteration, log.loss) }));
    if (losses.length) bar.step(losses.length - 1, losses[losses.length - 1]);
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
  const result = {
    command: 'train', file, rows: n, target: data.targetName, features: data.featureNames,
    optimizer: { name: f.optimizer, ...options }, loss: f.loss, iterations: f.iterations,
    losses: Array.from(losses), finalLoss, weight: Array.from(model.weight), bias: model.bias,
    closedForm: { coef: Array.from(closed.coef), intercept: closed.intercept, loss: closedLoss, warnings: closed.warnings },
    plots: f.plots ? [join(f.plots, 'loss.svg')] : [],
  };
  for (const m of [model, best, X, y]) m.dispose();
  if (f.json) return `${JSON.stringify({ ...result, dropped: data.dropped }, null, 1)}\n`;
  return report(file, f, result) + droppedNote(data.dropped, n);
}

function optimizerOptions(f: TrainFlags): SGDOptions & AdamOptions {
  const o: Record<string, unknown> & { lr: number } = { lr: f.lr };
  const sgdOnly = { momentum: f.momentum, dampening: f.dampening, nesterov: f.nesterov };
  const adamOnly = { betas: f.betas, eps: f.eps, amsgrad: f.amsgrad };
  for (const [key, value] of Object.entries(f.optimizer === 'sgd' ? adamOnly : sgdOnly)) {
    if (value !== undefined) throw new InputError(`--${key === 'eps' ? 'eps' : key} is an option of ${f.optimizer === 'sgd' ? 'adam and adamw' : 'sgd'}, not of ${f.optimizer}`);
  }
  for (const [key, value] of Object.entries({ ...(f.optimizer === 'sgd' ? sgdOnly : adamOnly), weightDecay: f.weightDecay })) {
    if (value !== undefined) o[key] = value;
  }
  return o as SGDOptions & AdamOptions;
}

interface Result {
  rows: number; target: string; features: string[]; optimizer: Record<string, unknown>; iterations: number;
  losses: number[]; finalLoss: number; weight: number[]; bias: number;
  closedForm: { coef: number[]; intercept: number; loss: number; warnings: string[] };
}

const OPTIMIZER_NAMES: Record<string, string> = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW' };

function report(file: string, f: TrainFlags, r: Result): string {
  const { name, ...settings } = r.optimizer;
  const opts = Object.entries(settings).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`).join(', ');
  const rows = [['const', r.bias, r.closedForm.intercept], ...r.features.map((feature, j) => [feature, r.weight[j], r.closedForm.coef[j]] as const)];
  const lines = [
    `${file}: ${r.rows} rows, target ${r.target}, ${r.features.length} feature${r.features.length === 1 ? '' : 's'}`,
    `${OPTIMIZER_NAMES[String(name)]} (${opts}), ${r.iterations} steps on the ${f.loss} loss`,
    `loss: ${r.losses.length ? r.losses[0] : r.finalLoss} at the start, ${r.finalLoss} at the end; the closed form's: ${r.closedForm.loss}`,
    '',
    textTable(['parameter', 'gradient descent', 'closed form', 'difference'],
      rows.map(([label, gd, cf]) => [String(label), String(gd), String(cf), (Number(gd) - Number(cf)).toExponential(2)])),
    ...r.closedForm.warnings.map((w) => `\nclosed form: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}
