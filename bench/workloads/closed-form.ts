// Workload 3: least squares with an intercept in closed form, by us and every peer, each with its
// largest coefficient error against a float64 Householder-QR reference.
import { writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lib, linearRegression, NOT_YET, type Regressor, type RegressorClass } from '../lib/ours.js';
import { fillRegression } from '../lib/data.js';
import { measure, statsOf, type Budget, type Stats } from '../lib/measure.js';
import { fmtMs, fmtSpread, section, speedup, timeRatio, type Headline, type WorkloadResult } from '../lib/report.js';
import { maxCoefDiff, referenceFit } from '../lib/reference.js';
import { runPython, type PythonInfo } from '../lib/python.js';
import { linePlot } from '../lib/svg.js';
import type { Config } from '../lib/config.js';
import { plainNormalEquations } from '../peers/plain.js';
import { mlrData, mlrFit } from '../peers/mlr.js';
import { tensors, tf, tfNormalEquations, useBackend, type TfBackend } from '../peers/tf.js';

type Fit = { coef: ArrayLike<number>; intercept: number };
interface Row { name: string; stats?: Stats; error?: number; note?: string }
interface SizeResult { rows: number; cols: number; list: Row[] }

const OURS = 'LinearRegression.fit';
const PLAIN = 'plain JS normal equations + Cholesky';

/** One problem in wasm memory (our zero-copy Matrix), with its float64 reference solution. */
interface Problem { rows: number; cols: number; X: lib.Matrix; y: lib.Vector; ref: Fit }

function makeProblem(rows: number, cols: number, withReference: boolean): Problem {
  const X = lib.Matrix.alloc(rows, cols);
  const y = lib.Vector.alloc(rows);
  fillRegression(X.data, y.data, rows, cols);
  const ref = withReference ? referenceFit(X.data, y.data, rows, cols) : { coef: [], intercept: Number.NaN };
  return { rows, cols, X, y, ref };
}

function dispose(p: Problem): void {
  p.X.dispose();
  p.y.dispose();
}

/** Times our fit; the fitted estimators are disposed as the next one replaces them. */
export function timeOurs(LR: RegressorClass, p: Problem, budget: Budget): { stats: Stats; fit: Fit } {
  let last: Regressor | undefined;
  let fit: Fit = { coef: [], intercept: Number.NaN };
  const stats = measure(OURS, () => {
    const m = new LR({ fitIntercept: true });
    m.fit(p.X, p.y);
    fit = { coef: Array.from(m.coef), intercept: m.intercept };
    last?.dispose?.();
    last = m;
  }, budget);
  last?.dispose?.();
  return { stats, fit };
}

function timed(name: string, budget: Budget, ref: Fit, fn: () => Fit): Row {
  try {
    let fit: Fit | undefined;
    const stats = measure(name, () => { fit = fn(); }, budget);
    return { name, stats, error: maxCoefDiff(fit!, ref) };
  } catch (error) {
    return { name, note: `could not run: ${(error as Error).message}` };
  }
}

export async function closedFormWorkload(cfg: Config, python: PythonInfo | undefined): Promise<WorkloadResult> {
  const LR = linearRegression();
  const results: SizeResult[] = [];
  for (const [rows, cols] of cfg.closedSizes) results.push(await measureSize(cfg, LR, python, rows, cols));
  const sweep = measureSweeps(cfg, LR);
  return report(cfg, LR, results, sweep, python);
}

async function measureSize(
  cfg: Config, LR: RegressorClass | undefined, python: PythonInfo | undefined, rows: number, cols: number,
): Promise<SizeResult> {
  const p = makeProblem(rows, cols, true);
  const budget = rows * cols >= 10_000_000 ? cfg.slowBudget : cfg.budget;
  const list: Row[] = [];
  try {
    if (LR) {
      try {
        const { stats, fit } = timeOurs(LR, p, budget);
        list.push({ name: OURS, stats, error: maxCoefDiff(fit, p.ref) });
      } catch (error) {
        list.push({ name: OURS, note: `failed: ${(error as Error).message}` });
      }
    } else {
      list.push({ name: OURS, note: NOT_YET });
    }
    const Xd = p.X.data, yd = p.y.data;
    list.push(timed(PLAIN, budget, p.ref, () => plainNormalEquations(Xd, yd, rows, cols)));
    list.push(measureMlr(cfg, p, budget));
    for (const backend of ['cpu', 'wasm'] as const) list.push(await measureTf(p, backend, budget));
    list.push(...measureNumpy(cfg, p, python));
  } finally {
    dispose(p);
  }
  return { rows, cols, list };
}

