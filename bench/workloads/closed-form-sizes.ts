// Workload 6 (issue 11, part 6): the closed form by size. LinearRegression.fit and lstsq against
// plain JS, ml-regression-multivariate-linear, numpy (one thread) and scikit-learn from 10×3 to
// 10⁶×32, every contender of a size timed in the same interleaved rounds (the Python peers too, by
// a worker process that waits between its turns); plus what a rank-deficient fit costs.
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lib } from '../lib/ours.js';
import { fillRegression } from '../lib/data.js';
import {
  batchFor, calibrate, pairedRatio, runTask, statsOf, type Budget, type GroupResult, type Stats,
} from '../lib/measure.js';
import { fmtMs, fmtSpread, section, sig, status, type Headline, type Target, type WorkloadResult } from '../lib/report.js';
import { maxCoefDiff, referenceFit } from '../lib/reference.js';
import { startPythonWorker, type PythonInfo, type PythonWorker } from '../lib/python.js';
import { linePlot } from '../lib/svg.js';
import type { Config } from '../lib/config.js';
import { plainCentredNormalEquations } from '../peers/plain.js';
import { mlrData, mlrFit } from '../peers/mlr.js';

type Fit = { coef: ArrayLike<number>; intercept: number };

const OURS = 'LinearRegression.fit';
const LSTSQ = 'lstsq on [1 X]';
const PLAIN = 'plain JS centred normal equations + Cholesky';
const MLR = 'ml-regression-multivariate-linear';
/** The Python peers: worker name → row name (the versions are added when known). */
const PY_PEERS = [
  ['normal', 'numpy normal equations'],
  ['lstsq', 'numpy lstsq on [1 X]'],
  ['sklearn', 'scikit-learn LinearRegression'],
] as const;
const ONE_THREAD = '(1 thread)';

/** The goals of issue 11: t(plain JS) ÷ t(LinearRegression.fit) at least this, per size. */
const PLAIN_GOALS: [rows: number, cols: number, goal: number][] = [
  [10, 3, 1], [100, 5, 1], [1000, 10, 1], [10_000, 10, 1], [100_000, 10, 10], [1_000_000, 10, 10], [1_000_000, 32, 10],
];
const NUMPY_GOAL: [rows: number, cols: number, goal: number] = [1_000_000, 32, 1];
const RANK_GOAL = 3;
/**
 * Interleaved rounds below 10⁷ cells: at least this many, whatever the mode (quick has 2), so the
 * median of round-by-round ratios has something to take the median of; the budget stays the same,
 * spread over more, shorter turns.
 */
const MIN_ROUNDS = 5;

/** One timed contender: `time(n)` takes n samples of `batch` calls and returns them per call. */
interface Contender {
  name: string;
  perCall: number;
  batch: number;
  time(samples: number): Promise<number[]> | number[];
  fit?: Fit;
  rank?: number;
  failed?: string;
}
/** A table row; `paired` is t(row) ÷ t(base row), the median over interleaved rounds. */
interface Row { name: string; stats?: Stats; paired?: number; batch?: number; error?: number; rank?: number; note?: string }
interface SizeResult { rows: number; cols: number; list: Row[] }
/** What the Python worker runs: versions, and the thread pools threadpoolctl sees (API, threads). */
interface Versions { numpy: string; sklearn: string | null; threads: [string, number][] | null }

const size = (rows: number, cols: number): string => `${rows.toLocaleString('en-US')} × ${cols}`;
const firstLine = (error: unknown): string => (error as Error).message.split('\n')[0];

function roundsFor(cfg: Config, large: boolean): number {
  return large ? Math.min(3, cfg.rounds) : Math.max(MIN_ROUNDS, cfg.rounds);
}

/** The warm-up of one contender: long enough for the JIT at the small sizes, a call or two at the large. */
function warmMs(budget: Budget): number {
  return Math.min(100, Math.max(10, budget.ms / 3));
}

