// Workload 7 (issue 13.3): every core. fitParallel with 2 workers against LinearRegression.fit on
// one core and numpy's normal equations on every core (OpenBLAS threads), 10⁶ × 32 in memory,
// timed in the same interleaved rounds; plus fitParallel on 1 worker and the main thread's share
// (checking and copying X into the shared buffer), to show where the time goes.
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtModules } from '../../scripts/built-wasm.js';
import { lib } from '../lib/ours.js';
import { fillRegression } from '../lib/data.js';
import { statsOf, type Stats } from '../lib/measure.js';
import { fmtMs, fmtSpread, section, sig, status, type Headline, type Target, type WorkloadResult } from '../lib/report.js';
import { maxCoefDiff, referenceFit } from '../lib/reference.js';
import { startPythonWorker, type PythonInfo, type PythonWorker } from '../lib/python.js';
import type { Config } from '../lib/config.js';
import { closeParallel, fitParallel } from '../../src/parallel/index.js';
import { pack } from '../../src/parallel/pack.js';

type Fit = { coef: ArrayLike<number>; intercept: number };
interface Contender { name: string; time(samples: number): Promise<number[]>; fit?: Fit; note?: string }
interface Row { name: string; stats?: Stats; ratio?: number; error?: number; note?: string }

const PAR = 'fitParallel, 2 workers';
const PAR1 = 'fitParallel, 1 worker';
const ONE = 'LinearRegression.fit (one core)';
const PACK = "main thread's share: check + copy X, y into the SharedArrayBuffer";
const NUMPY = 'numpy normal equations';
const FIT_GOAL = 1.7;
const NUMPY_GOAL = 1;

const size = (rows: number, cols: number): string => `${rows.toLocaleString('en-US')} × ${cols}`;
const firstLine = (error: unknown): string => (error as Error).message.split('\n')[0];

/** A JS contender: `call` once per sample (async calls awaited inside the timing). */
function jsContender(name: string, call: () => Fit | Promise<Fit>): Contender {
  const c: Contender = {
    name,
    async time(samples) {
      const out: number[] = [];
      for (let i = 0; i < samples; i++) {
        const t0 = performance.now();
        c.fit = await call();
        out.push(performance.now() - t0);
      }
      return out;
    },
  };
  return c;
}

export async function parallelWorkload(cfg: Config, python: PythonInfo | undefined, log: (msg: string) => void = () => {}): Promise<WorkloadResult> {
  const [rows, cols] = cfg.mode === 'full' ? [1_000_000, 32] : [250_000, 32];
  const rounds = cfg.mode === 'full' ? 5 : 3, perRound = cfg.mode === 'full' ? 3 : 2;
  const wasm = builtModules();
  const X = lib.Matrix.alloc(rows, cols), y = lib.Vector.alloc(rows);
  const file = path.join(os.tmpdir(), `linreg-bench-parallel-${process.pid}.f64`);
  let worker: PythonWorker | undefined;
  let numpyName = `${NUMPY} (all ${os.availableParallelism()} cores)`;
  try {
    fillRegression(X.data, y.data, rows, cols);
    const ref = referenceFit(X.data, y.data, rows, cols);
    const list: Contender[] = [
      jsContender(PAR, async () => fitParallel(X, y, { workers: 2, wasm })),
      jsContender(ONE, () => new lib.LinearRegression().fit(X, y)),
      jsContender(PAR1, async () => fitParallel(X, y, { workers: 1, wasm })),
      jsContender(PACK, () => { pack(X, y, undefined, 2, true).done(); return { coef: [], intercept: Number.NaN }; }),
    ];
    if (cfg.python && python) {
      try {
        worker = startPythonWorker(python, 'parallel_numpy.py');
        const v = await worker.request<{ numpy: string; threads: [string, number][] | null; cores: number }>({ op: 'versions' });
        numpyName = `${NUMPY} ${v.numpy} (${v.threads?.map(([api, n]) => `${api} ${n} threads`).join(', ') ?? `${v.cores} threads`})`;
        writeFileSync(file, Buffer.from(X.data.buffer, X.data.byteOffset, X.data.byteLength));
        writeFileSync(file, Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength), { flag: 'a' });
        await worker.request({ op: 'load', data: file, rows, cols });
        rmSync(file, { force: true });
        const c = await worker.request<Fit>({ op: 'calibrate', warmMs: 100 });
        const w = worker;
        list.push({ name: numpyName, fit: c, time: async (samples) => (await w.request<{ samples: number[] }>({ op: 'time', batch: 1, samples })).samples });
      } catch (error) {
        list.push({ name: numpyName, note: `could not run: ${firstLine(error)}`, time: async () => [] });
      }
    } else list.push({ name: numpyName, note: 'not run: no python3 with numpy (or not in this mode)', time: async () => [] });
    const t0 = performance.now();
    for (const c of list) if (!c.note) await c.time(2); // warm-up: the pool starts, the shared buffer is touched once
    log(`  ${size(rows, cols)}: warmed up in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${rounds} rounds`);
    const samples: number[][] = list.map(() => []), medians: number[][] = [];
    for (let r = 0; r < rounds; r++) {
      const row = list.map(() => Number.NaN);
      for (const k of list.map((_, i) => (i + r) % list.length)) {
        if (list[k].note) continue;
        const s = await list[k].time(perRound);
        samples[k].push(...s);
        row[k] = statsOf(s).median;
      }
      medians.push(row);
    }
    const base = list.findIndex((c) => c.name === PAR);
    const ratioOf = (k: number) => {
      const rs = medians.map((m) => m[k] / m[base]).filter(Number.isFinite).sort((a, b) => a - b);
      return rs.length ? rs[Math.floor(rs.length / 2)] : Number.NaN;
    };
    const out: Row[] = list.map((c, k) => (c.note ? { name: c.name, note: c.note } : {
      name: c.name, stats: statsOf(samples[k]), ratio: ratioOf(k),
      error: c.fit && c.name !== PACK ? maxCoefDiff(c.fit, ref) : undefined,
    }));
    return report(rows, cols, rounds, perRound, out, numpyName);
  } finally {
    rmSync(file, { force: true });
    await worker?.close();
    await closeParallel();
    y.dispose();
    X.dispose();
  }
}

