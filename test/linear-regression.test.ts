// LinearRegression against scikit-learn (fixtures from scripts/fixtures/closed_form.py), and its contract.
import { describe, expect, it } from 'vitest';
import { LinAlgError, LinearRegression, Matrix, NotFittedError, Vector, lstsq, memoryUsage } from '../src/index.js';
import { expectRel, fixtures } from './closed-form-helpers.js';
import { expectTypedError } from './error-table.js';
import { getArena } from '../src/wasm/init.js';
import { solveProblem } from '../src/solver/solve.js';

type Case = {
  name: string; X: number[][]; y: number[]; fitIntercept: boolean; sampleWeight: number[] | null;
  coef: number[]; intercept: number; rank: number; singularValues: number[]; score: number; Xtest: number[][]; predict: number[];
};
const cases: Case[] = fixtures.linearRegression;
const fitOpts = (c: Case) => (c.sampleWeight ? { sampleWeight: c.sampleWeight } : undefined);

describe('LinearRegression matches scikit-learn', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const m = new LinearRegression({ fitIntercept: c.fitIntercept }).fit(c.X, c.y, fitOpts(c));
    expectRel(m.coef, c.coef, 1e-10, 'coef');
    const yScale = Math.max(...c.y.map(Math.abs));
    expect(Math.abs(m.intercept - c.intercept)).toBeLessThan(1e-10 * Math.max(Math.abs(c.intercept), yScale));
    expect(m.rank).toBe(c.rank);
    expectRel(m.singularValues, c.singularValues, 1e-12, 'singular values');
    expect(m.score(c.X, c.y, fitOpts(c))).toBeCloseTo(c.score, 12);
    expectRel(m.predict(c.Xtest), c.predict, 1e-10, 'predict');
    expect(m.nFeaturesIn).toBe(c.X[0].length);
  });
});

describe('collinearity', () => {
  const seed = cases.find((c) => c.name === 'seed (rank-deficient)')!;
  it('says which columns are dependent on the seed data, in words and as data', () => {
    const m = new LinearRegression().fit(seed.X, seed.y);
    expect(m.rank).toBe(1);
    expect(m.warnings[0]).toContain('x2 ≈ x1 + 1');
    expect(m.warnings[0]).toContain('x3 ≈ x1 + 2');
    expect(m.warnings[0]).toContain('minimum-norm');
    const [d2, d3] = m.dependencies;
    expect(d2.column).toBe('x2');
    expect(d2.combination.map((t) => t.column)).toEqual(['x1']);
    expect(d2.combination[0].coef).toBeCloseTo(1, 12);
    expect(d2.constant).toBeCloseTo(1, 12);
    expect(d3.constant).toBeCloseTo(2, 12);
    expect(m.nullSpace).toHaveLength(2);
  });
  it('uses the given feature names', () => {
    const m = new LinearRegression().fit(seed.X, seed.y, { featureNames: ['a', 'b', 'c'] });
    expect(m.warnings[0]).toContain('b ≈ a + 1');
  });
  it('prints the warning only when asked (warn: true)', () => {
    const seen: string[] = [];
    const original = console.warn;
    console.warn = (msg: string) => { seen.push(msg); };
    try {
      new LinearRegression().fit(seed.X, seed.y);
      expect(seen).toEqual([]);
      new LinearRegression({ warn: true }).fit(seed.X, seed.y);
      expect(seen).toHaveLength(1);
    } finally {
      console.warn = original;
    }
  });
  it('finds dependencies with an offset: x4 ≈ x1 − x3 + 5', () => {
    const c = cases.find((k) => k.name === 'dependent with offset')!;
    expect(new LinearRegression().fit(c.X, c.y).warnings[0]).toContain('x4 ≈ x1 − x3 + 5');
  });
});

