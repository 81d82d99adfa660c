// Workload 5b: peak resident memory of one closed-form fit, each library in its own fresh process,
// against the size of the data (float64 X and y).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillRegression } from '../lib/data.js';
import { ONE_THREAD, type PythonInfo } from '../lib/python.js';
import { fmtBytes, ratioText, section, sig, status, type Target, type WorkloadResult } from '../lib/report.js';
import type { Config } from '../lib/config.js';

interface Result { name: string; baseline?: number; peak?: number; note?: string }

const CHILD = fileURLToPath(new URL('../children/fit-rss.ts', import.meta.url));
const PY = fileURLToPath(new URL('../python/fit_rss.py', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OURS = 'linreg-wasm LinearRegression.fit';
const GOAL = 1.15;

function parse(out: string): { baselineBytes?: number; peakBytes?: number; error?: string } {
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

function jsChild(impl: string, name: string, rows: number, cols: number): Result {
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, impl, String(rows), String(cols)], {
      cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000,
    });
    const r = parse(out);
    return { name, baseline: r.baselineBytes, peak: r.peakBytes };
  } catch (error) {
    const out = (error as { stdout?: string }).stdout;
    const message = out ? parse(out).error : undefined;
    return { name, note: `could not run: ${message ?? (error as Error).message.split('\n')[0]}` };
  }
}

function pythonChildren(py: PythonInfo | undefined, rows: number, cols: number): Result[] {
  const names: [string, string][] = [['normal', 'numpy normal equations'], ['lstsq', 'numpy lstsq']];
  if (!py) return names.map(([, name]) => ({ name, note: 'skipped: no python3 with numpy found' }));
  const file = path.join(os.tmpdir(), `linreg-bench-rss-${process.pid}.f64`);
  const X = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  fillRegression(X, y, rows, cols);
  writeFileSync(file, Buffer.from(X.buffer));
  writeFileSync(file, Buffer.from(y.buffer), { flag: 'a' });
  try {
    return names.map(([method, name]) => {
      try {
        const out = execFileSync(py.exe, [PY, JSON.stringify({ data: file, rows, cols, method })], {
          encoding: 'utf8', env: { ...process.env, ...ONE_THREAD }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000,
        });
        const r = parse(out);
        return { name, baseline: r.baselineBytes, peak: r.peakBytes };
      } catch (error) {
        return { name, note: `could not run: ${(error as Error).message.split('\n')[0]}` };
      }
    });
  } finally {
    rmSync(file, { force: true });
  }
}

export function memoryWorkload(cfg: Config, python: PythonInfo | undefined): WorkloadResult {
  const [rows, cols] = cfg.rssSize;
  const data = (rows * cols + rows) * 8;
  const results: Result[] = [
    jsChild('ours', OURS, rows, cols),
    jsChild('plain', 'plain JS normal equations', rows, cols),
    jsChild('mlr', 'ml-regression-multivariate-linear', rows, cols),
    jsChild('tfjs-cpu', 'TensorFlow.js cpu (float32)', rows, cols),
    jsChild('tfjs-wasm', 'TensorFlow.js wasm (float32)', rows, cols),
    ...(cfg.python ? pythonChildren(python, rows, cols) : []),
  ];
  const size = `${rows.toLocaleString('en-US')} × ${cols}`;
  const s = section('memory', `5b. Peak memory of one ${size} fit`, [
    `Each row is a fresh process that imports its library, initialises it, makes the data in the library's own input format, `
      + `fits once with an intercept and reports its peak RSS (VmHWM from /proc/self/status: the peak of its own memory map). "baseline" is the process's RSS after `
      + `imports and init, before the data; "extra" = peak − baseline, compared with the data: X and y as float64, ${fmtBytes(data)}.`,
  ]);
  const extra = (r: Result): number => (r.peak ?? Number.NaN) - (r.baseline ?? Number.NaN);
  s.tables.push({
    columns: ['implementation', 'baseline RSS', 'peak RSS', 'extra (peak − baseline)', 'extra ÷ data'],
    rows: results.map((r) => r.peak === undefined
      ? [r.name, r.note ?? '–', '–', '–', '–']
      : [r.name, fmtBytes(r.baseline!), fmtBytes(r.peak), fmtBytes(extra(r)), ratioText('extra', extra(r), 'data', data)]),
  });
  s.notes.push(
    'JS children run under tsx (its loader is part of every baseline); TensorFlow.js keeps float32 tensors (half the bytes) but its input is built in a Float32Array first; ml-regression-multivariate-linear takes number[][].',
    'numpy reads the same data from a raw float64 file; its baseline is after `import numpy`.',
  );
  const ours = results[0];
  const oursRatio = extra(ours) / data;
  const targets: Target[] = [{
    name: `closed-form fit ${size}: peak extra memory vs data`,
    measured: ours.peak === undefined ? `not measured: ${ours.note}` : ratioText(`extra(${OURS})`, extra(ours), 'data', data),
    goal: `≤ ${GOAL}×`,
    status: status(oursRatio, GOAL, false),
  }];
  const key = /^(plain JS|ml-regression|numpy lstsq)/; // the README keeps to these
  const headline = ours.peak === undefined ? [] : results.slice(1).filter((r) => r.peak !== undefined && key.test(r.name)).map((r) => ({
    workload: `peak memory of a ${size} fit`, comparison: `linreg-wasm vs ${r.name}`,
    ratio: `${ratioText(`extra(${r.name})`, extra(r), 'extra(linreg-wasm)', extra(ours))} (${sig(oursRatio)}× vs ${sig(extra(r) / data)}× the data)`,
  }));
  return { section: s, targets, headline };
}
