// linreg-wasm/parallel (issue 13.3): fitParallel equals the single fit to 1e-12 (coefficients,
// intercept, standard errors, R²) for 1, 2 and 3 workers, row counts that do not divide, weights
// and no intercept; the worker count changes nothing beyond 1e-12; both transports (one shared
// buffer, transferred blocks) give the same bits; bad input is refused before any worker starts,
// with fit()'s errors; idle workers do not keep Node alive and closeParallel stops them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtModules } from '../scripts/built-wasm.js';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LinearRegression, Matrix, Vector } from '../src/index.js';
import { closeParallel, fitParallel } from '../src/parallel/index.js';
import { fitParallelOn } from '../src/parallel/fit-parallel.js';
import { startNodePool } from '../src/parallel/pool-node.js';
import { expectSameFit, rng } from './same-fit.js';

// Counts pool starts: bad input must be refused before any worker starts.
vi.mock('../src/parallel/pool-node.js', async (original) => {
  const mod = await original<typeof import('../src/parallel/pool-node.js')>();
  return { startNodePool: vi.fn(mod.startNodePool) };
});

const wasm = builtModules();


interface Data { X: number[][]; y: number[]; w?: number[] }

function data(seed: number, n: number, p: number, weights = false): Data {
  const r = rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => Math.round((r() - 0.5) * 2 ** 20) / 2 ** 10));
  const y = X.map((row) => 1.5 + row.reduce((t, v, j) => t + v * (j + 1) * 0.25, 0) + (r() - 0.5) * 40);
  return { X, y, w: weights ? X.map(() => 0.25 + r() * 4) : undefined };
}


const single = (d: Data, fitIntercept = true) => new LinearRegression({ fitIntercept }).fit(d.X, d.y, d.w ? { sampleWeight: d.w } : undefined);
const parallel = (d: Data, workers: number, fitIntercept = true) => fitParallel(d.X, d.y, { workers, fitIntercept, wasm, ...(d.w ? { sampleWeight: d.w } : {}) });

afterAll(() => closeParallel());

describe('fitParallel equals the single fit (1e-12)', () => {
  const cases: [string, Data, boolean][] = [
    ['plain, 601 rows', data(1, 601, 4), true],
    ['weighted, 1000 rows', data(2, 1000, 3, true), true],
    ['no intercept, weighted, 1003 rows', data(3, 1003, 3, true), false],
    ['no intercept, 7 rows', data(4, 7, 2), false],
  ];
  it.each(cases)('%s: workers 3, 1 and 2; the count changes nothing beyond 1e-12', async (_, d, fitIntercept) => {
    const want = single(d, fitIntercept);
    const fits: LinearRegression[] = [];
    for (const workers of [3, 1, 2]) {
      const m = await parallel(d, workers, fitIntercept);
      expectSameFit(m, want);
      fits.push(m);
    }
    expectSameFit(fits[0], fits[1]);
    expectSameFit(fits[2], fits[1]);
    expect(fits[0].fitIntercept).toBe(fitIntercept);
  });

  it('a Matrix, Float64Array rows and rows viewing one SharedArrayBuffer (read in place) give the same bits', async () => {
    const d = data(5, 2001, 5);
    const want = await parallel(d, 2);
    const X = Matrix.from(d.X), y = Vector.from(d.y);
    const sab = new Float64Array(new SharedArrayBuffer(2001 * 5 * 8));
    d.X.forEach((row, i) => sab.set(row, i * 5));
    try {
      for (const [Xs, ys] of [[X, y], [d.X.map((r) => Float64Array.from(r)), Float64Array.from(d.y)], [d.X.map((_, i) => sab.subarray(i * 5, i * 5 + 5)), d.y]] as const) {
        const m = await fitParallel(Xs, ys, { workers: 2, wasm });
        expect(Array.from(m.coef)).toEqual(Array.from(want.coef));
        expect(m.intercept).toBe(want.intercept);
      }
    } finally { X.dispose(); y.dispose(); }
  });

  // A block above 4 096 values is reduced by partialFit's wasm Householder QR in double (65 536
  // rows at a time): R's last diagonal then holds √SSE to about (‖y − ȳ‖/‖r‖)·ε·√(m·n), and the
  // standard errors follow it to ~1e-12 (1.06e-12 on 1 001 × 4 with R² = 0.9997): partialFit's
  // own accuracy, which partial-fit.test.ts checks at 1e-11 on its 30 000-row shards too.
  it('blocks reduced by the wasm QR (1 001 × 4 on one worker; 140 001 rows, over a 65 536-row chunk): the single fit to 1e-11', async () => {
    const small = data(1, 1001, 4);
    for (const workers of [1, 2, 3]) expectSameFit(await parallel(small, workers), single(small), 1e-11);
    const d = data(6, 140_001, 3, true);
    expectSameFit(await parallel(d, 2), single(d), 1e-11);
  });

  it('the blocks transferred (no SharedArrayBuffer, as in a page that is not cross-origin isolated) give the same bits', async () => {
    const d = data(7, 999, 3, true);
    const shared = await parallel(d, 3);
    const worker = new URL('../src/parallel/worker-from-source.mjs', import.meta.url);
    const moved = await fitParallelOn({ start: (n) => startNodePool(n, worker), shared: () => false }, d.X, d.y, { workers: 3, wasm, sampleWeight: d.w });
    expect(Array.from(moved.coef)).toEqual(Array.from(shared.coef));
    expect(moved.summary().standardErrors).toEqual(shared.summary().standardErrors);
  });

  it('the result is a partial fit: it merges further and saves its state', async () => {
    const d = data(8, 600, 3);
    const a = await fitParallel(d.X.slice(0, 400), d.y.slice(0, 400), { workers: 2, wasm, featureNames: ['a', 'b', 'c'], targetName: 'out' });
    const b = new LinearRegression().partialFit(d.X.slice(400), d.y.slice(400), { featureNames: ['a', 'b', 'c'] });
    expectSameFit(a.merge(b), single(d), 1e-12, { names: false }); // named a, b, c and out here
    expect(LinearRegression.fromBytes(a.toBytes()).coef).toEqual(a.coef);
    expect(a.summary().dependentVariable).toBe('out');
  });
});

