// Workload 10: one epoch of mini-batch training (batch 64, MSE, rows in order, the last partial
// batch kept) with SGD and with Adam, by train(), a plain-JS loop and PyTorch's DataLoader loop,
// each peer's final parameters checked against train()'s.
import { writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lib } from '../lib/ours.js';
import { fillRegression } from '../lib/data.js';
import { measureGroup, pairedRatio, statsOf, type Stats } from '../lib/measure.js';
import {
  fmtMs, fmtRate, fmtSpread, section, sig, status, timeRatio, type Headline, type Target, type WorkloadResult,
} from '../lib/report.js';
import { runPython, type PythonInfo } from '../lib/python.js';
import type { Config } from '../lib/config.js';
import { plainMinibatchAdam, plainMinibatchSgd } from '../peers/plain-minibatch.js';

type Opt = 'SGD' | 'Adam';
/** A table row; `paired` is t(row) ÷ t(train() with the same optimizer) from interleaved rounds (JS rows only). */
interface Row {
  name: string; opt: Opt; stats?: Stats; paired?: number; params?: ArrayLike<number>;
  /** No accuracy check (the shuffled row visits the batches in another order). */
  unchecked?: boolean; note?: string;
}

const OURS = 'train()';
const SHUFFLED = 'train(), shuffle: true, seed: 1';
const PLAIN = 'plain JS (Float64Array loop)';
const TORCH = 'PyTorch (DataLoader loop)';
/** Stable for this data (plain gradient descent on its MSE diverges above ~5e-3), no momentum. */
const SGD_LR = 1e-3;
const ADAM_LR = 1e-3;
const GOALS = { plain: 5, torch: 20 };

export async function minibatchWorkload(cfg: Config, python: PythonInfo | undefined): Promise<WorkloadResult> {
  const [rows, cols] = cfg.minibatchSize;
  const X = lib.Matrix.alloc(rows, cols);
  const y = lib.Vector.alloc(rows);
  try {
    fillRegression(X.data, y.data, rows, cols);
    // the peers' own copies: a view of wasm memory detaches when the library grows it
    const Xd = Float64Array.from(X.data), yd = Float64Array.from(y.data);
    const list = await measureInProcess(cfg, X, y, Xd, yd);
    list.push(...measureTorch(cfg, python, Xd, yd));
    return report(cfg, list);
  } finally {
    X.dispose();
    y.dispose();
  }
}

/** A runnable row: `run` trains one epoch from zeros; `params` reads the final [w, b]. */
interface Runner { name: string; opt: Opt; run: () => unknown; params: () => ArrayLike<number>; dispose: () => void; unchecked?: boolean }

/**
 * Every JS row timed interleaved (bench/lib/measure.ts): each ratio to train() is the median of
 * round-by-round ratios against train() with the same optimizer, so both ran under the same load.
 */
async function measureInProcess(cfg: Config, X: lib.Matrix, y: lib.Vector, Xd: Float64Array, yd: Float64Array): Promise<Row[]> {
  const runners: Runner[] = [
    ourRunner(cfg, X, y, 'SGD', false), ourRunner(cfg, X, y, 'SGD', true), plainRunner(cfg, Xd, yd, 'SGD'),
    ourRunner(cfg, X, y, 'Adam', false), plainRunner(cfg, Xd, yd, 'Adam'),
  ];
  try {
    const group = await measureGroup(runners.map((r) => ({ name: `${r.name} ${r.opt}`, fn: r.run })), cfg.budget, cfg.rounds);
    return runners.map((r, k) => {
      const base = runners.findIndex((o) => o.name === OURS && o.opt === r.opt);
      return { name: r.name, opt: r.opt, stats: group.stats[k], paired: pairedRatio(group, k, base), params: r.params(), unchecked: r.unchecked };
    });
  } finally {
    for (const r of runners) r.dispose();
  }
}

/**
 * train() on the zero-copy Matrix made before timing; each call starts from zeros (weight and bias
 * assigned) with a fresh optimizer state (Adam's restored from its state before any step).
 */