function measureMlr(cfg: Config, p: Problem, budget: Budget): Row {
  const name = 'ml-regression-multivariate-linear';
  if (p.rows * p.cols > cfg.mlrMaxCells) return { name, note: `skipped above ${cfg.mlrMaxCells} cells in this mode` };
  const data = mlrData(p.X.data, p.y.data, p.rows, p.cols); // its input format, made before timing
  return timed(name, budget, p.ref, () => mlrFit(data));
}

async function measureTf(p: Problem, backend: TfBackend, budget: Budget): Promise<Row> {
  const name = `TensorFlow.js ${backend} (float32, XᵀX + Cholesky)`;
  try {
    await useBackend(backend);
    const data = tensors(p.X.data, p.y.data, p.rows, p.cols);
    try {
      return timed(name, budget, p.ref, () => tfNormalEquations(data));
    } finally {
      tf.dispose([data.X, data.y]);
    }
  } catch (error) {
    return { name, note: `could not run: ${(error as Error).message}` };
  }
}

function measureNumpy(cfg: Config, p: Problem, py: PythonInfo | undefined): Row[] {
  const names = ['numpy normal equations (solve)', 'numpy lstsq'];
  if (!cfg.python) return [];
  if (!py) return names.map((name) => ({ name, note: 'skipped: no python3 with numpy found' }));
  const file = path.join(os.tmpdir(), `linreg-bench-${process.pid}-${p.rows}x${p.cols}.f64`);
  try {
    writeFileSync(file, Buffer.from(p.X.data.buffer, p.X.data.byteOffset, p.X.data.byteLength));
    writeFileSync(file, Buffer.from(p.y.data.buffer, p.y.data.byteOffset, p.y.data.byteLength), { flag: 'a' });
    const budget = p.rows * p.cols >= 10_000_000 ? cfg.slowBudget : cfg.budget;
    const out = runPython<{ rows: { name: string; samples: number[]; coef: number[]; intercept: number }[]; numpy: string }>(
      py, 'closed_form.py', { data: file, rows: p.rows, cols: p.cols, budget },
    );
    return out.rows.map((r, k) => ({ name: `${names[k]} ${out.numpy}`, stats: statsOf(r.samples), error: maxCoefDiff(r, p.ref) }));
  } catch (error) {
    return names.map((name) => ({ name, note: `could not run: ${(error as Error).message.split('\n')[0]}` }));
  } finally {
    rmSync(file, { force: true });
  }
}

interface Sweep { axis: 'rows' | 'cols'; points: { rows: number; cols: number; ours?: Stats; plain: Stats }[] }

function measureSweeps(cfg: Config, LR: RegressorClass | undefined): Sweep[] {
  const run = (axis: Sweep['axis'], sizes: [number, number][]): Sweep => ({
    axis,
    points: sizes.map(([rows, cols]) => {
      const p = makeProblem(rows, cols, false);
      const budget = rows * cols >= 10_000_000 ? cfg.slowBudget : cfg.budget;
      try {
        const Xd = p.X.data, yd = p.y.data;
        const plain = measure(PLAIN, () => plainNormalEquations(Xd, yd, rows, cols), budget);
        let ours: Stats | undefined;
        try { ours = LR ? timeOurs(LR, p, budget).stats : undefined; } catch { ours = undefined; }
        return { rows, cols, ours, plain };
      } finally {
        dispose(p);
      }
    }),
  });
  return [
    run('rows', cfg.fitSweepRows.map((r): [number, number] => [r, cfg.fitSweepCols])),
    run('cols', cfg.fitSweepFeatures.map((c): [number, number] => [cfg.fitSweepFeatureRows, c])),
  ];
}