/** A JS contender: warmed up and calibrated here; a set-up or first call that throws becomes a row saying so. */
function jsContender(cfg: Config, budget: Budget, name: string, make: () => () => Fit & { rank?: number }): Contender | Row {
  try {
    const fn = make();
    let last: Fit & { rank?: number } = fn();
    const call = (): void => { last = fn(); };
    const { perCall } = calibrate(call, warmMs(budget));
    const batch = batchFor(perCall, cfg.minSampleMs);
    const task = { name, fn: call, batch };
    return {
      name, perCall, batch,
      time: (n: number) => runTask(task, n, perCall).samples,
      get fit() { return last; },
      get rank() { return last.rank; },
    };
  } catch (error) {
    return { name, note: `could not run: ${firstLine(error)}` };
  }
}

/** A Python contender: the worker warms it up and times it; its answers are checked like ours. */
async function pyContender(cfg: Config, budget: Budget, worker: PythonWorker, peer: string, name: string): Promise<Contender | Row> {
  try {
    const c = await worker.request<{ perCall: number; coef: number[]; intercept: number }>({ op: 'calibrate', peer, warmMs: warmMs(budget) });
    const batch = batchFor(c.perCall, cfg.minSampleMs);
    return {
      name, perCall: c.perCall, batch, fit: c,
      time: async (samples: number) => (await worker.request<{ samples: number[] }>({ op: 'time', peer, batch, samples })).samples,
    };
  } catch (error) {
    return { name, note: `could not run: ${firstLine(error)}` };
  }
}

/**
 * Times the contenders in `rounds` interleaved rounds, the order rotating, each getting about the
 * sample count its budget allows (at least one per round). A contender that throws mid-way is
 * dropped from the remaining rounds and reported as failed.
 */
async function interleave(list: Contender[], budget: Budget, rounds: number): Promise<GroupResult> {
  const perRound = list.map((c) => {
    const total = Math.min(budget.maxSamples, Math.max(budget.minSamples, budget.ms / (c.perCall * c.batch)));
    return Math.max(1, Math.round(total / rounds));
  });
  const samples: number[][] = list.map(() => []);
  const medians: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const row = list.map(() => Number.NaN);
    for (const k of list.map((_, i) => (i + r) % list.length)) {
      if (list[k].failed) continue;
      try {
        const s = await list[k].time(perRound[k]);
        samples[k].push(...s);
        row[k] = statsOf(s).median;
      } catch (error) {
        list[k].failed = `failed while timed: ${firstLine(error)}`;
      }
    }
    medians.push(row);
  }
  return { stats: samples.map((s) => (s.length ? statsOf(s) : statsOf([Number.NaN]))), rounds: medians };
}

/** The rows of one interleaved group, with ratios to `base` (the name of the reference row). */
function rowsOf(list: (Contender | Row)[], group: GroupResult, timed: Contender[], base: string, ref?: Fit): Row[] {
  const b = timed.findIndex((c) => c.name === base && !c.failed);
  return list.map((c) => {
    if (!('time' in c)) return c;
    if (c.failed) return { name: c.name, note: c.failed };
    const k = timed.indexOf(c);
    return {
      name: c.name, stats: group.stats[k], batch: c.batch, rank: c.rank,
      paired: b < 0 ? undefined : pairedRatio(group, k, b),
      error: ref && c.fit ? maxCoefDiff(c.fit, ref) : undefined,
    };
  });
}