/** "t(peer) ÷ t(fitParallel, 2 workers) = 1.9× (fitParallel, 2 workers faster)". */
function versus(row: Row): string {
  const r = row.ratio!;
  return `t(${row.name}) ÷ t(${PAR}) = ${sig(r)}× (${PAR} ${r >= 1 ? 'faster' : 'slower'})`;
}

function report(rows: number, cols: number, rounds: number, perRound: number, list: Row[], numpyName: string): WorkloadResult {
  const s = section('parallel', '7. Every core: fitParallel', [
    `fitParallel(X, y, { workers }) from linreg-wasm/parallel on ${size(rows, cols)} with an intercept (the data of section 6), `
      + 'X a wasm Matrix: the main thread checks X and y and copies them into a SharedArrayBuffer kept between calls, '
      + 'each worker (worker_threads through tinypool, started once and reused) folds its contiguous block into the '
      + "mergeable state as partialFit does, and the states are merged pairwise. Against LinearRegression.fit on one core "
      + `and numpy's normal equations with OpenBLAS on every core. "${PACK}" is part of fitParallel's time, timed alone.`,
  ]);
  s.tables.push({
    columns: ['rows × features', 'implementation', 'median', 'spread', `ratio to ${PAR}`, 'max |Δcoef| vs float64 ref'],
    rows: list.map((x) => [
      size(rows, cols), x.name, x.stats ? fmtMs(x.stats.median) : x.note ?? '–', x.stats ? fmtSpread(x.stats) : '–',
      !x.stats || x.ratio === undefined ? '–' : x.name === PAR ? 'reference' : versus(x),
      x.error !== undefined ? x.error.toExponential(1) : '–',
    ]),
  });
  s.notes.push(
    `Every row is timed in the same ${rounds} rounds of ${perRound} calls, the order rotating, after two warm-up calls each (the first fitParallel starts the pool and touches the shared buffer); each ratio is the median of the round-by-round ratios. The Python row takes its turns in those rounds from a worker process (bench/python/parallel_numpy.py) that sets OPENBLAS_NUM_THREADS, OMP_NUM_THREADS and MKL_NUM_THREADS to the core count before numpy loads.`,
    'The machine has 2 logical cores, shared: 2 workers and the main thread, or OpenBLAS\'s 2 threads, compete with whatever else runs.',
  );
  const targets: Target[] = [], headline: Headline[] = [];
  const add = (pred: (name: string) => boolean, goal: number, what: string): void => {
    const row = list.find((x) => pred(x.name));
    const name = `every core ${size(rows, cols)}: ${PAR} vs ${what}`;
    if (!row?.stats || row.ratio === undefined) {
      targets.push({ name, measured: `not measured: ${row?.note ?? 'no such row'}`, goal: `≥ ${goal}×`, status: 'not measured' });
      return;
    }
    targets.push({ name, measured: versus(row), goal: `≥ ${goal}×`, status: status(row.ratio, goal) });
    headline.push({ workload: `every core (${size(rows, cols)}, intercept)`, comparison: `${PAR} vs ${row.name}`, ratio: versus(row) });
  };
  add((n) => n === ONE, FIT_GOAL, ONE);
  add((n) => n === numpyName, NUMPY_GOAL, `${NUMPY} on every core`);
  return { section: s, targets, headline };
}
