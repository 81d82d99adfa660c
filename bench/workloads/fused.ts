// Workload 2: one fused loss+gradient pass over a zero-copy Matrix, as bandwidth, against the
// machine's read-only ceiling measured on the same buffer in the same run (the readSum kernel).
import { lib, type Kernels } from '../lib/ours.js';
import { fillRegression, trueCoef } from '../lib/data.js';
import { measureGroup, pairedRatio, type GroupTask, type Stats } from '../lib/measure.js';
import {
  fmtMs, fmtSpread, ratioText, section, sig, speedup, status, timeRatio, type Target, type WorkloadResult,
} from '../lib/report.js';
import { linePlot } from '../lib/svg.js';
import type { Config } from '../lib/config.js';
import { plainLossGrad } from '../peers/plain.js';
import { tensors, tf, tfLossGrad, useBackend } from '../peers/tf.js';

interface SizeResult {
  rows: number; cols: number;
  ceiling: Stats; ours: Stats; plain: Stats; tfjs?: Stats; tfNote?: string;
  /** Paired (round by round) ratios: t(read-only) ÷ t(ours) and t(plain) ÷ t(ours). */
  ofCeiling: number; vsPlain: number; vsTf: number;
}

const OURS = 'sseLoss';
const CEILING = 'read-only pass';

export async function fusedWorkload(cfg: Config, kernels: Kernels): Promise<WorkloadResult> {
  const sizes = uniqueSizes([
    ...cfg.fusedRows.map((r): [number, number] => [r, cfg.fusedCols]),
    ...cfg.fusedFeatures.map((c): [number, number] => [cfg.fusedFeatureRows, c]),
  ]);
  const results: SizeResult[] = [];
  for (const [rows, cols] of sizes) results.push(await measureSize(cfg, kernels, rows, cols));
  return report(cfg, results);
}

async function measureSize(cfg: Config, kernels: Kernels, rows: number, cols: number): Promise<SizeResult> {
  const X = lib.Matrix.alloc(rows, cols);
  const y = lib.Vector.alloc(rows);
  fillRegression(X.data, y.data, rows, cols);
  const w = Array.from(trueCoef(cols).coef, (v) => v * 0.5);
  const model = new lib.LinearModel(cols, { weight: w, bias: 0.25 });
  const budget = rows * cols >= 32_000_000 ? cfg.slowBudget : cfg.budget;
  const tfData = await tfTask(Array.from(w), X.data, y.data, rows, cols);
  try {
    const n = rows * cols;
    const Xd = X.data, yd = y.data; // memory does not grow while these run
    const p = new Float64Array([...w, 0.25]);
    const g = new Float64Array(cols + 1);
    const tasks: GroupTask[] = [
      { name: CEILING, fn: () => kernels.readSum(X.ptr, n) },
      { name: OURS, fn: () => lib.sseLoss(model, X, y) },
      { name: 'plain', fn: () => plainLossGrad(Xd, yd, rows, cols, p, g) },
    ];
    if (tfData.task) tasks.push(tfData.task);
    const group = await measureGroup(tasks, budget, cfg.rounds);
    const [ceiling, ours, plain, tfjs] = group.stats;
    return {
      rows, cols, ceiling, ours, plain, tfjs, tfNote: tfData.note,
      ofCeiling: pairedRatio(group, 0, 1), vsPlain: pairedRatio(group, 2, 1),
      vsTf: tfData.task ? pairedRatio(group, 3, 1) : Number.NaN,
    };
  } finally {
    tfData.dispose();
    model.dispose(); X.dispose(); y.dispose();
  }
}

/** The tfjs wasm pass as a group task (float32 copies of the data, made untimed), or why it can't run. */
async function tfTask(w: number[], X: Float64Array, y: Float64Array, rows: number, cols: number) {
  try {
    await useBackend('wasm');
    const data = tensors(X, y, rows, cols);
    const wt = tf.tensor2d(w, [cols, 1]);
    const bt = tf.scalar(0.25);
    const task: GroupTask = { name: 'tfjs', fn: () => tfLossGrad(data, wt, bt), enter: () => useBackend('wasm') };
    return { task, note: undefined, dispose: () => tf.dispose([data.X, data.y, wt, bt]) };
  } catch (error) {
    return { task: undefined, note: `could not run: ${(error as Error).message}`, dispose: () => {} };
  }
}

// Ratios of tasks timed together are medians of their round-by-round ratios (bench/lib/measure.ts).
function ceilingText(r: SizeResult): string {
  return `GB/s(${OURS}) ÷ GB/s(${CEILING}) = ${sig(r.ofCeiling)}`;
}

function plainText(r: SizeResult): string {
  return `t(plain JS) ÷ t(${OURS}) = ${sig(r.vsPlain)}×`;
}

function gbps(rows: number, cols: number, bytesPer: number, s: Stats): number {
  return (rows * cols * bytesPer) / (s.median * 1e6);
}

