// Workload 3: least squares with an intercept in closed form, by us and every peer, each with its
// largest coefficient error against a float64 Householder-QR reference.
import { writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lib, type Regressor, type RegressorClass } from '../lib/ours.js';
import { fillRegression } from '../lib/data.js';
import { measureGroup, pairedRatio, statsOf, type GroupTask, type Stats } from '../lib/measure.js';
import { fmtMs, fmtSpread, section, sig, timeRatio, type Headline, type WorkloadResult } from '../lib/report.js';
import { maxCoefDiff, referenceFit } from '../lib/reference.js';
import { runPython, type PythonInfo } from '../lib/python.js';
import { linePlot } from '../lib/svg.js';
import type { Config } from '../lib/config.js';
import { plainNormalEquations } from '../peers/plain.js';
import { mlrData, mlrFit } from '../peers/mlr.js';
import { tensors, tf, tfNormalEquations, useBackend, type TfBackend } from '../peers/tf.js';

type Fit = { coef: ArrayLike<number>; intercept: number };
/** A table row; `paired` is t(row) ÷ t(reference row) from interleaved rounds (JS rows only). */
interface Row { name: string; stats?: Stats; paired?: number; error?: number; note?: string }
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

/** A row to be timed in the interleaved group, with the last fit it made (for the accuracy column). */
interface Candidate { task: GroupTask; last: () => Fit; dispose: () => void }

/**
 * Makes a candidate from `make` (untimed set-up) and one first call (the warm-up, timed as the
 * pilot). A set-up or first call that throws becomes a row that says so.
 */
