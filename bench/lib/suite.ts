// Runs every workload for a config and renders the report. Writes nothing: bench/run.ts does.
import { initOurs } from './ours.js';
import { findPython, type PythonInfo } from './python.js';
import { describeEnv, type Env } from './env.js';
import {
  renderHeadline, renderSection, renderTable, renderTargets, section, type Plot, type WorkloadResult,
} from './report.js';
import type { Config } from './config.js';
import { seedWorkload } from '../workloads/seed.js';
import { fusedWorkload } from '../workloads/fused.js';
import { closedFormWorkload } from '../workloads/closed-form.js';
import { coldWorkload } from '../workloads/cold.js';
import { sizeWorkload } from '../workloads/size.js';
import { memoryWorkload } from '../workloads/memory.js';
import { closedFormSizesWorkload } from '../workloads/closed-form-sizes.js';
import { parallelWorkload } from '../workloads/parallel.js';
import { csvStreamWorkload } from '../workloads/csv-stream.js';
import { csvParallelWorkload } from '../workloads/csv-parallel.js';
import { minibatchWorkload } from '../workloads/minibatch.js';

export interface SuiteOutput { markdown: string; plots: Plot[]; results: WorkloadResult[] }

const ROOT = new URL('../../', import.meta.url).pathname;

/** The workload ids, in report order (what `--only` takes). */
export const WORKLOADS = ['seed', 'fused', 'closed', 'cold', 'size', 'memory', 'sizes', 'parallel', 'csv-stream', 'csv-parallel', 'minibatch'] as const;

/** Runs the workloads `cfg` selects; a workload that throws becomes a section saying so. */
export async function runSuite(cfg: Config, log: (msg: string) => void = () => {}): Promise<SuiteOutput> {
  const started = performance.now();
  const kernels = await initOurs();
  const python = cfg.python ? findPython() : undefined;
  const steps: [string, string, () => Promise<WorkloadResult> | WorkloadResult][] = [
    ['seed', '1. Seed training', () => seedWorkload(cfg, python)],
    ['fused', '2. Fused loss + gradient pass', () => fusedWorkload(cfg, kernels)],
    ['closed', '3. Closed form', () => closedFormWorkload(cfg, python)],
  ];
  if (cfg.coldStart) steps.push(['cold', '4. Cold start', () => coldWorkload(cfg)]);
  if (cfg.bundleSizes) steps.push(['size', '5a. Bundle size', () => sizeWorkload()]);
  if (cfg.childProcesses) steps.push(['memory', '5b. Peak memory', () => memoryWorkload(cfg, python)]);
  steps.push(['sizes', '6. Closed form by size', () => closedFormSizesWorkload(cfg, python, log)]);
  if (cfg.childProcesses) steps.push(['parallel', '7. Every core', () => parallelWorkload(cfg, python, log)]);
  if (cfg.mode !== 'smoke') steps.push(['csv-stream', '8. A CSV file: fitting against parsing', () => csvStreamWorkload(cfg, log)]);
  if (cfg.childProcesses) steps.push(['csv-parallel', '9. A CSV file on every core', () => csvParallelWorkload(cfg, log)]);
  // Smoke runs it only when named (`--smoke --only minibatch`): test/bench-smoke.test.ts pins the smoke run's workloads.
  if (cfg.mode !== 'smoke' || cfg.only?.includes('minibatch')) steps.push(['minibatch', '10. Mini-batch training', () => minibatchWorkload(cfg, python)]);
  const results: WorkloadResult[] = [];
  for (const [id, title, run] of steps.filter(([id]) => !cfg.only || cfg.only.includes(id))) {
    const t0 = performance.now();
    log(`${title}…`);
    try {
      results.push(await run());
    } catch (error) {
      const s = section(id, title, [`**This workload failed in this run:** ${(error as Error).stack ?? String(error)}`]);
      results.push({ section: s, targets: [], headline: [] });
    }
    log(`${title} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const seconds = (performance.now() - started) / 1000;
  const markdown = render(cfg, describeEnv(ROOT), python, results, seconds);
  return { markdown, plots: results.flatMap((r) => r.section.plots), results };
}

/** Plots live beside the results file: plots/ for the full run, plots-quick/ otherwise, plots-only/ for `--only`. */
export function plotDirFor(cfg: Config): string {
  if (cfg.only) return 'plots-only';
  return cfg.mode === 'full' ? 'plots' : 'plots-quick';
}

function render(cfg: Config, env: Env, py: PythonInfo | undefined, results: WorkloadResult[], seconds: number): string {
  const pyText = !cfg.python ? 'not run in this mode'
    : py ? `${py.exe}: ${py.torch ? `torch ${py.torch}, ` : 'no torch, '}numpy ${py.numpy}` : 'none found (Python rows skipped)';
  const head = renderTable({
    columns: ['', ''],
    rows: [
      ['CPU', `${env.cpu} (${env.cores} logical cores; every row runs on one)`], ['memory', env.memory], ['OS', env.os],
      ['Node', `${env.node} (V8 ${env.v8})`], ['Python peers', pyText], ['commit', env.commit], ['date', env.date],
      ['mode', (cfg.mode === 'full' ? 'full (`npm run bench`)' : `${cfg.mode} (subset: smaller sizes, fewer samples)`)
        + (cfg.only ? `, only ${cfg.only.join(', ')}` : '')],
      ['duration', `${Math.round(seconds)} s`],
    ],
  });
  const targets = results.flatMap((r) => r.targets);
  return [
    '# linreg-wasm benchmarks',
    '<!-- Generated by bench/run.ts (`npm run bench`). Do not edit by hand: rerun it. -->',
    'Written by `npm run bench`; every number below was measured in one run on the machine described here. '
      + 'The machines are shared and noisy, so read the **ratios**: t(X) is the median time of X, and every ratio '
      + 'names both of its sides. "spread" is the median absolute deviation of the samples and n their count.',
    head,
    '## Headline',
    `<!-- headline:start -->\n${renderHeadline(results.flatMap((r) => r.headline))}\n<!-- headline:end -->`,
    '## Targets',
    `<!-- targets:start -->\n${targets.length ? renderTargets(targets) : 'No targets were checked in this mode.'}\n<!-- targets:end -->`,
    ...results.map((r) => renderSection(r.section, plotDirFor(cfg))),
    '## How this file is made',
    [
      '- `npm run bench` builds (wasm + dist/), runs every workload with tinybench, and writes this file, the SVG plots in bench/plots/ and the README\'s performance table (bench/readme-table.ts).',
      '- `npm run bench -- --quick` runs a smaller subset in under a minute and writes bench/RESULTS.quick.md and bench/plots-quick/ (not committed), so this file always comes from a full run.',
      '- Each measurement: a pilot call (also the warm-up), then a number of samples chosen to fit a time budget; the median is reported. Python peers are timed the same way inside their own process.',
      '- Our library is loaded from src/ with the release wasm from build/; the cold-start and bundle-size rows use dist/.',
    ].join('\n'),
  ].join('\n\n') + '\n';
}