describe('paths and memory', () => {
  function bigProblem(rows: number, cols: number) {
    const X = Matrix.alloc(rows, cols), y = Vector.alloc(rows);
    let s = 7;
    const r = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
    for (let i = 0; i < rows; i++) {
      let t = 3;
      for (let j = 0; j < cols; j++) { const v = r() + (j === 0 ? 50 : 0); X.data[i * cols + j] = v; t += (j + 1) * v; }
      y.data[i] = t + 0.01 * r();
    }
    return { X, y };
  }
  it("uses the zero-copy Gram path for large data and agrees with the QR path to 1e-12", () => {
    const { X, y } = bigProblem(40_000, 8);
    const fast = new LinearRegression().fit(X, y);
    const exact = new LinearRegression({ method: 'qr' }).fit(X, y);
    expect(fast.methodUsed).toBe('normal');
    expect(exact.methodUsed).toBe('qr');
    expectRel(fast.coef, exact.coef, 1e-12);
    expect(fast.intercept).toBeCloseTo(exact.intercept, 9);
    X.dispose(); y.dispose();
  });
  it('refines on the Gram path when columns are correlated (scaled condition ~1e3), weighted or not', () => {
    const { X, y } = bigProblem(30_000, 4);
    const d = X.data;
    for (let i = 0; i < 30_000; i++) d[i * 4 + 1] = d[i * 4] + 1e-3 * d[i * 4 + 1];
    const w = Float64Array.from({ length: 30_000 }, (_, i) => 1 + (i % 3));
    for (const opts of [undefined, { sampleWeight: w }]) {
      const fast = new LinearRegression().fit(X, y, opts);
      const exact = new LinearRegression({ method: 'qr' }).fit(X, y, opts);
      expect(fast.methodUsed).toBe('normal');
      expectRel(fast.coef, exact.coef, 1e-11);
    }
    X.dispose(); y.dispose();
  });
  it('allocates nothing proportional to the data on the Gram path', () => {
    const { X, y } = bigProblem(200_000, 4);
    const before = memoryUsage().wasmBytes;
    new LinearRegression().fit(X, y);
    expect(memoryUsage().wasmBytes).toBe(before);
    X.dispose(); y.dispose();
  });
  it('stops refining at convergence on a well-conditioned QR fit, and keeps (AᵀA)⁻¹ for later', () => {
    const { X, y } = bigProblem(1000, 10);
    const pb = { arena: getArena(), x: X.ptr, lo: 0, y: y.ptr, w: 0, rows: 1000, cols: 10, intercept: true, rcond: Number.EPSILON };
    expect(solveProblem(pb, 'auto').method).toBe('normal'); // small and κ ≤ 1e3: the Gram path, refined in double-double
    const sol = solveProblem(pb, 'qr');
    expect(sol.method).toBe('qr');
    expect(sol.iterations).toBe(2); // the plain QR solution, then one double-double correction
    expect(sol.refinedInverse).toBeUndefined(); // κ ≈ 1: the factor's (AᵀA)⁻¹ is exact enough
    expect(sol.factor.kappaBound).toBeLessThan(Infinity); // rank certified without the SVD
    expect(new LinearRegression().fit(X, y).singularValues).toHaveLength(10); // the SVD, on first use
    X.dispose(); y.dispose();
  });
  it('refines every column of (AᵀA)⁻¹ when the scaled condition number is large', () => {
    const rows = 60, x = Array.from({ length: rows }, (_, i) => 1 + i / rows);
    const X = x.map((v) => [v, v * v, v * v * v, v ** 4]), y = x.map((v) => Math.sin(v));
    const m = Matrix.from(X), yv = Vector.from(y);
    const sol = solveProblem({ arena: getArena(), x: m.ptr, lo: 0, y: yv.ptr, w: 0, rows, cols: 4, intercept: true, rcond: Number.EPSILON }, 'qr');
    expect(sol.refinedInverse).toHaveLength(25);
    m.dispose(); yv.dispose();
  });
  it('takes sample weights as a Vector (zero-copy input) as well as an array', () => {
    const c = cases.find((t) => t.sampleWeight)!;
    const w = Vector.from(c.sampleWeight!);
    const a = new LinearRegression().fit(c.X, c.y, { sampleWeight: w });
    const b = new LinearRegression().fit(c.X, c.y, { sampleWeight: c.sampleWeight! });
    expect(a.coef).toEqual(b.coef);
    expect(a.score(c.X, c.y, { sampleWeight: w })).toBe(b.score(c.X, c.y, { sampleWeight: c.sampleWeight! }));
    w.dispose();
  });
  it('frees its temporary blocks on every path', () => {
    const c = cases[2];
    const live = memoryUsage().liveBytes;
    new LinearRegression().fit(c.X, c.y, fitOpts(c)).predict(c.Xtest);
    new LinearRegression({ method: 'normal' }).fit(c.X, c.y);
    expect(memoryUsage().liveBytes).toBe(live);
  });
});

