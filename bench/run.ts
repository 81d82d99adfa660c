// `npm run bench [-- --quick | --smoke] [--no-build]`: builds, runs every workload and writes
// bench/RESULTS.md + bench/plots/*.svg + the README table (full), or bench/RESULTS.quick.md +
// bench/plots-quick/ (quick). --smoke runs the tiny configuration and prints the report only.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { configFor, type Mode } from './lib/config.js';
import { plotDirFor, runSuite } from './lib/suite.js';
import { updateReadme } from './readme-table.js';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const mode: Mode = args.has('--smoke') ? 'smoke' : args.has('--quick') ? 'quick' : 'full';
  const cfg = configFor(mode);
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
  const results = path.join(BENCH, mode === 'full' ? 'RESULTS.md' : 'RESULTS.quick.md');
  const plotDir = path.join(BENCH, plotDirFor(cfg));
  rmSync(plotDir, { recursive: true, force: true });
  mkdirSync(plotDir, { recursive: true });
  for (const p of out.plots) writeFileSync(path.join(plotDir, p.name), `${p.svg}\n`);
  writeFileSync(results, out.markdown);
  log(`wrote ${path.relative(ROOT, results)} and ${out.plots.length} plots in ${path.relative(ROOT, plotDir)}/`);
  if (mode === 'full') log(updateReadme(results, path.join(ROOT, 'README.md')));
}

await main();
