// Workload 1: the notebook's problem (10×3, 10 000 full-batch SGD steps on the SSE, lr 0.01) by
// every implementation, each checked against the PyTorch run's final parameters.
import { readFileSync } from 'node:fs';
import { lib } from '../lib/ours.js';
import { measure, statsOf, type Stats } from '../lib/measure.js';
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
  const rows: Measured[] = [measureTrain(cfg, fx, n), measureSteps(cfg, fx, n), measurePlain(cfg, fx, n)];
  for (const backend of ['cpu', 'wasm'] as const) rows.push(await measureTf(cfg, fx, n, backend));
  rows.push(...measurePython(cfg, fx, n, python));
  return report(cfg, fx, rows);
}

function measureTrain(cfg: Config, fx: Fixture, n: number): Measured {
  const X = lib.Matrix.from(fx.X);
  const y = lib.Vector.from(fx.y_obs);
  const model = new lib.LinearModel(3);
  const opt = new lib.SGD(model.parameters(), { lr: fx.lr }); // plain SGD keeps no state between runs
  const stats = measure(OURS, () => {
    model.weight = fx.init.w;
    model.bias = fx.init.b;
    return lib.train(model, opt, X, y, { iterations: n, loss: 'sse' });
  }, cfg.budget);
  const result = { name: OURS, stats, w: model.weight.slice(), b: model.bias };
  model.dispose(); X.dispose(); y.dispose();
  return result;
}

function measureSteps(cfg: Config, fx: Fixture, n: number): Measured {
  const X = lib.Matrix.from(fx.X);
  const y = lib.Vector.from(fx.y_obs);
  const model = new lib.LinearModel(3);
  const opt = new lib.SGD(model.parameters(), { lr: fx.lr });
  const stats = measure('steps', () => {
    model.weight = fx.init.w;
    model.bias = fx.init.b;
    for (let t = 0; t < n; t++) {
      opt.zeroGrad();
      lib.sseLoss(model, X, y);
      opt.step();
    }
  }, cfg.budget);
  const result = { name: 'step by step (zeroGrad, sseLoss, step)', stats, w: model.weight.slice(), b: model.bias };
  model.dispose(); X.dispose(); y.dispose();
  return result;
}

function measurePlain(cfg: Config, fx: Fixture, n: number): Measured {
  const X = Float64Array.from(fx.X.flat());
  const y = Float64Array.from(fx.y_obs);
  const p = new Float64Array(4);
  const g = new Float64Array(4);
  const losses = new Float64Array(n);
  const stats = measure('plain', () => {
    p.set([...fx.init.w, fx.init.b]);
    plainTrain(X, y, 10, 3, p, g, fx.lr, n, losses);
  }, cfg.budget);
  return { name: 'plain JS (Float64Array loop)', stats, w: p.slice(0, 3), b: p[3] };
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
      r.stats ? (r === rows[0] ? 'reference' : timeRatio(r.name, r.stats, OURS, ours)) : '–',
      checkable && r.w ? deviation(r, fx).toExponential(1) : '–',
    ]),
  });
  s.notes.push(
    'Every row runs on one core: PyTorch with torch.set_num_threads(1), numpy/BLAS with OMP/OPENBLAS_NUM_THREADS=1; the Python rows are timed inside their own process (interpreter start-up excluded).',
    'TensorFlow.js computes in float32 (it has no float64), so its parameters differ from PyTorch\'s float64 run by ~1e-4 or more.',
    'train() records the loss of every step (as the notebook prints it); the plain-JS loop does too.',
  );
  const plain = rows[2].stats;
  const ratio = plain ? plain.median / ours.median : Number.NaN;
  const targets = [{
    name: 'seed training: train() vs plain-JS Float64Array loop',
    measured: plain ? ratioText('t(plain JS)', plain.median, `t(${OURS})`, ours.median) : 'not measured',
    goal: '≥ 10×',
    status: status(ratio, 10),
  }];
  const key = /^(plain JS|TensorFlow.js wasm|PyTorch)/; // the README keeps to these
  const headline = rows.slice(2).filter((r) => r.stats && key.test(r.name)).map((r) => ({
    workload: `seed training (10×3, ${cfg.seedIterations.toLocaleString('en-US')} SGD steps)`,
    comparison: `train() vs ${r.name}`,
    ratio: speedup(OURS, ours, r.name, r.stats!),
  }));
  return { section: s, targets, headline };
}

function deviation(r: Measured, fx: Fixture): number {
  let worst = Math.abs((r.b ?? Number.NaN) - fx.final.b);
  fx.final.w.forEach((w, j) => { worst = Math.max(worst, Math.abs(r.w![j] - w)); });
  return worst;
}