function report(cfg: Config, results: SizeResult[]): WorkloadResult {
  const s = section('fused', '2. Fused loss + gradient pass over a zero-copy Matrix', [
    'One call computes residuals, the SSE and its gradient (Σ rᵢxᵢ, Σ rᵢ) in one pass over X (row-major, in wasm '
      + `memory, filled in place). "${CEILING}" is the readSum kernel reading the same buffer once (Σ of every f64 `
      + 'with four SIMD accumulators): the single-core memory-read ceiling of this machine, measured in this run. '
      + 'GB/s counts the bytes of X only (10⁹ B/s).',
  ]);
  s.tables.push({
    columns: ['rows × features', 'implementation', 'median', 'spread', 'GB/s of X', 'ratio'],
    rows: results.flatMap((r) => {
      const size = `${r.rows.toLocaleString('en-US')} × ${r.cols}`;
      const rowsOut = [
        [size, `${CEILING} (readSum, ceiling)`, fmtMs(r.ceiling.median), fmtSpread(r.ceiling), sig(gbps(r.rows, r.cols, 8, r.ceiling)), 'ceiling'],
        [size, `${OURS} (fused, zero-copy)`, fmtMs(r.ours.median), fmtSpread(r.ours), sig(gbps(r.rows, r.cols, 8, r.ours)),
          `${ceilingText(r)} of the ceiling`],
        [size, 'plain JS (Float64Array, same buffer)', fmtMs(r.plain.median), fmtSpread(r.plain), sig(gbps(r.rows, r.cols, 8, r.plain)),
          plainText(r)],
      ];
      rowsOut.push(r.tfjs
        ? [size, 'TensorFlow.js wasm (float32)', fmtMs(r.tfjs.median), fmtSpread(r.tfjs), sig(gbps(r.rows, r.cols, 4, r.tfjs)),
          `t(tfjs wasm) ÷ t(${OURS}) = ${sig(r.vsTf)}×`]
        : [size, 'TensorFlow.js wasm (float32)', r.tfNote ?? '–', '–', '–', '–']);
      return rowsOut;
    }),
  });
  s.notes.push(
    'The fused pass also reads y (1/features of X\'s bytes), which the GB/s column does not count: the ratio to the ceiling slightly understates it.',
    'TensorFlow.js holds float32 (half the bytes of X; its GB/s counts its own 4-byte values) and needs two matMuls (X·w, then Xᵀr), so it reads X twice. Copying the data into tfjs is not timed.',
    `${OURS} is the public API (validation and all), not the bare kernel.`,
    `All four rows of a size are timed interleaved (${cfg.rounds} rounds, the order rotating) and every ratio is the median of the round-by-round ratios, so load from other processes on a shared machine hits both sides of a ratio alike. A share of the ceiling above 1 means the ceiling run was disturbed more than the fused one.`,
  );
  s.plots.push(plotBy(results, 'rows', cfg.fusedCols), plotBy(results, 'cols', cfg.fusedFeatureRows));
  return { section: s, ...targetsOf(cfg, results) };
}

function plotBy(results: SizeResult[], axis: 'rows' | 'cols', fixed: number) {
  const pick = results.filter((r) => (axis === 'rows' ? r.cols === fixed : r.rows === fixed));
  const series = (name: string, get: (r: SizeResult) => Stats | undefined) => ({
    name, points: pick.flatMap((r): [number, number][] => { const st = get(r); return st ? [[r[axis], st.median]] : []; }),
  });
  const byRows = axis === 'rows';
  return {
    name: byRows ? 'fused-vs-rows.svg' : 'fused-vs-features.svg',
    title: byRows ? `Fused pass: time vs rows (${fixed} features)` : `Fused pass: time vs features (${fixed.toLocaleString('en-US')} rows)`,
    svg: linePlot({
      title: byRows ? `Fused loss+gradient pass, ${fixed} features` : `Fused loss+gradient pass, ${fixed.toLocaleString('en-US')} rows`,
      xLabel: byRows ? 'rows' : 'features', yLabel: 'median time per pass',
      series: [
        series(`${OURS} (fused)`, (r) => r.ours), series('plain JS', (r) => r.plain),
        series('tfjs wasm (f32)', (r) => r.tfjs), series(`${CEILING} (ceiling)`, (r) => r.ceiling),
      ],
    }),
  };
}

function targetsOf(cfg: Config, results: SizeResult[]): { targets: Target[]; headline: WorkloadResult['headline'] } {
  const rows = Math.max(...cfg.fusedRows);
  const r = results.find((x) => x.rows === rows && x.cols === cfg.fusedCols)!;
  const size = `${rows.toLocaleString('en-US')} × ${cfg.fusedCols}`;
  const frac = r.ofCeiling;
  const fracText = ceilingText(r);
  const targets: Target[] = [
    { name: `fused pass ${size}: share of the memory-read ceiling`, measured: fracText, goal: '≥ 0.8 (now)', status: status(frac, 0.8) },
    { name: `fused pass ${size}: share of the memory-read ceiling (later)`, measured: fracText, goal: '≥ 0.9 (later)', status: status(frac, 0.9) },
    { name: `fused pass ${size}: ${OURS} vs plain JS`, measured: plainText(r), goal: '≥ 5×', status: status(r.vsPlain, 5) },
  ];
  const workload = `fused loss+grad pass (${size})`;
  const headline = [
    { workload, comparison: `${OURS} vs the read-only ceiling`, ratio: `${fracText} of the ceiling` },
    { workload, comparison: `${OURS} vs plain JS`, ratio: `${plainText(r)} (${OURS} ${r.vsPlain >= 1 ? 'faster' : 'slower'})` },
  ];
  if (r.tfjs) headline.push({ workload, comparison: `${OURS} vs tfjs wasm (f32)`, ratio: `t(tfjs wasm) ÷ t(${OURS}) = ${sig(r.vsTf)}× (${OURS} ${r.vsTf >= 1 ? 'faster' : 'slower'})` });
  return { targets, headline };
}

function uniqueSizes(sizes: [number, number][]): [number, number][] {
  const seen = new Set<string>();
  return sizes.filter(([r, c]) => !seen.has(`${r}x${c}`) && seen.add(`${r}x${c}`));
}