export async function closedFormSizesWorkload(
  cfg: Config, python: PythonInfo | undefined, log: (msg: string) => void = () => {},
): Promise<WorkloadResult> {
  let worker: PythonWorker | undefined;
  let versions: Versions | undefined;
  let pyNote: string | undefined;
  if (cfg.python && python) {
    try {
      worker = startPythonWorker(python, 'closed_form_sizes.py');
      versions = await worker.request<Versions>({ op: 'versions' });
    } catch (error) {
      pyNote = `Python rows skipped: the worker did not start (${firstLine(error)}).`;
      await worker?.close();
      worker = undefined;
    }
  } else if (cfg.python) pyNote = 'Python rows skipped: no python3 with numpy found (tried /usr/bin/python3, python3).';
  try {
    const results: SizeResult[] = [];
    for (const [rows, cols] of cfg.sizeSeries) {
      const t0 = performance.now();
      results.push(await measureSize(cfg, worker, versions, rows, cols, log));
      log(`  ${size(rows, cols)} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const t0 = performance.now();
    const rank = await measureRankPair(cfg, cfg.rankPairSize);
    log(`  rank pair ${cfg.rankPairSize} × ${cfg.rankPairSize} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return report(cfg, results, rank, versions, pyNote);
  } finally {
    await worker?.close();
  }
}

function pyName(base: string, peer: string, versions: Versions | undefined): string {
  const v = peer === 'sklearn' ? versions?.sklearn : versions?.numpy;
  return `${base}${v ? ` ${v}` : ''} ${ONE_THREAD}`;
}

async function measureSize(
  cfg: Config, worker: PythonWorker | undefined, versions: Versions | undefined,
  rows: number, cols: number, log: (msg: string) => void,
): Promise<SizeResult> {
  const large = rows * cols >= 10_000_000;
  const budget = large ? cfg.slowBudget : cfg.budget;
  const rounds = roundsFor(cfg, large);
  const X = lib.Matrix.alloc(rows, cols);
  const y = lib.Vector.alloc(rows);
  const A = lib.Matrix.alloc(rows, cols + 1); // [1 X] for lstsq, filled before timing
  const file = path.join(os.tmpdir(), `linreg-bench-sizes-${process.pid}-${rows}x${cols}.f64`);
  const t0 = performance.now();
  try {
    fillRegression(X.data, y.data, rows, cols);
    const xd = X.data, ad = A.data;
    for (let i = 0; i < rows; i++) {
      ad[i * (cols + 1)] = 1;
      ad.set(xd.subarray(i * cols, (i + 1) * cols), i * (cols + 1) + 1);
    }
    const ref = referenceFit(X.data, y.data, rows, cols);
    // Plain JS and ml-regression get their own copies (a JS Float64Array, number[][]): wasm memory
    // may grow while our rows run, which detaches views of it.
    const Xp = X.data.slice(), yp = y.data.slice();
    const list: (Contender | Row)[] = [
      jsContender(cfg, budget, OURS, () => () => {
        const m = new lib.LinearRegression().fit(X, y);
        return { coef: m.coef, intercept: m.intercept, rank: m.rank };
      }),
      jsContender(cfg, budget, LSTSQ, () => () => {
        const { x, rank } = lib.lstsq(A, y);
        return { coef: x.subarray(1), intercept: x[0], rank };
      }),
      jsContender(cfg, budget, PLAIN, () => () => plainCentredNormalEquations(Xp, yp, rows, cols)),
    ];
    if (rows * cols > cfg.mlrMaxCells) list.push({ name: MLR, note: `skipped above ${cfg.mlrMaxCells.toLocaleString('en-US')} cells in this mode` });
    else list.push(jsContender(cfg, budget, MLR, () => { const data = mlrData(Xp, yp, rows, cols); return () => mlrFit(data); }));
    if (worker) {
      writeFileSync(file, Buffer.from(X.data.buffer, X.data.byteOffset, X.data.byteLength));
      writeFileSync(file, Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength), { flag: 'a' });
      let loaded: string | undefined;
      try {
        await worker.request({ op: 'load', data: file, rows, cols });
      } catch (error) {
        loaded = `could not run: ${firstLine(error)}`;
      }
      rmSync(file, { force: true });
      for (const [peer, base] of PY_PEERS) {
        const name = pyName(base, peer, versions);
        list.push(loaded ? { name, note: loaded } : await pyContender(cfg, budget, worker, peer, name));
      }
    }
    const timed = list.filter((c): c is Contender => 'time' in c);
    log(`  ${size(rows, cols)}: set up and warmed up in ${((performance.now() - t0) / 1000).toFixed(1)} s; timing ${timed.length} contenders`);
    const group = await interleave(timed, budget, rounds);
    return { rows, cols, list: rowsOf(list, group, timed, OURS, ref) };
  } finally {
    rmSync(file, { force: true });
    A.dispose();
    y.dispose();
    X.dispose();
  }
}

interface RankResult { n: number; list: Row[] }

const FIT_FULL = 'LinearRegression.fit, full rank';
const FIT_DEF = 'LinearRegression.fit, one column duplicated';
const LSTSQ_FULL = 'lstsq, full rank';
const LSTSQ_DEF = 'lstsq, one column duplicated';

/**
 * n × n without an intercept (with one, a centred n × n X has rank at most n − 1 whatever the
 * data, so "full rank" would not be): the generated X, and the same X with its last column
 * replaced by a copy of its first (rank n − 1). Ours against ours, interleaved.
 */
async function measureRankPair(cfg: Config, n: number): Promise<RankResult> {
  const budget = cfg.budget;
  const X = lib.Matrix.alloc(n, n);
  const D = lib.Matrix.alloc(n, n);
  const y = lib.Vector.alloc(n);
  try {
    fillRegression(X.data, y.data, n, n);
    const d = D.data;
    d.set(X.data);
    for (let i = 0; i < n; i++) d[i * n + n - 1] = d[i * n];
    const fit = (M: lib.Matrix) => () => () => {
      const m = new lib.LinearRegression({ fitIntercept: false }).fit(M, y);
      return { coef: m.coef, intercept: m.intercept, rank: m.rank };
    };
    const solve = (M: lib.Matrix) => () => () => {
      const { x, rank } = lib.lstsq(M, y);
      return { coef: x, intercept: 0, rank };
    };
    const list = [
      jsContender(cfg, budget, FIT_FULL, fit(X)), jsContender(cfg, budget, FIT_DEF, fit(D)),
      jsContender(cfg, budget, LSTSQ_FULL, solve(X)), jsContender(cfg, budget, LSTSQ_DEF, solve(D)),
    ];
    const timed = list.filter((c): c is Contender => 'time' in c);
    const group = await interleave(timed, budget, roundsFor(cfg, false));
    return { n, list: rowsOf(list, group, timed, FIT_FULL) };
  } finally {
    y.dispose();
    D.dispose();
    X.dispose();
  }
}

/** "t(peer) ÷ t(ours) = 0.56× (ours slower)" from a row's paired ratio t(row) ÷ t(ours). */
function versus(ours: string, row: Row): string {
  const r = row.paired!;
  return `t(${row.name}) ÷ t(${ours}) = ${sig(r)}× (${ours} ${r >= 1 ? 'faster' : 'slower'})`;
}

function report(
  cfg: Config, results: SizeResult[], rank: RankResult,
  versions: Versions | undefined, pyNote: string | undefined,
): WorkloadResult {
  const s = section('sizes', '6. Closed form by size', [
    'Least squares with an intercept from 10 × 3 to 1,000,000 × 32, well conditioned: x_ij = (j mod 5) + N(0,1), '
      + 'y = 1.5 + x·β + 0.1·N(0,1) (bench/lib/data.ts), the same bits for every row. Ours: `new LinearRegression().fit(X, y)` '
      + 'on a zero-copy Matrix and Vector, and `lstsq` on a zero-copy Matrix [1 X] made before timing. Plain JS: two passes '
      + '(means, then the centred XᵀX and Xᵀy), Cholesky, two triangular solves, on its own Float64Array. numpy normal '
      + 'equations: [1 X]ᵀ[1 X] bordered from X.T @ X (syrk) and the column sums, no copy of X, then np.linalg.solve; '
      + 'numpy lstsq on [1 X] made before timing; scikit-learn `LinearRegression().fit(X, y)`. '
      + '"max |Δcoef|" is the largest difference in [intercept, coefficients] from the float64 Householder-QR reference.',
  ]);
  s.tables.push({
    columns: ['rows × features', 'implementation', 'median', 'spread', 'calls/sample', `ratio to ${OURS}`, 'max |Δcoef| vs float64 ref'],
    rows: results.flatMap((r) => r.list.map((x) => [
      size(r.rows, r.cols), x.name,
      x.stats ? fmtMs(x.stats.median) : x.note ?? '–',
      x.stats ? fmtSpread(x.stats) : '–',
      x.batch !== undefined ? String(x.batch) : '–',
      !x.stats || x.paired === undefined ? '–' : x.name === OURS ? 'reference' : versus(OURS, x),
      x.error !== undefined ? x.error.toExponential(1) : '–',
    ])),
  });
  const fullName = rankName(rank, FIT_FULL);
  s.tables.push({
    caption: `Rank-deficient against full rank: ${rank.n} × ${rank.n}, no intercept (with one, a centred ${rank.n} × ${rank.n} X has rank ${rank.n - 1} at most, so none would be full rank); the deficient X is the same with its last column a copy of its first.`,
    columns: ['implementation', 'rank found', 'median', 'spread', 'calls/sample', `ratio to ${FIT_FULL}`],
    rows: rank.list.map((x) => [
      x.name, x.rank !== undefined ? String(x.rank) : '–',
      x.stats ? fmtMs(x.stats.median) : x.note ?? '–',
      x.stats ? fmtSpread(x.stats) : '–',
      x.batch !== undefined ? String(x.batch) : '–',
      !x.stats || x.paired === undefined ? '–' : x.name === FIT_FULL ? 'reference' : `t(${rankName(rank, x.name)}) ÷ t(${fullName}) = ${sig(x.paired)}×`,
    ]),
  });
  s.notes.push(
    `Every row of a size is timed in the same ${roundsFor(cfg, false)} rounds (${roundsFor(cfg, true)} at 10⁷ cells and more), the order rotating, and each ratio is the median of the round-by-round ratios, so a load that comes and goes on a shared machine hits both sides alike. The Python rows take their turns in those rounds too: a worker process (bench/python/closed_form_sizes.py) that waits on its stdin while the JS rows run.`,
    `Calls shorter than ${cfg.minSampleMs} ms are timed several to a sample ("calls/sample"), after a warm-up of ${warmMs(cfg.budget)} ms, and reported per call, in JS and in Python alike, so the timer and the harness do not weigh on microsecond fits.`,
    `ml-regression-multivariate-linear runs with { intercept: true, statistics: false } on number[][]; skipped above ${cfg.mlrMaxCells.toLocaleString('en-US')} cells.`,
  );
  if (versions) {
    const threads = versions.threads?.map(([api, n]) => `${api} ${n}`).join(', ');
    s.notes.push(`numpy ${versions.numpy}${versions.sklearn ? `, scikit-learn ${versions.sklearn}` : ' (no scikit-learn)'} on ONE thread: the worker runs with OPENBLAS_NUM_THREADS=1, OMP_NUM_THREADS=1 and MKL_NUM_THREADS=1${threads ? ` (threadpoolctl reports ${threads})` : ''}, as our library and every JS row use one core.`);
  } else if (pyNote) s.notes.push(pyNote);
  s.plots.push(sizePlot(results));
  return { section: s, targets: targetsOf(results, rank), headline: headlineOf(results, rank) };
}

/** "LinearRegression.fit, one column duplicated (rank 99)": the rank our fit found, in the name. */
function rankName(rank: RankResult, name: string): string {
  const r = rank.list.find((x) => x.name === name)?.rank;
  return r === undefined ? name : `${name} (rank ${r})`;
}

function targetsOf(results: SizeResult[], rank: RankResult): Target[] {
  const targets: Target[] = [];
  const pick = (rows: number, cols: number) => results.find((r) => r.rows === rows && r.cols === cols);
  const vs = (r: SizeResult, peer: (name: string) => boolean, goal: number, what: string): Target => {
    const ours = r.list.find((x) => x.name === OURS);
    const row = r.list.find((x) => peer(x.name));
    const name = `closed form by size ${size(r.rows, r.cols)}: ${OURS} vs ${what}`;
    if (!ours?.stats || !row?.stats || row.paired === undefined) {
      return { name, measured: `not measured: ${ours?.note ?? row?.note ?? 'no such row'}`, goal: `≥ ${goal}×`, status: 'not measured' };
    }
    return { name, measured: versus(OURS, row), goal: `≥ ${goal}×`, status: status(row.paired, goal) };
  };
  for (const [rows, cols, goal] of PLAIN_GOALS) {
    const r = pick(rows, cols);
    if (r) targets.push(vs(r, (n) => n === PLAIN, goal, 'plain JS'));
  }
  const big = pick(NUMPY_GOAL[0], NUMPY_GOAL[1]);
  if (big && big.list.some((x) => x.name.startsWith('numpy'))) {
    targets.push(vs(big, (n) => n.startsWith('numpy normal equations'), NUMPY_GOAL[2], `numpy normal equations ${ONE_THREAD}`));
  }
  const def = rank.list.find((x) => x.name === FIT_DEF);
  const name = `rank-deficient fit ${rank.n} × ${rank.n} (no intercept) vs the full-rank one`;
  if (def?.stats && def.paired !== undefined) {
    targets.push({
      name, measured: `t(${rankName(rank, FIT_DEF)}) ÷ t(${rankName(rank, FIT_FULL)}) = ${sig(def.paired)}×`,
      goal: `≤ ${RANK_GOAL}×`, status: status(def.paired, RANK_GOAL, false),
    });
  } else targets.push({ name, measured: `not measured: ${def?.note ?? 'failed'}`, goal: `≤ ${RANK_GOAL}×`, status: 'not measured' });
  return targets;
}

/** README rows: the smallest size against plain JS, the largest against numpy and scikit-learn, the rank pair (the targets table has every size against plain JS). */
function headlineOf(results: SizeResult[], rank: RankResult): Headline[] {
  const out: Headline[] = [];
  const add = (r: SizeResult | undefined, peer: (name: string) => boolean): void => {
    if (!r) return;
    const row = r.list.find((x) => peer(x.name));
    if (!row?.stats || row.paired === undefined) return;
    out.push({ workload: `closed form by size (${size(r.rows, r.cols)}, intercept)`, comparison: `${OURS} vs ${row.name}`, ratio: versus(OURS, row) });
  };
  const last = results[results.length - 1];
  add(results[0], (n) => n === PLAIN);
  add(last, (n) => n.startsWith('numpy normal equations'));
  add(last, (n) => n.startsWith('scikit-learn'));
  const def = rank.list.find((x) => x.name === FIT_DEF);
  if (def?.stats && def.paired !== undefined) {
    out.push({
      workload: `rank-deficient fit (${rank.n} × ${rank.n}, one column duplicated, no intercept)`,
      comparison: `${OURS} rank-deficient vs full rank`,
      ratio: `t(${rankName(rank, FIT_DEF)}) ÷ t(${rankName(rank, FIT_FULL)}) = ${sig(def.paired)}×`,
    });
  }
  return out;
}

function sizePlot(results: SizeResult[]) {
  const names = [...new Set(results.flatMap((r) => r.list.map((x) => x.name)))];
  return {
    name: 'fit-by-size.svg',
    title: 'Closed-form fit by size: time per fit vs rows × features',
    svg: linePlot({
      title: 'Closed-form fit with intercept, by size',
      xLabel: 'rows × features', yLabel: 'median time per fit',
      series: names.map((name) => ({
        name,
        points: results.flatMap((r) => {
          const x = r.list.find((row) => row.name === name);
          return x?.stats ? [[r.rows * r.cols, x.stats.median] as [number, number]] : [];
        }),
      })),
    }),
  };
}