function report(
  cfg: Config, LR: RegressorClass | undefined, results: SizeResult[], sweeps: Sweep[], py: PythonInfo | undefined,
): WorkloadResult {
  const s = section('closed', '3. Closed form: least squares with an intercept', [
    'Data: x_ij = (j mod 5) + N(0,1), y = 1.5 + x·β + 0.1·N(0,1), the same bits for every row (the Python rows read '
      + 'them from a file). Each implementation gets the data in its own input format, made before timing: our '
      + 'zero-copy Matrix, Float64Array, number[][] for ml-regression-multivariate-linear, a float32 tensor for tfjs. '
      + '"max |Δcoef|" is the largest difference in [intercept, coefficients] from a float64 Householder-QR reference '
      + '(bench/lib/reference.ts), so speed never hides inaccuracy.',
  ]);
  const refName = LR ? OURS : PLAIN;
  s.tables.push({
    columns: ['rows × features', 'implementation', 'median', 'spread', `ratio to ${refName}`, 'max |Δcoef| vs float64 ref'],
    rows: results.flatMap((r) => {
      const base = r.list.find((x) => x.name === refName)?.stats;
      return r.list.map((x) => [
        `${r.rows.toLocaleString('en-US')} × ${r.cols}`, x.name,
        x.stats ? fmtMs(x.stats.median) : x.note ?? '–',
        x.stats ? fmtSpread(x.stats) : '–',
        x.stats && base ? (x.name === refName ? 'reference' : timeRatio(x.name, x.stats, refName, base)) : '–',
        x.error !== undefined ? x.error.toExponential(1) : '–',
      ]);
    }),
  });
  if (!LR) s.notes.push(`${OURS}: ${NOT_YET}. Until it is, the ratios are to the plain-JS normal equations; the rows appear by themselves once it is exported.`);
  s.notes.push(
    'ml-regression-multivariate-linear runs with { intercept: true, statistics: false } (coefficients only); it inverts XᵀX by SVD.',
    'TensorFlow.js has no least-squares solver: [1 X]ᵀ[1 X] and [1 X]ᵀy by matMul in float32, then a float64 Cholesky in JS.',
  );
  if (cfg.python) s.notes.push(py ? `numpy ${py.numpy} from ${py.exe}, one BLAS thread; the column of ones is added inside the timed call, as for every other row.` : 'numpy rows skipped: no python3 with numpy found.');
  s.plots.push(sweepPlot(sweeps[0], cfg.fitSweepCols), sweepPlot(sweeps[1], cfg.fitSweepFeatureRows));
  return { section: s, targets: [], headline: headlineOf(results, LR) };
}

function sweepPlot(sw: Sweep, fixed: number) {
  const byRows = sw.axis === 'rows';
  const pts = (get: (p: Sweep['points'][number]) => Stats | undefined): [number, number][] =>
    sw.points.flatMap((p) => { const st = get(p); return st ? [[p[sw.axis], st.median] as [number, number]] : []; });
  return {
    name: byRows ? 'fit-vs-rows.svg' : 'fit-vs-features.svg',
    title: byRows ? `Closed-form fit: time vs rows (${fixed} features)` : `Closed-form fit: time vs features (${fixed.toLocaleString('en-US')} rows)`,
    svg: linePlot({
      title: byRows ? `Closed-form fit with intercept, ${fixed} features` : `Closed-form fit with intercept, ${fixed.toLocaleString('en-US')} rows`,
      xLabel: byRows ? 'rows' : 'features', yLabel: 'median time per fit',
      series: [{ name: OURS, points: pts((p) => p.ours) }, { name: PLAIN, points: pts((p) => p.plain) }],
    }),
  };
}

function headlineOf(results: SizeResult[], LR: RegressorClass | undefined): Headline[] {
  const last = results[results.length - 1];
  const workload = `closed-form fit (${last.rows.toLocaleString('en-US')} × ${last.cols}, intercept)`;
  const ours = last.list.find((x) => x.name === OURS)?.stats;
  if (!LR || !ours) return [{ workload, comparison: OURS, ratio: LR ? 'failed in this run' : NOT_YET }];
  const key = /^(plain JS|ml-regression|TensorFlow.js wasm|numpy lstsq)/; // the README keeps to these
  return last.list.filter((x) => x.stats && key.test(x.name)).map((x) => ({
    workload, comparison: `${OURS} vs ${x.name}`, ratio: speedup(OURS, ours, x.name, x.stats!),
  }));
}
