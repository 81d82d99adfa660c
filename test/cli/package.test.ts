// The command as users get it: `npm install` of the packed package in an empty project gives
// node_modules/.bin/linreg (npx linreg), which runs with nothing else installed; the tarball holds
// the one bundled file of the command, of a bounded size.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npm, packTarball, removeScratch } from '../runtimes/harness/package.js';
import { fixture, root } from './run.js';

describe('linreg from the packed package', () => {
  it('npm install gives a working `npx linreg` and installs no other package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linreg-cli-install-'));
    try {
      const tarball = packTarball(dir);
      const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter((f) => f.startsWith('package/dist/cli/'));
      expect(listed).toEqual(['package/dist/cli/linreg.js']);
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'linreg-cli-check', private: true }));
      execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: dir, stdio: 'pipe' });
      expect(readdirSync(join(dir, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['linreg-wasm']);
      const run = (args: string[]) => spawnSync(npm === 'npm' ? 'npx' : 'npx.cmd', ['--offline', '--no-install', 'linreg', ...args], { cwd: dir, encoding: 'utf8' });
      const version = run(['--version']);
      expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
      const fit = run(['fit', fixture('longley.csv'), '--y', 'TOTEMP']);
      expect(fit.status).toBe(0);
      expect(fit.stdout).toMatch(/^YEAR +1829\.1515 /m);
    } finally {
      removeScratch(dir);
    }
  });

  it('dist/cli/linreg.js stays a reasonable size (bundled, minified, without linkedom\'s parsers)', () => {
    const kb = statSync(join(root, 'dist/cli/linreg.js')).size / 1024;
    expect(kb).toBeLessThan(600);
  });
});
