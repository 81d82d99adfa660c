// linreg train: gradient descent (SGD, Adam, AdamW, RMSprop, Adagrad) on a CSV held in memory, in
// full-batch iterations or epochs of mini-batches, with an optional learning-rate schedule and early
// stopping; a live loss on a terminal, then the parameters beside the closed-form least-squares answer.
import { LinearModel, LinearRegression, Matrix, Vector, mseLoss, sseLoss, train, type Optimizer } from '../index.js';
import { OPTIMIZERS, checkFlags, optimizerOptions, planOf, schedulerOf, type TrainFlags } from './train-flags.js';
import { Outputs } from './outputs.js';
import { lossPlot } from './plots.js';
import { ReadBar, StepBar } from './progress.js';
import { columnOptions, readAll } from './table.js';
import { join } from 'node:path';
import { table as textTable } from './text.js';
import { droppedNote } from './fit.js';

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
