// Workload 1: the notebook's problem (10×3, 10 000 full-batch SGD steps on the SSE, lr 0.01) by
// every implementation, each checked against the PyTorch run's final parameters.
import { readFileSync } from 'node:fs';
import { lib } from '../lib/ours.js';
import { measure, measureGroup, pairedRatio, statsOf, type Stats } from '../lib/measure.js';
import { fmtMs, fmtRate, fmtSpread, ratioText, section, sig, speedup, status, timeRatio, type WorkloadResult } from '../lib/report.js';
import { runPython, type PythonInfo } from '../lib/python.js';
import type { Config } from '../lib/config.js';
import { plainTrain } from '../peers/plain.js';
import { tensors, tfTrain, useBackend, type TfBackend } from '../peers/tf.js';

interface Fixture {
  X: number[][]; y_obs: number[]; init: { w: number[]; b: number }; lr: number; n_iter: number;
  final: { w: number[]; b: number };
}
/** A row; `paired` is t(row) ÷ t(train()) from interleaved rounds (JS rows only). */
interface Measured { name: string; stats?: Stats; paired?: number; w?: ArrayLike<number>; b?: number; note?: string }

const FIXTURE = new URL('../../test/fixtures/seed-torch-reference.json', import.meta.url);
const OURS = 'train()';

export async function seedWorkload(cfg: Config, python: PythonInfo | undefined): Promise<WorkloadResult> {
  const fx = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
  const n = cfg.seedIterations;
  const rows = await measureInProcess(cfg, fx, n);
  rows.push(...measurePython(cfg, fx, n, python));
  return report(cfg, fx, rows);
}

/** A runnable row: `run` does one full training; `result` reads the final parameters. */
interface Runner {
  name: string; run: () => unknown; enter?: () => Promise<void>;
  result: () => { w: ArrayLike<number>; b: number }; dispose: () => void;
}

/**
 * Every JS row timed interleaved (bench/lib/measure.ts): each ratio to train() is the median of
 * round-by-round ratios, so the rows compared ran under the same load.
 */
async function measureInProcess(cfg: Config, fx: Fixture, n: number): Promise<Measured[]> {
  const runners: Runner[] = [trainRunner(fx, n), stepsRunner(fx, n), plainRunner(fx, n)];
  const failed: Measured[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    try {
      runners.push(await tfRunner(fx, n, backend));
    } catch (error) {
      failed.push({ name: tfName(backend), note: `could not run: ${(error as Error).message}` });
    }
  }
  try {
    const group = await measureGroup(runners.map((r) => ({ name: r.name, fn: r.run, enter: r.enter })), cfg.budget, cfg.rounds);
    const rows: Measured[] = runners.map((r, k) => ({ name: r.name, stats: group.stats[k], paired: pairedRatio(group, k, 0), ...r.result() }));
    return [...rows, ...failed];
  } finally {
    for (const r of runners) r.dispose();
  }
}

function tfName(backend: TfBackend): string {
  return `TensorFlow.js ${backend} (float32)`;
}

async function tfRunner(fx: Fixture, n: number, backend: TfBackend): Promise<Runner> {
  await useBackend(backend);
  const data = tensors(fx.X.flat(), fx.y_obs, 10, 3); // on this backend, so no copies between runs
  let last = { w: [] as number[], b: Number.NaN };
  return {
    name: tfName(backend), run: () => { last = tfTrain(data, fx.init, fx.lr, n); }, enter: () => useBackend(backend),
    result: () => last, dispose: () => { data.X.dispose(); data.y.dispose(); },
  };
}

function ourData(fx: Fixture) {
  const X = lib.Matrix.from(fx.X);
  const y = lib.Vector.from(fx.y_obs);
  const model = new lib.LinearModel(3);
  const opt = new lib.SGD(model.parameters(), { lr: fx.lr }); // plain SGD keeps no state between runs
  const reset = (): void => { model.weight = fx.init.w; model.bias = fx.init.b; };
  const result = () => ({ w: model.weight.slice(), b: model.bias });
  const dispose = (): void => { model.dispose(); X.dispose(); y.dispose(); };
  return { X, y, model, opt, reset, result, dispose };
}

function trainRunner(fx: Fixture, n: number): Runner {
  const d = ourData(fx);
  const run = () => { d.reset(); return lib.train(d.model, d.opt, d.X, d.y, { iterations: n, loss: 'sse' }); };
  return { name: OURS, run, result: d.result, dispose: d.dispose };
}

function stepsRunner(fx: Fixture, n: number): Runner {
  const d = ourData(fx);
  const run = (): void => {
    d.reset();
    for (let t = 0; t < n; t++) {
      d.opt.zeroGrad();
      lib.sseLoss(d.model, d.X, d.y);
      d.opt.step();
    }
  };
  return { name: 'step by step (zeroGrad, sseLoss, step)', run, result: d.result, dispose: d.dispose };
}

function plainRunner(fx: Fixture, n: number): Runner {
  const X = Float64Array.from(fx.X.flat());
  const y = Float64Array.from(fx.y_obs);
  const p = new Float64Array(4);
  const g = new Float64Array(4);
  const losses = new Float64Array(n);
  const run = (): void => {
    p.set([...fx.init.w, fx.init.b]);
    plainTrain(X, y, 10, 3, p, g, fx.lr, n, losses);
  };
  return { name: 'plain JS (Float64Array loop)', run, result: () => ({ w: p.slice(0, 3), b: p[3] }), dispose: () => {} };
}

