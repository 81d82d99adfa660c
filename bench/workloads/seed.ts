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
interface Measured { name: string; stats?: Stats; w?: ArrayLike<number>; b?: number; note?: string }

const FIXTURE = new URL('../../test/fixtures/seed-torch-reference.json', import.meta.url);
const OURS = 'train()';

export async function seedWorkload(cfg: Config, python: PythonInfo | undefined): Promise<WorkloadResult> {
  const fx = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
  const n = cfg.seedIterations;
  const { rows, vsPlain } = measureInProcess(cfg, fx, n);
  for (const backend of ['cpu', 'wasm'] as const) rows.push(await measureTf(cfg, fx, n, backend));
  rows.push(...measurePython(cfg, fx, n, python));
  return report(cfg, fx, rows, vsPlain);
}

/** A runnable row: `run` does one full training; `result` reads the final parameters. */
interface Runner { name: string; run: () => unknown; result: () => { w: ArrayLike<number>; b: number }; dispose: () => void }

/**
 * train(), the step-by-step API and plain JS, timed interleaved (bench/lib/measure.ts) so that the
 * target ratio plain JS ÷ train() compares rounds run under the same load.
 */
function measureInProcess(cfg: Config, fx: Fixture, n: number): { rows: Measured[]; vsPlain: number } {
  const runners = [trainRunner(fx, n), stepsRunner(fx, n), plainRunner(fx, n)];
  try {
    const group = measureGroup(runners.map((r) => [r.name, r.run]), cfg.budget, cfg.rounds);
    const rows = runners.map((r, k) => ({ name: r.name, stats: group.stats[k], ...r.result() }));
    return { rows, vsPlain: pairedRatio(group, 2, 0) };
  } finally {
    for (const r of runners) r.dispose();
  }
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

async function measureTf(cfg: Config, fx: Fixture, n: number, backend: TfBackend): Promise<Measured> {
  const name = `TensorFlow.js ${backend} (float32)`;
  try {
    await useBackend(backend);
    const data = tensors(fx.X.flat(), fx.y_obs, 10, 3);
    let last = { w: [] as number[], b: 0 };
    const stats = measure(name, () => { last = tfTrain(data, fx.init, fx.lr, n); }, cfg.slowBudget);
    data.X.dispose(); data.y.dispose();
    return { name, stats, ...last };
  } catch (error) {
    return { name, note: `could not run: ${(error as Error).message}` };
  }
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

function report(cfg: Config, fx: Fixture, rows: Measured[], vsPlain: number): WorkloadResult {
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
      r.stats ? (r === rows[0] ? 'reference' : r === rows[2] ? `t(${r.name}) ÷ t(${OURS}) = ${sig(vsPlain)}×` : timeRatio(r.name, r.stats, OURS, ours)) : '–',
      checkable && r.w ? deviation(r, fx).toExponential(1) : '–',
    ]),
  });
  s.notes.push(
    'Every row runs on one core: PyTorch with torch.set_num_threads(1), numpy/BLAS with OMP/OPENBLAS_NUM_THREADS=1; the Python rows are timed inside their own process (interpreter start-up excluded).',
    'TensorFlow.js computes in float32 (it has no float64), so its parameters differ from PyTorch\'s float64 run by ~1e-4 or more.',
    'train() records the loss of every step (as the notebook prints it); the plain-JS loop does too.',
    `train(), the step-by-step API and plain JS are timed interleaved (${cfg.rounds} rounds); the plain-JS ratio is the median of the round-by-round ratios.`,
  );
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
    ratio: r === rows[2] ? `t(${r.name}) ÷ t(${OURS}) = ${sig(vsPlain)}× (${OURS} ${vsPlain >= 1 ? 'faster' : 'slower'})` : speedup(OURS, ours, r.name, r.stats!),
  }));
  return { section: s, targets, headline };
}

function deviation(r: Measured, fx: Fixture): number {
  let worst = Math.abs((r.b ?? Number.NaN) - fx.final.b);
  fx.final.w.forEach((w, j) => { worst = Math.max(worst, Math.abs(r.w![j] - w)); });
  return worst;
}
