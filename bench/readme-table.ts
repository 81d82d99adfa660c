// Copies the headline and targets tables of bench/RESULTS.md into README.md between the markers
//   <!-- bench:start --> and <!-- bench:end -->
// Run at the end of `npm run bench`, or alone: `npx tsx bench/readme-table.ts`. Without both
// markers README.md is left untouched and the message says so.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** The README block made from RESULTS.md's headline and targets tables and its run details. */
export function readmeBlock(results: string): string {
  const table = between(results, '<!-- headline:start -->', '<!-- headline:end -->');
  const targets = between(results, '<!-- targets:start -->', '<!-- targets:end -->');
  if (table === undefined || targets === undefined) {
    throw new Error('bench/RESULTS.md has no headline/targets markers: regenerate it with `npm run bench`');
  }
  const field = (name: string): string => results.match(new RegExp(`^\\| ${name} \\| (.*) \\|$`, 'm'))?.[1] ?? 'unknown';
  return [
    START,
    `<!-- Generated from bench/RESULTS.md by bench/readme-table.ts; rerun \`npm run bench\` to update. -->`,
    table.trim(),
    '',
    'Targets (a target not met says so):',
    '',
    targets.trim(),
    '',
    `Measured by \`npm run bench\` on ${field('CPU')}, Node ${field('Node')}, commit ${field('commit')}, ${field('date')}; `
      + 'all numbers, the targets and the plots: [bench/RESULTS.md](bench/RESULTS.md).',
    END,
  ].join('\n');
}

/** Rewrites the marked section of `readmeFile`; returns what it did. */
export function updateReadme(resultsFile: string, readmeFile: string): string {
  if (!existsSync(readmeFile)) return `${readmeFile} does not exist: README table not written`;
  const readme = readFileSync(readmeFile, 'utf8');
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < i) return `README.md has no ${START} … ${END} markers: left untouched (add them where the table belongs)`;
  const next = readme.slice(0, i) + readmeBlock(readFileSync(resultsFile, 'utf8')) + readme.slice(j + END.length);
  if (next === readme) return 'README.md performance table already up to date';
  writeFileSync(readmeFile, next);
  return 'README.md performance table updated from bench/RESULTS.md';
}

function between(text: string, start: string, end: string): string | undefined {
  const i = text.indexOf(start);
  const j = text.indexOf(end, i + start.length);
  return i < 0 || j < 0 ? undefined : text.slice(i + start.length, j);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const bench = path.dirname(fileURLToPath(import.meta.url));
  console.log(updateReadme(path.join(bench, 'RESULTS.md'), path.join(bench, '..', 'README.md')));
}