function ourRunner(cfg: Config, X: lib.Matrix, y: lib.Vector, opt: Opt, shuffle: boolean): Runner {
  const cols = X.cols;
  const model = new lib.LinearModel(cols);
  const optimizer = opt === 'SGD' ? new lib.SGD(model.parameters(), { lr: SGD_LR }) : new lib.Adam(model.parameters(), { lr: ADAM_LR });
  const fresh = optimizer.stateDict();
  const zeros = new Float64Array(cols);
  const options = {
    epochs: 1, batchSize: cfg.minibatchBatchSize, loss: 'mse' as const, ...(shuffle ? { shuffle: true, seed: 1 } : {}),
  };
  const run = () => {
    model.weight = zeros;
    model.bias = 0;
    if (opt === 'Adam') optimizer.loadStateDict(fresh);
    return lib.train(model, optimizer, X, y, options);
  };
  return {
    name: shuffle ? SHUFFLED : OURS, opt, run, unchecked: shuffle,
    params: () => [...model.weight, model.bias], dispose: () => { optimizer.dispose(); model.dispose(); },
  };
}

function plainRunner(cfg: Config, X: Float64Array, y: Float64Array, opt: Opt): Runner {
  const rows = y.length, cols = X.length / rows, bs = cfg.minibatchBatchSize;
  const p = new Float64Array(cols + 1), g = new Float64Array(cols + 1);
  const m = new Float64Array(cols + 1), v = new Float64Array(cols + 1);
  const losses = new Float64Array(Math.ceil(rows / bs)); // one per step, as train() returns
  const adam = { lr: ADAM_LR, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
  const run = opt === 'SGD'
    ? () => { p.fill(0); plainMinibatchSgd(X, y, rows, cols, p, g, SGD_LR, bs, losses); }
    : () => { p.fill(0); m.fill(0); v.fill(0); plainMinibatchAdam(X, y, rows, cols, p, g, m, v, adam, bs, losses); };
  return { name: PLAIN, opt, run, params: () => p.slice(), dispose: () => {} };
}

function measureTorch(cfg: Config, py: PythonInfo | undefined, X: Float64Array, y: Float64Array): Row[] {
  const opts: Opt[] = ['SGD', 'Adam'];
  if (!cfg.python) return [];
  if (!py?.torch) {
    const note = py ? `skipped: ${py.exe} has no torch` : 'skipped: no python3 with numpy found (tried /usr/bin/python3, python3)';
    return opts.map((opt) => ({ name: TORCH, opt, note }));
  }
  const rows = y.length, cols = X.length / rows;
  const file = path.join(os.tmpdir(), `linreg-bench-${process.pid}-minibatch-${rows}x${cols}.f64`);
  try {
    writeFileSync(file, Buffer.from(X.buffer, X.byteOffset, X.byteLength));
    writeFileSync(file, Buffer.from(y.buffer, y.byteOffset, y.byteLength), { flag: 'a' });
    const out = runPython<{ rows: { name: string; samples: number[]; w: number[]; b: number }[]; torch: string }>(
      py, 'minibatch.py',
      { data: file, rows, cols, batchSize: cfg.minibatchBatchSize, sgdLr: SGD_LR, adamLr: ADAM_LR, budget: cfg.slowBudget },
    );
    return out.rows.map((r, k) => ({ name: `PyTorch ${out.torch} (DataLoader loop)`, opt: opts[k], stats: statsOf(r.samples), params: [...r.w, r.b] }));
  } catch (error) {
    return opts.map((opt) => ({ name: TORCH, opt, note: `could not run: ${(error as Error).message.split('\n')[0]}` }));
  } finally {
    rmSync(file, { force: true });
  }
}

/** max_j |a_j − b_j| ÷ max_j |b_j| over [w, b]: relative to the parameters' scale (some true coefficients are 0). */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let j = 0; j < b.length; j++) {
    diff = Math.max(diff, Math.abs(a[j] - b[j]));
    scale = Math.max(scale, Math.abs(b[j]));
  }
  return diff / scale;
}

function size(cfg: Config): string {
  const [rows, cols] = cfg.minibatchSize;
  return `${rows.toLocaleString('en-US')} × ${cols}`;
}