function measurePython(cfg: Config, fx: Fixture, n: number, py: PythonInfo | undefined): Measured[] {
  const torchName = 'PyTorch (the notebook loop)';
  const numpyName = 'numpy loop';
  if (!cfg.python) return [];
  if (!py) {
    const note = 'skipped: no python3 with numpy found (tried /usr/bin/python3, python3)';
    return [{ name: torchName, note }, { name: numpyName, note }];
  }
  const which = py.torch ? ['torch', 'numpy'] : ['numpy'];
  const out = runPython<{ rows: { name: string; samples: number[]; w: number[]; b: number }[]; versions: Record<string, string> }>(
    py, 'seed.py', { fixture: FIXTURE.pathname, iterations: n, budget: cfg.slowBudget, which },
  );
  const byName = new Map(out.rows.map((r) => [r.name, r]));
  const row = (key: string, name: string): Measured => {
    const r = byName.get(key);
    return r ? { name: `${name} ${out.versions[key]}`, stats: statsOf(r.samples), w: r.w, b: r.b }
      : { name, note: `skipped: ${py.exe} has no ${key}` };
  };
  return [row('torch', torchName), row('numpy', numpyName)];
}

function report(cfg: Config, fx: Fixture, rows: Measured[]): WorkloadResult {
  const steps = cfg.seedIterations.toLocaleString('en-US');
  const s = section('seed', `1. Seed training: 10×3, ${steps} full-batch SGD steps (SSE, lr ${fx.lr})`, [
    `The notebook's problem from test/fixtures/seed-torch-reference.json, ${cfg.seedIterations} steps per call, `
      + 'parameters reset to the notebook\'s random start before each call. "max |Δ| vs PyTorch" compares the final '
      + '(w, b) with the stored PyTorch run, so a fast row cannot be a wrong one.',
  ]);
  const ours = rows[0].stats!;
  const checkable = cfg.seedIterations === fx.n_iter;
  s.tables.push({
    columns: ['implementation', 'median', 'spread', 'steps/s', `ratio to ${OURS}`, 'max |Δ(w,b)| vs PyTorch'],
    rows: rows.map((r) => [
      r.name,
      r.stats ? fmtMs(r.stats.median) : r.note ?? '–',
      r.stats ? fmtSpread(r.stats) : '–',
      r.stats ? fmtRate((cfg.seedIterations / r.stats.median) * 1000) : '–',
      r.stats ? (r === rows[0] ? 'reference' : ratioTo(r, ours)) : '–',
      checkable && r.w ? deviation(r, fx).toExponential(1) : '–',
    ]),
  });
  s.notes.push(
    'Every row runs on one core: PyTorch with torch.set_num_threads(1), numpy/BLAS with OMP/OPENBLAS_NUM_THREADS=1; the Python rows are timed inside their own process (interpreter start-up excluded).',
    'TensorFlow.js computes in float32 (it has no float64), so its parameters differ from PyTorch\'s float64 run by ~1e-4 or more.',
    'train() records the loss of every step (as the notebook prints it); the plain-JS loop does too.',
    `The JS rows are timed interleaved (${cfg.rounds} rounds, the order rotating) and their ratios to train() are medians of round-by-round ratios; the Python rows run in their own process afterwards, so their ratios are of medians.`,
  );
  const vsPlain = rows[2].paired ?? Number.NaN;
  const targets = [{
    name: 'seed training: train() vs plain-JS Float64Array loop',
    measured: `t(plain JS) ÷ t(${OURS}) = ${sig(vsPlain)}×`,
    goal: '≥ 10×',
    status: status(vsPlain, 10),
  }];
  const key = /^(plain JS|TensorFlow.js wasm|PyTorch)/; // the README keeps to these
  const headline = rows.slice(2).filter((r) => r.stats && key.test(r.name)).map((r) => ({
    workload: `seed training (10×3, ${cfg.seedIterations.toLocaleString('en-US')} SGD steps)`,
    comparison: `train() vs ${r.name}`,
    ratio: `${ratioTo(r, ours)} (${OURS} ${ratioValue(r, ours) >= 1 ? 'faster' : 'slower'})`,
  }));
  return { section: s, targets, headline };
}

function ratioValue(r: Measured, ours: Stats): number {
  return r.paired ?? r.stats!.median / ours.median;
}

// Paired (interleaved) ratios for the JS rows; a ratio of medians for the Python rows.
function ratioTo(r: Measured, ours: Stats): string {
  return r.paired === undefined ? timeRatio(r.name, r.stats!, OURS, ours) : `t(${r.name}) ÷ t(${OURS}) = ${sig(r.paired)}×`;
}

function deviation(r: Measured, fx: Fixture): number {
  let worst = Math.abs((r.b ?? Number.NaN) - fx.final.b);
  fx.final.w.forEach((w, j) => { worst = Math.max(worst, Math.abs(r.w![j] - w)); });
  return worst;
}