async function candidate(
  name: string, make: () => Promise<{ fn: () => Fit; dispose?: () => void }> | { fn: () => Fit; dispose?: () => void },
  enter?: () => Promise<void>,
): Promise<Candidate | Row> {
  let made: { fn: () => Fit; dispose?: () => void } | undefined;
  try {
    await enter?.();
    made = await make();
    let fit = { coef: [], intercept: Number.NaN } as Fit;
    const t0 = performance.now();
    fit = made.fn();
    const pilot = performance.now() - t0;
    const { fn } = made;
    const task: GroupTask = { name, fn: () => { fit = fn(); }, enter, pilot };
    return { task, last: () => fit, dispose: made.dispose ?? (() => {}) };
  } catch (error) {
    made?.dispose?.();
    return { name, note: `could not run: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** Our fit as a function; each fitted estimator is disposed when the next one replaces it. */
function ourFit(LR: RegressorClass, p: Problem): { fn: () => Fit; dispose: () => void } {
  let last: Regressor | undefined;
  const fn = (): Fit => {
    const m = new LR({ fitIntercept: true });
    m.fit(p.X, p.y);
    last?.dispose?.();
    last = m;
    return { coef: m.coef, intercept: m.intercept };
  };
  return { fn, dispose: () => last?.dispose?.() };
}

export async function closedFormWorkload(cfg: Config, python: PythonInfo | undefined): Promise<WorkloadResult> {
  const LR = lib.LinearRegression as unknown as RegressorClass;
  const results: SizeResult[] = [];
  for (const [rows, cols] of cfg.closedSizes) results.push(await measureSize(cfg, LR, python, rows, cols));
  const sweep = await measureSweeps(cfg, LR);
  return report(cfg, LR, results, sweep, python);
}

async function candidates(cfg: Config, LR: RegressorClass, p: Problem): Promise<(Candidate | Row)[]> {
  // the peers' own copies: a view of wasm memory detaches when our fit grows it
  const Xd = Float64Array.from(p.X.data), yd = Float64Array.from(p.y.data);
  const list: (Candidate | Row)[] = [
    await candidate(OURS, () => ourFit(LR, p)),
    await candidate(PLAIN, () => ({ fn: () => plainNormalEquations(Xd, yd, p.rows, p.cols) })),
  ];
  const mlr = 'ml-regression-multivariate-linear';
  if (p.rows * p.cols > cfg.mlrMaxCells) list.push({ name: mlr, note: `skipped above ${cfg.mlrMaxCells} cells in this mode` });
  else list.push(await candidate(mlr, () => { const data = mlrData(Xd, yd, p.rows, p.cols); return { fn: () => mlrFit(data) }; }));
  for (const backend of ['cpu', 'wasm'] as const) {
    list.push(await candidate(`TensorFlow.js ${backend} (float32, XᵀX + Cholesky)`, () => {
      const data = tensors(Xd, yd, p.rows, p.cols); // on this backend, so no copies between runs
      return { fn: () => tfNormalEquations(data), dispose: () => tf.dispose([data.X, data.y]) };
    }, () => useBackend(backend)));
  }
  return list;
}

async function measureSize(
  cfg: Config, LR: RegressorClass, python: PythonInfo | undefined, rows: number, cols: number,
): Promise<SizeResult> {
  const p = makeProblem(rows, cols, true);
  const large = rows * cols >= 10_000_000;
  const list = await candidates(cfg, LR, p);
  try {
    const timed = list.filter((c): c is Candidate => 'task' in c);
    const group = await measureGroup(timed.map((c) => c.task), large ? cfg.slowBudget : cfg.budget, large ? Math.min(3, cfg.rounds) : cfg.rounds);
    const base = timed.findIndex((c) => c.task.name === OURS);
    const out: Row[] = list.map((c) => {
      if (!('task' in c)) return c;
      const k = timed.indexOf(c);
      return { name: c.task.name, stats: group.stats[k], paired: base < 0 ? undefined : pairedRatio(group, k, base), error: maxCoefDiff(c.last(), p.ref) };
    });
    out.push(...measureNumpy(cfg, p, python));
    return { rows, cols, list: out };
  } finally {
    for (const c of list) if ('task' in c) c.dispose();
    dispose(p);
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

async function measureSweeps(cfg: Config, LR: RegressorClass): Promise<Sweep[]> {
  const run = async (axis: Sweep['axis'], sizes: [number, number][]): Promise<Sweep> => {
    const points: Sweep['points'] = [];
    for (const [rows, cols] of sizes) {
      const p = makeProblem(rows, cols, false);
      const ours = ourFit(LR, p);
      try {
        const Xd = Float64Array.from(p.X.data), yd = Float64Array.from(p.y.data); // see candidates()
        const tasks: GroupTask[] = [{ name: PLAIN, fn: () => plainNormalEquations(Xd, yd, rows, cols) }, { name: OURS, fn: ours.fn }];
        const large = rows * cols >= 10_000_000;
        const group = await measureGroup(tasks, large ? cfg.slowBudget : cfg.budget, large ? Math.min(3, cfg.rounds) : cfg.rounds);
        points.push({ rows, cols, plain: group.stats[0], ours: group.stats[1] });
      } finally {
        ours.dispose();
        dispose(p);
      }
    }
    return { axis, points };
  };
  return [
    await run('rows', cfg.fitSweepRows.map((r): [number, number] => [r, cfg.fitSweepCols])),
    await run('cols', cfg.fitSweepFeatures.map((c): [number, number] => [cfg.fitSweepFeatureRows, c])),
  ];
}

function report(
  cfg: Config, LR: RegressorClass, results: SizeResult[], sweeps: Sweep[], py: PythonInfo | undefined,
): WorkloadResult {
  const s = section('closed', '3. Closed form: least squares with an intercept', [
    'Data: x_ij = (j mod 5) + N(0,1), y = 1.5 + x·β + 0.1·N(0,1), the same bits for every row (the Python rows read '
      + 'them from a file). Each implementation gets the data in its own input format, made before timing: our '
      + 'zero-copy Matrix, Float64Array, number[][] for ml-regression-multivariate-linear, a float32 tensor for tfjs. '
      + '"max |Δcoef|" is the largest difference in [intercept, coefficients] from a float64 Householder-QR reference '
      + '(bench/lib/reference.ts), so speed never hides inaccuracy.',
  ]);
  const refName = OURS;
  s.tables.push({
    columns: ['rows × features', 'implementation', 'median', 'spread', `ratio to ${refName}`, 'max |Δcoef| vs float64 ref'],
    rows: results.flatMap((r) => {
      const base = r.list.find((x) => x.name === refName)?.stats;
      return r.list.map((x) => [
        `${r.rows.toLocaleString('en-US')} × ${r.cols}`, x.name,
        x.stats ? fmtMs(x.stats.median) : x.note ?? '–',
        x.stats ? fmtSpread(x.stats) : '–',
        x.stats && base ? (x.name === refName ? 'reference' : ratioTo(x, refName, base)) : '–',
        x.error !== undefined ? x.error.toExponential(1) : '–',
      ]);
    }),
  });
  s.notes.push(
    `The JS rows of a size are timed interleaved (${cfg.rounds} rounds, 3 at a million rows; the order rotating) and their ratios are medians of round-by-round ratios; the numpy rows run in their own process afterwards, so their ratios are of medians.`,
    'ml-regression-multivariate-linear runs with { intercept: true, statistics: false } (coefficients only); it inverts XᵀX by SVD.',
    'TensorFlow.js has no least-squares solver: [1 X]ᵀ[1 X] and [1 X]ᵀy by matMul in float32, then a float64 Cholesky in JS.',
  );
  if (cfg.python) s.notes.push(py ? `numpy ${py.numpy} from ${py.exe}, one BLAS thread; the column of ones is added inside the timed call, as for every other row.` : 'numpy rows skipped: no python3 with numpy found.');
  s.plots.push(sweepPlot(sweeps[0], cfg.fitSweepCols), sweepPlot(sweeps[1], cfg.fitSweepFeatureRows));
  return { section: s, targets: [], headline: headlineOf(results) };
}

// Paired (interleaved) ratios for the JS rows; a ratio of medians for the Python rows.
function ratioTo(x: Row, refName: string, base: Stats): string {
  return x.paired === undefined ? timeRatio(x.name, x.stats!, refName, base) : `t(${x.name}) ÷ t(${refName}) = ${sig(x.paired)}×`;
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

function headlineOf(results: SizeResult[]): Headline[] {
  const last = results[results.length - 1];
  const workload = `closed-form fit (${last.rows.toLocaleString('en-US')} × ${last.cols}, intercept)`;
  const ours = last.list.find((x) => x.name === OURS)?.stats;
  if (!ours) return [{ workload, comparison: OURS, ratio: 'failed in this run' }];
  const key = /^(plain JS|ml-regression|TensorFlow.js wasm|numpy lstsq)/; // the README keeps to these
  return last.list.filter((x) => x.stats && key.test(x.name)).map((x) => {
    const r = x.paired ?? x.stats!.median / ours.median;
    return { workload, comparison: `${OURS} vs ${x.name}`, ratio: `${ratioTo(x, OURS, ours)} (${OURS} ${r >= 1 ? 'faster' : 'slower'})` };
  });
}