function report(cfg: Config, list: Row[]): WorkloadResult {
  const [rows] = cfg.minibatchSize;
  const bs = cfg.minibatchBatchSize;
  const steps = Math.ceil(rows / bs);
  const last = rows % bs;
  const s = section('minibatch', `10. Mini-batch training: ${size(cfg)}, batch ${bs}, one epoch (MSE; SGD lr ${SGD_LR}, Adam lr ${ADAM_LR})`, [
    `Data: x_ij = (j mod 5) + N(0,1), y = 1.5 + x·β + 0.1·N(0,1) (bench/lib/data.ts), the same bits for every row (the `
      + `Python rows read them from a file). One epoch of ${steps.toLocaleString('en-US')} steps: batches of ${bs} rows in order, `
      + `${last ? `the last partial batch of ${last} kept, ` : ''}the loss the mean squared error over the batch; SGD without momentum, `
      + "Adam with torch's defaults apart from lr. Every call starts from zero parameters and a fresh optimizer state. "
      + `train() runs \`train(model, optimizer, X, y, { epochs: 1, batchSize: ${bs}, loss: 'mse' })\` on a zero-copy Matrix made before timing; `
      + 'the plain-JS loop (bench/peers/plain-minibatch.ts) walks the batches of a Float64Array; PyTorch runs the standard loop '
      + '(zero_grad, forward, mse_loss, backward, step) over DataLoader(TensorDataset(X, y), batch_size, shuffle=False), float64, one thread. '
      + '"max rel. |Δ(w,b)|" is max |Δ| over [w, b] ÷ max |(w, b)| of train() with the same optimizer, so a fast row cannot be a wrong one.',
  ]);
  const base = (opt: Opt): Stats | undefined => list.find((r) => r.name === OURS && r.opt === opt)?.stats;
  const ref = (opt: Opt): ArrayLike<number> | undefined => list.find((r) => r.name === OURS && r.opt === opt)?.params;
  s.tables.push({
    columns: ['optimizer', 'implementation', 'median', 'spread', 'steps/s', `ratio to ${OURS} (same optimizer)`, `max rel. |Δ(w,b)| vs ${OURS}`],
    rows: list.map((r) => {
      const b = base(r.opt), p = ref(r.opt);
      return [
        r.opt, r.name,
        r.stats ? fmtMs(r.stats.median) : r.note ?? '–',
        r.stats ? fmtSpread(r.stats) : '–',
        r.stats ? fmtRate((steps / r.stats.median) * 1000) : '–',
        r.stats && b ? (r.name === OURS ? 'reference' : ratioTo(r, b)) : '–',
        r.name !== OURS && !r.unchecked && r.params && p ? relDiff(r.params, p).toExponential(1) : '–',
      ];
    }),
  });
  s.notes.push(
    'Every row runs on one core: PyTorch with torch.set_num_threads(1) and OMP/OPENBLAS/MKL_NUM_THREADS=1, timed inside its own process (interpreter start-up, imports and the DataLoader\'s construction excluded; a fresh nn.Linear and optimizer per call, as the JS rows reset theirs).',
    'train() and the plain-JS loop record every step\'s loss (train() returns them); the PyTorch loop, as usually written, does not call loss.item() per step.',
    `The shuffled row visits the batches in another order, so its parameters are not compared; it shows what shuffling costs against ${OURS} in row order.`,
    `The JS rows are timed interleaved (${cfg.rounds} rounds, the order rotating) and their ratios to ${OURS} are medians of round-by-round ratios; the PyTorch rows run in their own process afterwards, so their ratios are of medians.`,
  );
  const targets: Target[] = [];
  const headline: Headline[] = [];
  const workload = `mini-batch training (${size(cfg)}, batch ${bs}, one epoch)`;
  const add = (opt: Opt, peer: string, goal: number, what: string): void => {
    const r = list.find((x) => x.opt === opt && x.name.startsWith(peer));
    const b = base(opt);
    const name = `mini-batch training ${opt}: ${OURS} vs ${what}`;
    if (!r?.stats || !b) {
      targets.push({ name, measured: `not measured: ${r?.note ?? 'no such row'}`, goal: `≥ ${goal}×`, status: 'not measured' });
      return;
    }
    const value = ratioValue(r, b);
    targets.push({ name, measured: ratioTo(r, b), goal: `≥ ${goal}×`, status: status(value, goal) });
    headline.push({ workload, comparison: `${OURS} ${opt} vs ${r.name}`, ratio: `${ratioTo(r, b)} (${OURS} ${value >= 1 ? 'faster' : 'slower'})` });
  };
  for (const opt of ['SGD', 'Adam'] as const) {
    add(opt, 'plain JS', GOALS.plain, 'plain-JS Float64Array loop');
    if (cfg.python) add(opt, 'PyTorch', GOALS.torch, 'PyTorch DataLoader loop (one thread)');
  }
  return { section: s, targets, headline };
}

function ratioValue(r: Row, ours: Stats): number {
  return r.paired ?? r.stats!.median / ours.median;
}

// Paired (interleaved) ratios for the JS rows; a ratio of medians for the PyTorch rows.
function ratioTo(r: Row, ours: Stats): string {
  return r.paired === undefined ? timeRatio(r.name, r.stats!, OURS, ours) : `t(${r.name}) ÷ t(${OURS}) = ${sig(r.paired)}×`;
}
