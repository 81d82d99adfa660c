// Bad input: one line on stderr naming the file, the line and the column, exit code 2, and no file
// written (not the saved model, not the plots). An internal failure: exit 1, no stack unless --debug.
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fixture, linreg, root } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'linreg-cli-errors-'));
const csv = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const CASES: [what: string, file: string, args: string[], line: RegExp][] = [
  ['a ragged row', csv('ragged.csv', 'a,b,y\n1,2,3\n4,5\n'), [], /^linreg: \S*ragged\.csv line 3: 2 fields, but the header has 3$/],
  ['an unparseable number in the target', csv('nan.csv', 'a,b,y\n1,2,3\n4,5,abc\n7,8,9\n'), [], /^linreg: \S*nan\.csv line 3, column 3 \(y\): "abc" is not a number$/],
  ['text in a numeric column after its first 1000 rows', csv('late-text.csv', `a,b,y\n${'1,2,3\n4,5,7\n'.repeat(500)}4,abc,6\n`), [],
    /^linreg: \S*late-text\.csv line 1002, column 2 \(b\): "abc" is not a number \(b is read as numbers: its first 1000 rows hold no text; give categorical: \["b"\] to read it as categorical\)$/],
  ['an unknown target column', fixture('seed.csv'), ['--y', 'price'], /^linreg: \S*seed\.csv line 1: no column named "price" for the target; the header has "x1", "x2", "x3", "y"$/],
  ['an unknown feature column', fixture('seed.csv'), ['--x', 'x1,x9'], /^linreg: \S*seed\.csv line 1: no column named "x9" for the feature; the header has/],
  ['an unknown excluded column', fixture('seed.csv'), ['--exclude', 'id'], /^linreg: \S*seed\.csv line 1: --exclude id: no such column; the header has "x1", "x2", "x3", "y"$/],
  ['a constant target', csv('constant.csv', 'a,b,y\n1,2,5\n4,5,5\n7,1,5\n'), [], /^linreg: \S*constant\.csv column "y" \(the target\): every one of the 3 rows is 5; a constant target leaves nothing to fit$/],
  ['an empty target', csv('empty-target.csv', 'a,b,y\n1,2,\n4,5,\n'), [], /^linreg: \S*empty-target\.csv[^\n]* every row has a missing value/],
  ['an empty target cell with --missing error', csv('empty-cell.csv', 'a,b,y\n1,2,3\n4,5,\n'), ['--missing', 'error'], /^linreg: \S*empty-cell\.csv line 3, column 3 \(y\) is missing \(empty\)/],
  ['an empty file', csv('empty.csv', ''), [], /^linreg: \S*empty\.csv is empty$/],
  ['a header and no rows', csv('header.csv', 'a,b,y\n'), [], /^linreg: \S*header\.csv has a header but no rows$/],
  ['a missing file', join(dir, 'nope.csv'), [], /^linreg: \S*nope\.csv: no such file$/],
  ['a bad level', fixture('seed.csv'), ['--level', '1.5'], /^linreg: level must be in \(0, 1\)/],
  ['an unknown covariance', fixture('seed.csv'), ['--cov', 'HC9'], /^linreg: option '--cov <type>' argument 'HC9' is invalid/],
];

describe('bad input', () => {
  it.each(CASES)('%s: one line naming the place, exit 2, nothing written', (_, file, args, line) => {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const r = linreg(['fit', file, ...(args.includes('--y') ? [] : ['--y', 'y']), ...args, '--save', join(out, 'model.json'), '--plots', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l && !l.startsWith('(run linreg'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(existsSync(out)).toBe(false);
  });

  it('a failure after the fit leaves an existing --save file as it was', () => {
    const saved = csv('kept.json', 'old');
    const r = linreg(['fit', fixture('longley.csv'), '--y', 'TOTEMP', '--one-pass', '--cov', 'HC3', '--save', saved]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('linreg: --cov HC3 needs every row\'s residual, from the second pass over the file: leave out --one-pass\n');
    expect(spawnSync('cat', [saved], { encoding: 'utf8' }).stdout).toBe('old');
  });

  it('usage: --help for each command and --version exit 0; no command exits 2', () => {
    for (const command of ['fit', 'train', 'predict']) {
      const r = linreg([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: linreg ${command}`);
      expect(r.stdout).toContain('Examples:');
    }
    expect(linreg(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(linreg([]).code).toBe(2);
  });
});

describe('internal failure', () => {
  it('exits 1 with one line and no stack trace; --debug prints the stack', () => {
    // A copy of the built package without its .wasm: init() cannot read the module.
    const broken = mkdtempSync(join(tmpdir(), 'linreg-cli-broken-'));
    cpSync(join(root, 'dist'), join(broken, 'dist'), { recursive: true });
    cpSync(join(root, 'package.json'), join(broken, 'package.json'));
    rmSync(join(broken, 'dist/linreg.wasm'));
    const run = (extra: string[]) => spawnSync(process.execPath, [join(broken, 'dist/cli/linreg.js'), 'fit', fixture('seed.csv'), '--y', 'y', ...extra], { encoding: 'utf8' });
    const r = run([]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^linreg: internal error: .*linreg\.wasm.* \(run again with --debug for the stack trace\)\n$/);
    const d = run(['--debug']);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/\n\s+at /);
  });
});
