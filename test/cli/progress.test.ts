// The progress bar: drawn on stderr under a pseudo-terminal (util-linux `script`), with bytes read
// and rows/s; absent when stderr is a pipe, and with --no-progress.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, linreg } from './run.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** A 200 000-row CSV (about 13 MB): y = 1 + 2a − 3b + noise, from a fixed LCG. */
function bigCsv(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'linreg-cli-progress-')), 'big.csv');
  let state = 12345;
  const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = ['id,a,b,y'];
  for (let i = 0; i < 200_000; i++) {
    const a = rnd(), b = rnd();
    rows.push(`${i},${a},${b},${1 + 2 * a - 3 * b + 0.1 * (rnd() - 0.5)}`);
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

const shell = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

describe.skipIf(!hasScript)('progress', () => {
  const file = bigCsv();

  it('shows a bar with bytes and rows/s on a terminal', () => {
    const command = [process.execPath, cli, 'fit', file, '--y', 'y', '--exclude', 'id'].map(shell).join(' ');
    const screen = execFileSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(screen).toMatch(/fit {7}\[[=-]+\] \d+% \| [\d.]+ (KB|MB) of [\d.]+ MB \| [\d,]+ rows \| [\d.]+ (k |M )?rows\/s/);
    expect(screen).toMatch(/residuals \[=+\] 100% \| [\d.]+ MB of [\d.]+ MB \| 200,000 rows/);
    expect(screen).toContain('OLS Regression Results');
  });

  it('draws nothing when stderr is not a terminal, or with --no-progress on one', () => {
    const r = linreg(['fit', file, '--y', 'y', '--exclude', 'id']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const command = [process.execPath, cli, '--no-progress', 'fit', file, '--y', 'y', '--exclude', 'id'].map(shell).join(' ');
    const screen = execFileSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(screen).not.toContain('rows/s');
    expect(screen).toContain('OLS Regression Results');
  });

  it('shows the live loss while training', () => {
    const command = [process.execPath, cli, 'train', file, '--y', 'y', '--x', 'a,b', '--optimizer', 'adam', '--lr', '0.05', '--iterations', '400'].map(shell).join(' ');
    const screen = execFileSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(screen).toMatch(/train \[=+\] 100% \| step 400\/400 \| loss [\d.e-]+/);
  });

  it('counts the steps of epochs of mini-batches, and only those taken when early stopping ends the run', () => {
    const run = (extra: string[]) => execFileSync('script', ['-qfec', [process.execPath, cli, 'train', file, '--y', 'y', '--x', 'a,b',
      '--optimizer', 'adam', '--lr', '0.05', ...extra].map(shell).join(' '), '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    // 200 000 rows in batches of 60 000: 4 steps an epoch (the last of 20 000 rows).
    expect(run(['--epochs', '3', '--batch-size', '60000'])).toMatch(/train \[=+\] 100% \| step 12\/12 \| epoch 3\/3 \| loss [\d.e-]+/);
    // A tol this large counts every epoch after the first as no progress: the second ends the run.
    const stopped = run(['--epochs', '10', '--batch-size', '60000', '--tol', '1e9', '--n-iter-no-change', '1']);
    expect(stopped).toMatch(/train \[=+\] 100% \| step 8\/8 \| stopped early at 2\/10 epochs \| loss [\d.e-]+/);
    expect(stopped).toContain('stopped early after 2 of 10 epochs (8 steps)');
  });
});
