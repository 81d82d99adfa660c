// lstsq against numpy.linalg.lstsq (fixtures from scripts/fixtures/closed_form.py), and its contract.
import { describe, expect, it } from 'vitest';
import { lstsq, Matrix, Vector, memoryUsage } from '../src/index.js';
import { expectRel, fixtures } from './closed-form-helpers.js';
import { expectTypedError } from './error-table.js';

type Case = { name: string; A: number[][]; b: number[]; rcond: number | null; x: number[]; residuals: number[]; rank: number; singularValues: number[] };
const cases: Case[] = fixtures.lstsq;
const opts = (c: Case) => (c.rcond === null ? {} : { rcond: c.rcond });

describe('lstsq matches numpy.linalg.lstsq', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: same rank, singular values, residuals', (_, c) => {
    const r = lstsq(c.A, c.b, opts(c));
    expect(r.rank).toBe(c.rank);
    expectRel(r.singularValues, c.singularValues, 1e-12, 'singular values');
    expect(r.residuals.length).toBe(c.residuals.length);
    const bb = c.b.reduce((s, v) => s + v * v, 0);
    if (c.residuals.length) expect(Math.abs(r.residuals[0] - c.residuals[0])).toBeLessThanOrEqual(1e-10 * Math.max(c.residuals[0], 1e-6 * bb));
  });
  it.each(cases.filter((c) => c.name !== 'badly scaled').map((c) => [c.name, c] as const))('%s: same (minimum-norm) x to 1e-10', (_, c) => {
    expectRel(lstsq(c.A, c.b, opts(c)).x, c.x, 1e-10, 'x');
  });
  it('badly scaled columns (1e-6 … 1e8): numpy is off by ~1e-9, ours satisfies Aᵀ(b − Ax) = 0 to rounding', () => {
    const c = cases.find((k) => k.name === 'badly scaled')!;
    const { x } = lstsq(c.A, c.b);
    expectRel(x, c.x, 1e-7, 'x vs numpy');
    for (let j = 0; j < x.length; j++) {
      let g = 0, scale = 0;
      c.A.forEach((row, i) => {
        const r = c.b[i] - row.reduce((s, a, k) => s + a * x[k], 0);
        g += row[j] * r;
        scale += Math.abs(row[j] * c.b[i]);
      });
      expect(Math.abs(g)).toBeLessThan(1e-13 * scale);
    }
  });
});

describe('rank deficiency is explained, never an error', () => {
  const seed = cases.find((c) => c.name === 'seed [1, X]')!;
  it('names the dependent columns of the seed data [1, X]', () => {
    const r = lstsq(seed.A, seed.b, { columnNames: ['1', 'x1', 'x2', 'x3'] });
    expect(r.dependencies.map((d) => d.column)).toEqual(['x2', 'x3']);
    expect(r.dependencies[0].combination).toHaveLength(1);
    expect(r.dependencies[0].combination[0].column).toBe('x1');
    expect(r.dependencies[0].combination[0].coef).toBeCloseTo(1, 12);
    expect(r.dependencies[0].constant).toBeCloseTo(1, 12);
    expect(r.dependencies[1].constant).toBeCloseTo(2, 12);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('x2 ≈ x1 + 1');
    expect(r.warnings[0]).toContain('x3 ≈ x1 + 2');
    expect(r.warnings[0]).toContain('minimum-norm');
  });
  it('returns an orthonormal null-space basis: A·N = 0, and x ⟂ N (x is the minimum-norm solution)', () => {
    const r = lstsq(seed.A, seed.b);
    expect(r.nullSpace).toHaveLength(2);
    for (const v of r.nullSpace) {
      expect(Math.hypot(...v)).toBeCloseTo(1, 12);
      for (const row of seed.A) expect(Math.abs(row.reduce((s, a, k) => s + a * v[k], 0))).toBeLessThan(1e-12);
      expect(Math.abs(v.reduce((s, t, k) => s + t * r.x[k], 0))).toBeLessThan(1e-12);
    }
    expectRel(r.x, fixtures.lstsq.find((c: Case) => c.name === 'seed [1, X]').x, 1e-10);
  });
  it('full-rank problems have no null space, dependencies or warnings', () => {
    const r = lstsq(cases[0].A, cases[0].b);
    expect([r.nullSpace, r.dependencies, r.warnings]).toEqual([[], [], []]);
  });
});

