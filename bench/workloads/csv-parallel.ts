// Workload 9: one CSV file on every core. fitCsvParallel (linreg-wasm/parallel) with 2 workers
// against 1 worker on a generated 10⁷-row × 11-column file (~1.16 GB, written once into a temp dir
// and deleted after), interleaved rounds; the target is t(1 worker) ÷ t(2 workers) ≥ 1.7. Also
// fitStream(csvFile) on the main thread, for the one-core cost of the same fit.
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtModules } from '../../scripts/built-wasm.js';
import { lib } from '../lib/ours.js';
import { statsOf, type Stats } from '../lib/measure.js';
import { fmtMs, fmtRate, fmtSpread, section, sig, status, type Target, type WorkloadResult } from '../lib/report.js';
import type { Config } from '../lib/config.js';
import { csvFile } from '../../src/csv/index.js';
import { closeParallel, fitCsvParallel } from '../../src/parallel/index.js';
import { writeRegressionCsv } from './csv-stream.js';

const TWO = 'fitCsvParallel, 2 workers';
const ONE = 'fitCsvParallel, 1 worker';
const MAIN = 'fitStream(csvFile) on the main thread';
const GOAL = 1.7;
const BYTES_PER_ROW = 116;

interface Row { name: string; stats: Stats; ratio: number; cpu: number }

export async function csvParallelWorkload(cfg: Config, log: (msg: string) => void = () => {}): Promise<WorkloadResult> {
  const wanted = cfg.mode === 'full' ? 10_000_000 : 1_000_000;
  const rounds = cfg.mode === 'full' ? 5 : 3;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linreg-bench-csv-parallel-'));
  const file = path.join(dir, 'data.csv');
  // room for the file and 1 GB to spare, or the largest file that leaves it
  const { bavail, bsize } = statfsSync(dir);
  const rows = Math.max(100_000, Math.min(wanted, Math.floor((bavail * bsize - 1e9) / BYTES_PER_ROW)));
  const wasm = builtModules();
  try {
    const t0 = performance.now();
    const { bytes } = writeRegressionCsv(file, { rows });
    log(`  wrote ${rows.toLocaleString('en-US')} rows (${(bytes / 1e9).toFixed(2)} GB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const names = await csvFile(file).names;
    const cases: [string, () => Promise<unknown>][] = [
      [TWO, () => fitCsvParallel(file, { workers: 2, wasm })],
      [ONE, () => fitCsvParallel(file, { workers: 1, wasm })],
      [MAIN, () => new lib.LinearRegression().fitStream(csvFile(file), names)],
    ];
    await cases[0][1](); // warm-up: the pool starts, the file is read once
    const samples: number[][] = cases.map(() => []), ratios: number[][] = cases.map(() => []), cpu: number[][] = cases.map(() => []);
    for (let r = 0; r < rounds; r++) {
      const t = cases.map(() => 0);
      for (const k of cases.map((_, i) => (i + r) % cases.length)) {
        const start = performance.now(), used = process.cpuUsage();
        await cases[k][1]();
        samples[k].push(t[k] = performance.now() - start);
        const { user, system } = process.cpuUsage(used); // every thread of this process
        cpu[k].push((user + system) / 1000);
      }
      t.forEach((tk, k) => ratios[k].push(tk / t[0]));
      log(`  round ${r + 1}: ${t.map((tk) => `${(tk / 1000).toFixed(1)} s`).join(', ')}`);
    }
    const list = cases.map(([name], k): Row => ({ name, stats: statsOf(samples[k]), ratio: statsOf(ratios[k]).median, cpu: statsOf(cpu[k]).median }));
    return report(rows, wanted, bytes, rounds, list);
  } finally {
    await closeParallel();
    rmSync(dir, { recursive: true, force: true });
  }
}

// 4 digits: a ratio of 1.696 must not print as the goal's 1.7
const versus = (row: Row): string => `t(${row.name}) ÷ t(${TWO}) = ${sig(row.ratio, 4)}×`;

function report(rows: number, wanted: number, bytes: number, rounds: number, list: Row[]): WorkloadResult {
  const size = `${rows.toLocaleString('en-US')} rows × 11 columns`;
  const s = section('csv-parallel', '9. A CSV file on every core: fitCsvParallel', [
    `fitCsvParallel(path, { workers }) from linreg-wasm/parallel on a generated numeric CSV file of ${size} `
      + `(${(bytes / 1e9).toFixed(2)} GB, in the page cache): the file is cut into one byte range per worker, each worker `
      + 'parses its range with csvFile and folds it into the mergeable state, and the states are merged by range index. '
      + `Against the same call with 1 worker, and fitStream(csvFile(path)) on the main thread.`
      + (rows < wanted ? ` **Smaller than the ${wanted.toLocaleString('en-US')} rows asked for: the disk had no room for more.**` : ''),
  ]);
  s.tables.push({
    columns: ['file', 'implementation', 'median', 'spread', 'CPU time, all threads', 'rows/s', `ratio to ${TWO}`],
    rows: list.map((x) => [
      size, x.name, fmtMs(x.stats.median), fmtSpread(x.stats), fmtMs(x.cpu), fmtRate(rows / (x.stats.median / 1000)),
      x.name === TWO ? 'reference' : versus(x),
    ]),
  });
  s.notes.push(
    `${rounds} rounds, one call of each a round, the order rotating, after one warm-up call with 2 workers (it starts the pool); each ratio is the median of the round-by-round ratios.`,
    'The machine has 2 logical cores, shared: the 2 workers compete with whatever else runs. "CPU time, all threads" (process.cpuUsage() across the call, median) is the work done: '
      + 'when 2 workers use about the CPU time of 1, the file splits without extra work, and the wall-clock ratio then says how much of the second core the machine gave.',
  );
  const one = list.find((x) => x.name === ONE)!;
  const target: Target = { name: `CSV ${size} on every core: ${TWO} vs ${ONE}`, measured: versus(one), goal: `≥ ${GOAL}×`, status: status(one.ratio, GOAL) };
  return { section: s, targets: [target], headline: [{ workload: `CSV file on every core (${size})`, comparison: `${TWO} vs ${ONE}`, ratio: versus(one) }] };
}
