// `npm run bench [-- --quick | --smoke] [--no-build] [--only <id>[,<id>…]]`: builds, runs every
// workload and writes bench/RESULTS.md + bench/plots/*.svg + the README table (full), or
// bench/RESULTS.quick.md + bench/plots-quick/ (quick). --smoke runs the tiny configuration and
// prints the report only. --only runs the workloads named (ids in bench/lib/suite.ts WORKLOADS)
// and writes bench/RESULTS.only.md + bench/plots-only/ instead (never RESULTS.md or the README).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { configFor, type Mode } from './lib/config.js';
import { plotDirFor, runSuite, WORKLOADS } from './lib/suite.js';
import { updateReadme } from './readme-table.js';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);

/** The ids after `--only` (`--only a,b`, `--only=a`, repeatable); undefined without the flag. */
function onlyOf(argv: string[]): string[] | undefined {
  const ids: string[] = [];
  let seen = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a !== '--only' && !a.startsWith('--only=')) continue;
    seen = true;
    const value = a === '--only' ? argv[++i] : a.slice('--only='.length);
    if (!value || value.startsWith('--')) throw new Error(`--only needs workload ids: ${WORKLOADS.join(', ')}`);
    ids.push(...value.split(',').filter(Boolean));
  }
  const unknown = ids.filter((id) => !(WORKLOADS as readonly string[]).includes(id));
  if (unknown.length) throw new Error(`--only: unknown workload ${unknown.join(', ')} (known: ${WORKLOADS.join(', ')})`);
  return seen ? ids : undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = new Set(argv);
  const mode: Mode = args.has('--smoke') ? 'smoke' : args.has('--quick') ? 'quick' : 'full';
  const only = onlyOf(argv);
  const cfg = only ? { ...configFor(mode), only } : configFor(mode);
  const log = (msg: string): void => console.error(`[bench ${mode}] ${msg}`);
  if (mode !== 'smoke' && !args.has('--no-build')) {
    log('npm run build…');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const out = await runSuite(cfg, log);
  if (mode === 'smoke') {
    process.stdout.write(out.markdown);
    return;
  }
  const results = path.join(BENCH, only ? 'RESULTS.only.md' : mode === 'full' ? 'RESULTS.md' : 'RESULTS.quick.md');
  const plotDir = path.join(BENCH, plotDirFor(cfg));
  rmSync(plotDir, { recursive: true, force: true });
  mkdirSync(plotDir, { recursive: true });
  for (const p of out.plots) writeFileSync(path.join(plotDir, p.name), `${p.svg}\n`);
  writeFileSync(results, out.markdown);
  log(`wrote ${path.relative(ROOT, results)} and ${out.plots.length} plots in ${path.relative(ROOT, plotDir)}/`);
  if (mode === 'full' && !only) log(updateReadme(results, path.join(ROOT, 'README.md')));
}

await main();
