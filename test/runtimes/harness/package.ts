// Packs the built package as npm would publish it and installs it into a scratch project, so
// every runtime resolves `linreg-wasm` through its exports map from node_modules, as users do.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A scratch project with the packed package installed in node_modules/linreg-wasm. */
export function installPackedPackage(prefix = 'linreg-runtimes-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const tarball = packTarball(dir);
  const target = join(dir, 'node_modules/linreg-wasm');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  rmSync(tarball);
  linkDependencies(target, join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'linreg-runtime-check', private: true, type: 'module', dependencies: { 'linreg-wasm': '*' },
  }, null, 2));
  if (!readdirSync(target).includes('dist')) throw new Error(`npm pack left no dist/ in ${target}`);
  return dir;
}

export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm pack` of the built package (no scripts: dist/ is already built) into `dir`; returns the tarball's path. */
export function packTarball(dir: string): string {
  if (!existsSync(join(repoRoot, 'dist/linreg.wasm')) || !existsSync(join(repoRoot, 'dist/index.js'))) {
    throw new Error('dist/ is not built: run `npm run build` first (`npm test` does)');
  }
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], {
    cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  return join(dir, out.trim().split('\n').pop() ?? '');
}

// The package's runtime dependencies, as npm would install them beside it: links to this repo's
// installed copies (their own dependencies resolve from there, through the real path).
function linkDependencies(packageDir: string, nodeModules: string): void {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const installed = join(repoRoot, 'node_modules', name);
    if (!existsSync(installed)) throw new Error(`dependency ${name} is not installed: run \`npm ci\``);
    mkdirSync(dirname(join(nodeModules, name)), { recursive: true });
    symlinkSync(installed, join(nodeModules, name), 'dir');
  }
}

/**
 * Copies this repo's installed runtime dependencies of the package (every non-dev package of
 * package-lock.json) into `<dir>/node_modules`, so that `npm install --offline <tarball>` finds them
 * satisfied there instead of asking an npm cache that may not hold them.
 */
export function seedRuntimeDependencies(dir: string): void {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  for (const [path, info] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || path.lastIndexOf('node_modules/') !== 0 || info.dev) continue;
    cpSync(join(repoRoot, path), join(dir, path), { recursive: true });
  }
}

/** Removes a scratch project unless LINREG_KEEP_TMP is set (for looking at what ran). */
export function removeScratch(dir: string | undefined): void {
  if (dir && !process.env.LINREG_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
}
