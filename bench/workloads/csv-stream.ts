// Workload 8: fitting a CSV costs little beyond parsing it. On a generated 10⁶ × 11 numeric CSV
// file: (a) csvFile(path) alone, every chunk's values read (summed), against (b) fitStream over the
// same csvFile, in interleaved rounds; the target is t(b) ÷ t(a) ≤ 1.2. Also exports the CSV
// generator the CSV benchmarks share (csv-parallel.ts, scripts/memory-csv.ts).
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lib } from '../lib/ours.js';
import { statsOf, type Stats } from '../lib/measure.js';
import { fmtMs, fmtRate, fmtSpread, section, sig, status, type Target, type WorkloadResult } from '../lib/report.js';
import type { Config } from '../lib/config.js';
import { csvFile } from '../../src/csv/index.js';

const FEATURES = 10;
const READ = 'csvFile alone (every value read)';
const FIT = 'fitStream(csvFile)';
const GOAL = 1.2;

/**
 * Writes a numeric CSV: header x1..x10,y, then rows of 10 features uniform in ±100 with 6 decimals
 * and y = 3 + Σ j·x_j + noise (about 116 bytes a row), until `rows` rows or at least `bytes` bytes.
 * Deterministic for a seed. Returns what was written.
 */
export function writeRegressionCsv(file: string, until: { rows?: number; bytes?: number }, seed = 12345): { rows: number; bytes: number } {
  let s = seed | 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const maxRows = until.rows ?? Infinity, maxBytes = until.bytes ?? Infinity;
  const fd = openSync(file, 'w');
  let buf = `${Array.from({ length: FEATURES }, (_, j) => `x${j + 1}`).join(',')},y\n`;
  let rows = 0, bytes = 0;
  try {
    while (rows < maxRows && bytes + buf.length < maxBytes) {
      let y = 3;
      for (let j = 0; j < FEATURES; j++) {
        const m = Math.floor(rand() * 2e8) - 1e8, a = m < 0 ? -m : m, f = a % 1e6; // x = m / 10⁶, written exactly
        y += (j + 1) * (m / 1e6);
        buf += `${m < 0 ? '-' : ''}${(a - f) / 1e6}.${String(f).padStart(6, '0')},`;
      }
      buf += `${(y + rand() - 0.5).toFixed(6)}\n`;
      rows++;
      if (buf.length > 1 << 20) { bytes += writeSync(fd, buf); buf = ''; }
    }
    bytes += writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return { rows, bytes };
}

/** Reads every chunk of `file` and sums its values: the parser's time with a consumer that reads them. */
export async function readCsvOnly(file: string): Promise<number> {
  let sum = 0;
  for await (const chunk of csvFile(file)) {
    const X = new Float64Array(chunk.X[0].buffer, chunk.X[0].byteOffset, chunk.X.length * FEATURES);
    for (let i = 0; i < X.length; i++) sum += X[i];
    for (let i = 0; i < chunk.y.length; i++) sum += chunk.y[i];
  }
  return sum;
}

export async function csvStreamWorkload(cfg: Config, log: (msg: string) => void = () => {}): Promise<WorkloadResult> {
  const rows = cfg.mode === 'full' ? 1_000_000 : 200_000;
  const rounds = cfg.mode === 'full' ? 7 : 3;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linreg-bench-csv-'));
  const file = path.join(dir, 'data.csv');
  try {
    const t0 = performance.now();
    const { bytes } = writeRegressionCsv(file, { rows });
    log(`  wrote ${rows.toLocaleString('en-US')} rows (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const src = csvFile(file);
    const names = await src.names;
    let coef: ArrayLike<number> = [];
    const cases: [string, () => Promise<unknown>][] = [
      [READ, () => readCsvOnly(file)],
      [FIT, async () => { coef = (await new lib.LinearRegression().fitStream(csvFile(file), names)).coef; }],
    ];
    for (const [, run] of cases) await run(); // warm-up: the file enters the page cache, the code is compiled
    const samples: number[][] = [[], []], ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t = [0, 0];
      for (const k of r % 2 ? [1, 0] : [0, 1]) {
        const start = performance.now();
        await cases[k][1]();
        t[k] = performance.now() - start;
        samples[k].push(t[k]);
      }
      ratios.push(t[1] / t[0]);
    }
    const ratio = statsOf(ratios).median;
    return report(rows, bytes, rounds, samples.map((s) => statsOf(s)), ratio, coef);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rows: number, bytes: number, rounds: number, [read, fit]: Stats[], ratio: number, coef: ArrayLike<number>): WorkloadResult {
  const size = `${rows.toLocaleString('en-US')} rows × ${FEATURES + 1} columns`;
  const s = section('csv-stream', '8. A CSV file: fitting against parsing', [
    `A generated numeric CSV file of ${size} (${(bytes / 1e6).toFixed(0)} MB, in the page cache after a warm-up read): `
      + `"${READ}" iterates csvFile(path)'s 65 536-row chunks and sums every value; "${FIT}" is `
      + 'new LinearRegression().fitStream(csvFile(path), names): the same parsing, each chunk folded into the mergeable state.',
  ]);
  const measured = `t(${FIT}) ÷ t(${READ}) = ${sig(ratio)}×`;
  s.tables.push({
    columns: ['file', 'implementation', 'median', 'spread', 'rows/s', `ratio to ${READ}`],
    rows: [
      [size, READ, fmtMs(read.median), fmtSpread(read), fmtRate(rows / (read.median / 1000)), 'reference'],
      [size, FIT, fmtMs(fit.median), fmtSpread(fit), fmtRate(rows / (fit.median / 1000)), measured],
    ],
  });
  s.notes.push(
    `${rounds} rounds, the order alternating, after one warm-up call each; the ratio is the median of the round-by-round ratios. The fit's slope on x1 came out ${sig(coef[0] ?? Number.NaN, 6)} (generated: 1).`,
    'The fit adds, per 65 536-row chunk: copying the rows into wasm memory and one Householder QR (or Gram + Cholesky) of the chunk, rotated into the state; and once, the solve.',
  );
  const target: Target = { name: `CSV ${size}: ${FIT} vs ${READ}`, measured, goal: `≤ ${GOAL}×`, status: status(ratio, GOAL, false) };
  return { section: s, targets: [target], headline: [{ workload: `CSV file (${size})`, comparison: `${FIT} vs ${READ}`, ratio: measured }] };
}