describe('bad input is refused before any worker starts, with the errors fit() raises', () => {
  const d = data(9, 12, 2);
  const nanX = d.X.map((r, i) => (i === 5 ? [r[0], Number.NaN] : r));
  // Matrix.from refuses NaN: the user fills the wasm memory directly
  const matrix = (rows: number[][]) => { const M = Matrix.alloc(rows.length, 2); M.data.set(rows.flat()); return M; };
  const bad: [string, unknown, unknown, Record<string, unknown>][] = [
    ['y too short', d.X, d.y.slice(1), { workers: 2 }],
    ['ragged X', [...d.X.slice(0, 3), [1]], d.y.slice(0, 4), { workers: 2 }],
    ['NaN in X', nanX, d.y, { workers: 2 }],
    ['NaN in a Matrix (found by the SIMD scan)', matrix(nanX), d.y, { workers: 2 }],
    ['-Infinity in a Matrix, last entry', matrix(d.X.map((r, i) => (i === 11 ? [r[0], -Infinity] : r))), d.y, { workers: 2 }],
    ['Infinity in y', d.X, d.y.map((v, i) => (i === 7 ? Infinity : v)), { workers: 2 }],
    ['no rows', [], [], { workers: 2 }],
    ['a string in X', d.X.map((r, i) => (i === 2 ? [r[0], '1'] : r)), d.y, { workers: 2 }],
    ['negative weight', d.X, d.y, { workers: 2, sampleWeight: d.y.map((_, i) => (i === 3 ? -1 : 1)) }],
    ['featureNames of the wrong length', d.X, d.y, { workers: 2, featureNames: ['a'] }],
  ];
  it.each(bad)('%s: the same error as fit()', async (_, X, y, options) => {
    await closeParallel();
    const starts = vi.mocked(startNodePool).mock.calls.length;
    const { workers: __, ...fitOptions } = options;
    let expected: unknown;
    try { new LinearRegression().fit(X as number[][], y as number[], fitOptions); } catch (error) { expected = error; }
    expect(expected).toBeInstanceOf(Error);
    await expect(fitParallel(X as number[][], y as number[], { ...options, wasm } as never)).rejects.toThrow(expected as Error);
    const got = await fitParallel(X as number[][], y as number[], { ...options, wasm } as never).catch((error: unknown) => error);
    expect((got as Error).constructor).toBe((expected as Error).constructor);
    expect(vi.mocked(startNodePool).mock.calls.length).toBe(starts);
  });

  it.each([[0, RangeError], [-1, RangeError], [1.5, RangeError], [Number.NaN, RangeError], ['2', TypeError], [undefined, TypeError]])('workers = %s: %o', async (workers, kind) => {
    await closeParallel();
    const starts = vi.mocked(startNodePool).mock.calls.length;
    await expect(fitParallel(d.X, d.y, { workers, wasm } as never)).rejects.toThrow(kind);
    await expect(fitParallel(d.X, d.y, { workers: 2, wasm, threads: 2 } as never)).rejects.toThrow(/unknown option "threads"/);
    expect(vi.mocked(startNodePool).mock.calls.length).toBe(starts);
  });
});

describe('the pool and the process', () => {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const run = (close: boolean) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'linreg-parallel-'));
    const file = path.join(dir, 'child.mts');
    writeFileSync(file, [
      `import { builtModules } from ${JSON.stringify(path.join(root, 'scripts/built-wasm.ts'))};`,
      `import { init } from ${JSON.stringify(path.join(root, 'src/index.ts'))};`,
      `import { fitParallel, closeParallel } from ${JSON.stringify(path.join(root, 'src/parallel/index.ts'))};`,
      'const wasm = builtModules();',
      'await init(wasm);',
      'const m = await fitParallel([[1], [2], [3], [4], [5]], [1, 2, 3, 5, 4], { workers: 2, wasm });',
      'console.log(m.coef[0]);',
      close ? 'await closeParallel();' : '',
    ].join('\n'));
    try {
      return spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('Node exits after a fit, with closeParallel and without it (idle workers keep nothing alive)', () => {
    for (const close of [true, false]) {
      const child = run(close);
      expect(child.error, child.stderr).toBeUndefined();
      expect(child.status, child.stderr).toBe(0);
      expect(Number(child.stdout.trim())).toBeCloseTo(0.9, 12);
    }
  });
});
