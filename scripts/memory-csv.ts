// Peak memory of fitStream(csvFile(path)) against the size of the file (issue 13: "peak memory
// does not grow with the file: 1 GB and 4 GB CSVs peak within 10 % of each other"). For each size a
// numeric CSV (10 features and y, ~116 bytes a row) is written into a temp dir, fitted in fresh Node
// processes, and deleted. Each child reports its peak RSS (VmHWM from /proc/self/status, the peak of
// its own memory map), its RSS before reading (after imports and init), the wasm memory
// (memoryUsage().wasmBytes), the largest V8 heap seen (sampled every 50 ms) and the time. The
// children run with Node's defaults (what the target is judged on) and with the V8 heap capped
// (--max-old-space-size=64), which shows how much of a peak is heap the collector had not yet
// reclaimed rather than data. Not part of npm test: it writes gigabytes and takes minutes.
//
//   npx tsx scripts/memory-csv.ts                  1 GB and 4 GB, writes bench/memory-csv.md
//   npx tsx scripts/memory-csv.ts --sizes 0.1,0.4  other sizes (GB = 10⁹ bytes); prints only
//   options: --runs N (children per size and setting, default 3), --write (write the .md for any sizes)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtModules } from './built-wasm.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const OUT = path.join(ROOT, 'bench/memory-csv.md');
const GOAL = 1.1;
const SPARE = 1e9; // bytes left free on the disk beside the file
/** The Node settings the children run with: the first is the one the target is judged on. */
const SETTINGS: [string, string[]][] = [['Node defaults', []], ['--max-old-space-size=64', ['--max-old-space-size=64']]];

interface Child { baselineBytes: number; peakBytes: number; wasmBytes: number; maxHeapBytes: number; seconds: number; nobs: number; slope: number }
interface Measured { gb: number; bytes: number; rows: number; setting: string; runs: Child[]; note?: string }

const args = process.argv.slice(2);
const option = (name: string): string | undefined => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };

