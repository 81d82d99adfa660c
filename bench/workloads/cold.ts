// Workload 4: cold start. Per runtime (Node, Chromium, workerd, Deno, Bun) by bench/cold-start.ts
// from the runtimes work, loaded if present; and in Node against the peers, here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { statsOf, type Stats } from '../lib/measure.js';
import { fmtMs, fmtSpread, section, sig, speedup, timeRatio, type Section, type WorkloadResult } from '../lib/report.js';
import type { Config } from '../lib/config.js';

const COLD_START = fileURLToPath(new URL('../cold-start.ts', import.meta.url));
const CHILD = fileURLToPath(new URL('../children/cold-node.mjs', import.meta.url));

export async function coldWorkload(cfg: Config): Promise<WorkloadResult> {
  const s = section('cold', '4. Cold start: import + init + first small fit', []);
  await perRuntime(cfg, s);
  const headline = nodePeers(cfg, s);
  return { section: s, targets: [], headline };
}

async function perRuntime(cfg: Config, s: Section): Promise<void> {
  if (!existsSync(COLD_START)) {
    s.notes.push('Per-runtime cold start (Node, Chromium, workerd, Deno, Bun): bench/cold-start.ts is missing (it comes with the runtimes work); not measured in this run.');
    return;
  }
  try {
    const mod = (await import(pathToFileURL(COLD_START).href)) as Record<string, unknown>;
    const fn = pickFunction(mod);
    if (!fn) throw new Error('bench/cold-start.ts exports no function');
    const result = await fn(cfg.mode === 'full' ? { quick: false, mode: cfg.mode } : { quick: true, runs: 2, mode: cfg.mode });
    if (typeof result === 'string') s.intro.push(result);
    else s.tables.push({ caption: 'Per runtime, by bench/cold-start.ts (the runtimes work): the packed package in each runtime, a fresh start per sample.', ...tableOf(toRows(result)) });
  } catch (error) {
    s.notes.push(`Per-runtime cold start: bench/cold-start.ts failed: ${(error as Error).message.split('\n')[0]}`);
  }
}

function pickFunction(mod: Record<string, unknown>): ((o: unknown) => unknown) | undefined {
  for (const key of ['measureColdStart', 'coldStart', 'runColdStart', 'default']) {
    if (typeof mod[key] === 'function') return mod[key] as (o: unknown) => unknown;
  }
  return Object.values(mod).find((v): v is (o: unknown) => unknown => typeof v === 'function');
}

type Obj = Record<string, unknown>;

// Accepts an array of rows, { rows: [...] }, or an object keyed by runtime.
function toRows(result: unknown): Obj[] {
  if (Array.isArray(result)) return result as Obj[];
  const r = result as Obj;
  if (r && Array.isArray(r.rows)) return r.rows as Obj[];
  if (r && typeof r === 'object') return Object.entries(r).map(([runtime, v]) => (typeof v === 'object' ? { runtime, ...(v as Obj) } : { runtime, value: v }));
  throw new Error(`unexpected result from bench/cold-start.ts: ${String(result)}`);
}

function tableOf(rows: Obj[]) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const timeKey = keys.find((k) => /median|ms|time/i.test(k) && rows.some((r) => typeof r[k] === 'number'));
  const nameKey = keys.find((k) => typeof rows[0]?.[k] === 'string') ?? keys[0];
  const base = rows.find((r) => /node/i.test(String(r[nameKey])));
  const cell = (v: unknown): string => (typeof v === 'number' ? sig(v) : v === undefined ? '–' : String(v));
  const columns = [...keys, ...(timeKey && base ? [`ratio to ${String(base[nameKey])}`] : [])];
  return {
    columns,
    rows: rows.map((r) => [
      ...keys.map((k) => cell(r[k])),
      ...(timeKey && base ? [r === base ? 'reference' : typeof r[timeKey] === 'number' && typeof base[timeKey] === 'number'
        ? `${String(r[nameKey])} ÷ ${String(base[nameKey])} = ${sig((r[timeKey] as number) / (base[timeKey] as number))}×` : '–'] : []),
    ]),
  };
}

function nodePeers(cfg: Config, s: Section): WorkloadResult['headline'] {
  if (!cfg.childProcesses) return [];
  const runs = cfg.mode === 'full' ? 7 : 2;
  const impls: [string, string][] = [['ours', 'linreg-wasm'], ['tfjs-wasm', 'TensorFlow.js wasm'], ['tfjs-cpu', 'TensorFlow.js cpu'], ['mlr', 'ml-regression-multivariate-linear']];
  const measured: { name: string; stats?: Stats; what?: string; note?: string }[] = impls.map(([impl, name]) => {
    try {
      const samples: number[] = [];
      let what = '';
      for (let k = 0; k < runs; k++) {
        const out = JSON.parse(execFileSync(process.execPath, [CHILD, impl], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()!) as { ms: number; what: string };
        samples.push(out.ms);
        what = out.what;
      }
      return { name, stats: statsOf(samples), what };
    } catch (error) {
      return { name, note: `could not run: ${(error as Error).message.split('\n')[0]}` };
    }
  });
  const ours = measured[0].stats;
  s.tables.push({
    caption: `In Node ${process.version} against the peers (bench/children/cold-node.mjs): a fresh process per sample (${runs} each), timed from the script's first line to the end of the first fit; Node's own start-up is left out. Ours loads dist/ (the built package).`,
    columns: ['library', 'what', 'median', 'spread', 'ratio to linreg-wasm'],
    rows: measured.map((m) => [m.name, m.what ?? '–', m.stats ? fmtMs(m.stats.median) : m.note ?? '–', m.stats ? fmtSpread(m.stats) : '–',
      m.stats && ours ? (m === measured[0] ? 'reference' : timeRatio(m.name, m.stats, 'linreg-wasm', ours)) : '–']),
  });
  if (!ours) return [];
  return measured.slice(1).filter((m) => m.stats && m.name !== 'TensorFlow.js cpu').map((m) => ({
    workload: 'cold start in Node (import + init + first fit)', comparison: `linreg-wasm vs ${m.name}`,
    ratio: speedup('linreg-wasm', ours, m.name, m.stats!),
  }));
}