describe('options and inputs', () => {
  const c = cases[1];
  it('accepts a zero-copy Matrix/Vector and leaves them untouched', () => {
    const A = Matrix.from(c.A), b = Vector.from(c.b);
    const before = Float64Array.from(A.data);
    expectRel(lstsq(A, b).x, c.x, 1e-10);
    expect(A.data).toEqual(before);
    A.dispose(); b.dispose();
  });
  it("gives the same answer by 'qr' and by 'normal' on a well-conditioned problem", () => {
    expectRel(lstsq(c.A, c.b, { method: 'normal' }).x, lstsq(c.A, c.b, { method: 'qr' }).x, 1e-13);
  });
  it('frees every temporary block', () => {
    const live = memoryUsage().liveBytes;
    lstsq(c.A, c.b);
    lstsq(seed().A, seed().b);
    expect(memoryUsage().liveBytes).toBe(live);
  });
  function seed() { return cases.find((k) => k.name === 'seed [1, X]')!; }
});

describe('bad input raises a typed error naming the problem', () => {
  const A = [[1, 2], [3, 4], [5, 7]], b = [1, 2, 3];
  it.each([
    ['b of the wrong length', () => lstsq(A, [1, 2]), RangeError, /b has 2 values but A has 3 rows/],
    ['NaN in A', () => lstsq([[1, NaN], [3, 4]], [1, 2]), RangeError, /A\[0\]\[1\] is NaN/],
    ['Infinity in b', () => lstsq(A, [1, Infinity, 3]), RangeError, /b\[1\] is Infinity/],
    ['NaN rcond', () => lstsq(A, b, { rcond: NaN }), RangeError, /rcond must be finite/],
    ['rcond of the wrong kind', () => lstsq(A, b, { rcond: '1e-3' as unknown as number }), TypeError, /rcond must be a number/],
    ['unknown method', () => lstsq(A, b, { method: 'svd' as 'qr' }), TypeError, /method must be/],
    ['unknown option', () => lstsq(A, b, { tol: 1 } as object), TypeError, /unknown option "tol"/],
    ['A not a matrix', () => lstsq('A' as unknown as number[][], b), TypeError, /A must be a Matrix/],
    ['aLow of another shape', () => lstsq(A, b, { aLow: [[0, 0]] }), RangeError, /aLow is 1×2 but the design is 3×2/],
    ['columnNames of the wrong length', () => lstsq(A, b, { columnNames: ['a'] }), TypeError, /columnNames must be an array of 2 strings/],
  ])('%s', (_, call, kind, message) => {
    const live = memoryUsage().liveBytes;
    expectTypedError(call, kind, message);
    expect(memoryUsage().liveBytes).toBe(live);
  });
  it('NaN inside a zero-copy Matrix is found after the solve and named', () => {
    const M = Matrix.from(A);
    M.data[3] = NaN;
    expect(() => lstsq(M, b)).toThrow(/A\[1\]\[1\] is NaN/);
    M.dispose();
  });
});

describe('zero-size shapes get numpy answers (its test_linalg test_empty_a_b)', () => {
  it('no rows: x = 0, rank 0, no residuals', () => {
    const A = Matrix.alloc(0, 4), b = Vector.alloc(0);
    const r = lstsq(A, b);
    expect([Array.from(r.x), r.rank, r.residuals.length, r.singularValues.length]).toEqual([[0, 0, 0, 0], 0, 0, 0]);
    A.dispose(); b.dispose();
  });
  it('no columns: x empty, residuals = ‖b‖² (m > n = rank)', () => {
    const r = lstsq([[], [], []], [1, 2, 2]);
    expect([r.x.length, r.rank, Array.from(r.residuals)]).toEqual([0, 0, [9]]);
  });
});