describe('units: the answer scales with the data', () => {
  const X = [[1, 0.5], [2, -1], [3, 2.5], [4, 0], [5, 1.5]], y = [1, 2, 3.5, 4, 6];
  const ref = new LinearRegression().fit(X, y);
  it.each([1e-300, 1e-170, 1e-20, 1e20, 1e150])('X·%s gives coef / %s, same intercept and rank', (s) => {
    const m = new LinearRegression().fit(X.map((r) => r.map((v) => v * s)), y);
    expect(m.rank).toBe(2);
    expectRel(m.coef.map((c) => c * s), ref.coef, 1e-13);
    expect(m.intercept).toBeCloseTo(ref.intercept, 12);
  });
  it('a column of subnormal numbers is still a column (or, against an ε·σ_max cutoff, a zero one)', () => {
    expect(Array.from(lstsq([[-5e-324]], [0]).x)).toEqual([0]);
    // the default rule keeps it (no relation makes it vanish), and x₀ = 2¹⁰⁷⁴ leaves the double range
    expect(() => lstsq([[5e-324, 0], [0, 1]], [1, 1])).toThrow(LinAlgError);
    const r = lstsq([[5e-324, 0], [0, 1]], [1, 1], { rcond: -1 });
    expect([r.rank, ...r.x]).toEqual([1, 0, 1]);
  });
});

describe('estimator contract', () => {
  const c = cases[0];
  it('fit returns this; learned values appear only after fit', () => {
    const m = new LinearRegression();
    for (const get of [() => m.coef, () => m.intercept, () => m.rank, () => m.singularValues, () => m.nFeaturesIn, () => m.predict(c.X), () => m.summary()]) {
      expect(get).toThrow(NotFittedError);
    }
    expect(m.fit(c.X, c.y)).toBe(m);
  });
  it('fitIntercept: false gives intercept 0', () => {
    expect(new LinearRegression({ fitIntercept: false }).fit(c.X, c.y).intercept).toBe(0);
  });
  it('a failed fit leaves the previous fit in place', () => {
    const m = new LinearRegression().fit(c.X, c.y);
    const coef = m.coef.slice();
    expect(() => m.fit(c.X, c.y.slice(1))).toThrow(RangeError);
    expect(m.coef).toEqual(coef);
  });
  it('summary() works with the main entry alone (this file never imports linreg-wasm/stats)', () => {
    const s = new LinearRegression().fit(c.X, c.y).summary();
    expect(s.names[0]).toBe('const');
    expect(s.pValues.every((p) => p >= 0 && p <= 1)).toBe(true);
  });
});

describe('bad input raises a typed error naming the problem', () => {
  const X = [[1, 2], [3, 4], [5, 7]], y = [1, 2, 3];
  const fit = (...args: Parameters<LinearRegression['fit']>) => () => new LinearRegression().fit(...args);
  it.each([
    ['y of the wrong length', fit(X, [1, 2]), RangeError, /y has 2 values but X has 3 rows/],
    ['empty X', fit([], []), RangeError, /no rows/],
    ['NaN in X', fit([[1, 2], [NaN, 4]], [1, 2]), RangeError, /X\[1\]\[0\] is NaN/],
    ['Infinity in y', fit(X, [1, -Infinity, 3]), RangeError, /y\[1\] is -Infinity/],
    ['negative sample weight', fit(X, y, { sampleWeight: [1, -1, 1] }), RangeError, /sampleWeight\[1\] is -1/],
    ['sample weights of the wrong length', fit(X, y, { sampleWeight: [1, 1] }), RangeError, /sampleWeight has 2 values but X has 3 rows/],
    ['sample weights all zero', fit(X, y, { sampleWeight: [0, 0, 0] }), RangeError, /sums to 0/],
    ['NaN sample weight', fit(X, y, { sampleWeight: [1, NaN, 1] }), RangeError, /sampleWeight\[1\] is NaN/],
    ['unknown fit option', fit(X, y, { weights: [1, 1, 1] } as object), TypeError, /unknown option "weights"/],
    ['bad rcond', () => new LinearRegression({ rcond: Number.NaN }), RangeError, /rcond must be finite/],
    ['fitIntercept of the wrong kind', () => new LinearRegression({ fitIntercept: 1 as unknown as boolean }), TypeError, /fitIntercept must be true or false/],
    ['predict with the wrong column count', () => new LinearRegression().fit(X, y).predict([[1, 2, 3]]), RangeError, /X has 3 columns but the model was fitted with 2 features/],
  ])('%s', (_, call, kind, message) => {
    const live = memoryUsage().liveBytes;
    expectTypedError(call, kind, message);
    expect(memoryUsage().liveBytes).toBe(live);
  });
});

describe('non-finite values in zero-copy inputs', () => {
  it('are named after the Gram pass, without falling back to a copy', () => {
    const X = Matrix.alloc(200_000, 3), y = Vector.alloc(200_000);
    for (let i = 0; i < X.data.length; i++) X.data[i] = (i * 7919) % 101;
    X.data[3 * 150_000 + 2] = Infinity;
    const before = memoryUsage().wasmBytes;
    expect(() => new LinearRegression().fit(X, y)).toThrow(/X\[150000\]\[2\] is Infinity/);
    expect(memoryUsage().wasmBytes).toBe(before);
    X.dispose(); y.dispose();
  });
});