async function main(): Promise<void> {
  const { writeRegressionCsv } = await import('../bench/workloads/csv-stream.js');
  const { describeEnv } = await import('../bench/lib/env.js');
  const sizes = (option('sizes') ?? '1,4').split(',').map(Number);
  const runs = Number(option('runs') ?? 3);
  const write = args.includes('--write') || option('sizes') === undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linreg-memory-csv-'));
  const results: Measured[] = [];
  try {
    for (const gb of sizes) {
      const { bavail, bsize } = statfsSync(dir);
      const free = bavail * bsize;
      const bytes = Math.min(gb * 1e9, free - SPARE);
      const note = bytes < gb * 1e9 ? `the disk had ${(free / 1e9).toFixed(1)} GB free: ${(bytes / 1e9).toFixed(2)} GB written instead` : undefined;
      const file = path.join(dir, `data-${gb}GB.csv`);
      const t0 = performance.now();
      const wrote = writeRegressionCsv(file, { bytes });
      console.error(`${gb} GB: wrote ${wrote.rows.toLocaleString('en-US')} rows (${wrote.bytes.toLocaleString('en-US')} bytes) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      for (const [setting, flags] of SETTINGS) {
        const measured: Measured = { gb, bytes: wrote.bytes, rows: wrote.rows, setting, runs: [], note };
        for (let r = 0; r < runs; r++) measured.runs.push(runChild(file, flags, wrote.rows, `${setting}, run ${r + 1}`));
        results.push(measured);
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = render(results, describeEnv(ROOT));
  process.stdout.write(text);
  if (write) writeFileSync(OUT, text);
}

function runChild(file: string, flags: string[], rows: number, label: string): Child {
  const out = execFileSync(process.execPath, ['--expose-gc', ...flags, '--import', 'tsx', SELF, '--child', file], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const c = JSON.parse(out.trim().split('\n').pop()!) as Child;
  if (c.nobs !== rows) throw new Error(`the child fitted ${c.nobs} rows of ${rows}`);
  console.error(`  ${label}: peak RSS ${mib(c.peakBytes)}, before ${mib(c.baselineBytes)}, wasm ${mib(c.wasmBytes)}, V8 heap ≤ ${mib(c.maxHeapBytes)}, ${c.seconds.toFixed(1)} s`);
  return c;
}

/** The child: one fitStream over the file, then its facts as one JSON line. */
async function child(file: string): Promise<void> {
  const { init, LinearRegression, memoryUsage } = await import('../src/index.js');
  const { csvFile } = await import('../src/csv/index.js');
  await init(builtModules());
  (globalThis as { gc?: () => void }).gc?.();
  const baselineBytes = process.memoryUsage().rss;
  let maxHeapBytes = 0;
  const sample = setInterval(() => { maxHeapBytes = Math.max(maxHeapBytes, process.memoryUsage().heapTotal); }, 50);
  const t0 = performance.now();
  const data = csvFile(file);
  const model = await new LinearRegression().fitStream(data, await data.names);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sample);
  const result: Child = {
    baselineBytes, peakBytes: peakRss(), wasmBytes: memoryUsage().wasmBytes, maxHeapBytes, seconds,
    nobs: model.summary().nobs, slope: model.coef[0],
  };
  console.log(JSON.stringify(result));
}

function peakRss(): number {
  const m = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const max = (xs: number[]): number => Math.max(...xs);
const median = (xs: number[]): number => { const s = [...xs].sort((p, q) => p - q); return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2; };

function render(results: Measured[], env: { cpu: string; cores: number; memory: string; node: string; commit: string; date: string }): string {
  const rows = results.flatMap((m) => m.runs.map((c, r) => [
    `${m.gb} GB${m.note ? ' *' : ''}`, m.rows.toLocaleString('en-US'), m.setting, String(r + 1), mib(c.peakBytes), mib(c.baselineBytes),
    mib(c.peakBytes - c.baselineBytes), mib(c.wasmBytes), mib(c.maxHeapBytes), `${c.seconds.toFixed(1)} s`, `${(m.bytes / 1e6 / c.seconds).toFixed(0)} MB/s`,
  ].join(' | ')));
  const table = [
    '| file | rows | Node | run | peak RSS | RSS before reading | peak − before | wasm memory | largest V8 heap | time | read |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
  const parts = [
    '# Peak memory of a CSV fit against the size of the file',
    '<!-- Generated by scripts/memory-csv.ts (`npx tsx scripts/memory-csv.ts`). Do not edit by hand: rerun it. -->',
    `\`new LinearRegression().fitStream(csvFile(path), names)\` on generated numeric CSV files (10 features and y, ~116 bytes a row), each run a fresh Node process (the library from src/ through tsx). Machine: ${env.cpu}, ${env.cores} logical cores (shared), ${env.memory}; Node ${env.node}; commit ${env.commit}; ${env.date}.`,
    table,
    ...[...new Set(results.filter((m) => m.note).map((m) => `\\* ${m.gb} GB: ${m.note}.`))],
  ];
  const sizes = [...new Set(results.map((m) => m.gb))];
  if (sizes.length >= 2) {
    for (const [setting] of SETTINGS) {
      const [a, b] = [sizes[0], sizes.at(-1)!].map((gb) => results.find((m) => m.gb === gb && m.setting === setting)!);
      const peaks = (m: Measured) => m.runs.map((c) => c.peakBytes);
      const peak = max(peaks(b)) / max(peaks(a)), typical = median(peaks(b)) / median(peaks(a));
      const extra = max(b.runs.map((c) => c.peakBytes - c.baselineBytes)) / max(a.runs.map((c) => c.peakBytes - c.baselineBytes));
      // judged on both the highest and the median peak of the runs: a single run's peak varies by a few %
      const verdict = (r: number) => (setting === SETTINGS[0][0] ? ` (target within ${Math.round((GOAL - 1) * 100)} %: ${Math.abs(r - 1) <= GOAL - 1 ? 'met' : '**NOT met**'})` : '');
      parts.push(
        `${setting}: **peak RSS(${b.gb} GB file) ÷ peak RSS(${a.gb} GB file) = ${peak.toFixed(3)}×** on the highest peak of the runs at each size${verdict(peak)}, `
          + `**${typical.toFixed(3)}×** on the median peaks${verdict(typical)}; above the process's size before reading, (peak − before)(${b.gb} GB) ÷ (peak − before)(${a.gb} GB) = ${extra.toFixed(3)}× (highest).`,
      );
    }
  }
  parts.push(
    'VmHWM (/proc/self/status) is the peak resident set of the child\'s own memory map; "before reading" is its RSS after imports and `init()` (a gc first); '
      + 'the wasm memory is `memoryUsage().wasmBytes` at the end (it never shrinks, so it is also its peak); the V8 heap is `process.memoryUsage().heapTotal`, the largest of samples every 50 ms. '
      + '--max-old-space-size=64 makes V8 collect its old generation before that grows past 64 MB (the reading keeps about 15 MB of heap alive, measured after forced collections), so those rows are closer to the memory the reading needs, and the difference is the slack V8 allows itself by default. '
      + 'The files are written by the generator in bench/workloads/csv-stream.ts into a temp dir and deleted after their runs; times are on a shared machine and vary with its load.',
  );
  return `${parts.join('\n\n')}\n`;
}

if (args[0] === '--child') await child(args[1]);
else await main();
