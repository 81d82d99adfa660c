// A new user's first contact: the packed package installed into a project made by `npm init -y`
// (npm 11 writes "type": "commonjs"), the README's snippets run there as .mjs and .cjs files, and
// a TypeScript consumer holding every README snippet type-checked with nodenext and bundler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npm, packTarball, removeScratch, repoRoot, seedRuntimeDependencies } from '../runtimes/harness/package.js';
import { runProcess, type ProcessRun } from '../runtimes/harness/process.js';
import { README, snippet } from './snippets.js';
import { consumerFiles } from './consumer.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'linreg-fresh-'));
  execFileSync(npm, ['init', '-y'], { cwd: dir, stdio: 'ignore' });
  const tarball = packTarball(dir);
  seedRuntimeDependencies(dir);
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, stdio: 'pipe' });
  mkdirSync(join(dir, 'snippets'));
  for (const [name, code] of consumerFiles()) writeFileSync(join(dir, 'snippets', name), code);
});

afterAll(() => removeScratch(dir));

const node = (file: string, code: string, flags: string[] = []): Promise<ProcessRun> => {
  writeFileSync(join(dir, file), code);
  return runProcess(process.execPath, [...flags, file], { cwd: dir });
};

describe('a project made by npm init -y', () => {
  it('is CommonJS, as the README warns', () => {
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type ?? 'commonjs').toBe('commonjs');
  });

  it('runs the Ten lines as main.mjs and prints what the README says', async () => {
    const run = await node('ten-lines.mjs', snippet('Ten lines', 'import').code);
    const printed = README.match(/prints \(`npx tsx examples\/readme\.ts`\)\n\n```\n([\s\S]*?)```/)![1];
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(printed);
  });

  it('the same lines in a .js file fail with the error the README names', async () => {
    const run = await node('ten-lines.js', snippet('Ten lines', 'import').code);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Cannot use import statement outside a module');
    expect(README).toContain('fails with "Cannot use import statement outside a module"');
  });

  it('runs the Node snippet as main.mjs', async () => {
    const run = await node('main.mjs', snippet('Node').code);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Float64Array\(2\) \[ .* \] -?\d/);
  });

  it('runs the CommonJS snippet (await import()) as main.cjs', async () => {
    const run = await node('main.cjs', snippet('CommonJS').code);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Float64Array\(1\) \[ 2\.25/);
  });

  it('runs init(wasm) with linreg-wasm/wasm', async () => {
    const code = `${snippet('Handing `init()` the module yourself').code}console.log(JSON.stringify((await import('linreg-wasm')).memoryUsage()));\n`;
    const run = await node('module.mjs', code);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).wasmBytes).toBeGreaterThan(0);
  });

  it('require() works where Node can require() ESM, and elsewhere fails naming the await import() fix', async () => {
    const code = "const { init, LinearRegression } = require('linreg-wasm');\nconsole.log(typeof init, typeof LinearRegression);\n";
    const works = await node('require.cjs', code);
    expect(works.stdout.trim()).toBe('function function');
    const old = await node('require.cjs', code, ['--no-experimental-require-module']); // Node 18's behaviour
    expect(old.code).not.toBe(0);
    expect(old.stderr).toContain("linreg-wasm is an ES module, and this Node cannot require() one (Node < 20.19, or --no-experimental-require-module). "
      + "From CommonJS, import it inside an async function: const { init, LinearRegression } = await import('linreg-wasm');");
    expect(old.stderr).toContain("code: 'ERR_REQUIRE_ESM'");
  });
});

describe('a TypeScript consumer holding every README snippet', () => {
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  const options = {
    target: 'es2022', lib: ['es2022', 'dom'], strict: true, noEmit: true, types: [], skipLibCheck: false,
  };
  // nodenext without esnext.disposable (the package's types must not need it; the `using` blocks do),
  // bundler with it, every block included.
  it.each([
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }, ['snippets/*.disposable.mts']],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'esnext.disposable', 'dom'] }, []],
  ])('type-checks with moduleResolution %s', async (name, resolution, exclude) => {
    writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { ...options, ...resolution }, include: ['snippets'], exclude }));
    const run = await runProcess(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: dir });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
