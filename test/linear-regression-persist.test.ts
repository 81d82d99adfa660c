// Save/load of a fitted LinearRegression (issue 6): a loaded model predicts and summarises bit for
// bit as the saved one, through JSON text; corrupt input gets a typed error naming the field.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LinearRegression, Matrix, NotFittedError, Vector, polynomialFeatures } from '../src/index.js';
import '../src/stats/index.js';
import { fixtures } from './closed-form-helpers.js';

const roundTrip = (m: LinearRegression) => LinearRegression.fromJSON(JSON.parse(JSON.stringify(m)));

// Float64Arrays compared as arrays of bit patterns (NaN = NaN, -0 ≠ 0).
const bits = (a: ArrayLike<number>) => Array.from(new BigUint64Array(Float64Array.from(a).buffer), String);
function expectSameBits(got: unknown, want: unknown, path = 'value'): void {
  if (want instanceof Float64Array) {
    expect(got, path).toBeInstanceOf(Float64Array);
    expect(bits(got as Float64Array), path).toEqual(bits(want));
  } else if (typeof want === 'number') {
    expect(bits([got as number]), path).toEqual(bits([want]));
  } else if (Array.isArray(want)) {
    expect((got as unknown[]).length, path).toBe(want.length);
    want.forEach((w, i) => expectSameBits((got as unknown[])[i], w, `${path}[${i}]`));
  } else if (want && typeof want === 'object') {
    expect(Object.keys(got as object).sort(), path).toEqual(Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) expectSameBits((got as Record<string, unknown>)[k], w, `${path}.${k}`);
  } else {
    expect(got, path).toBe(want);
  }
}

function expectSameModel(a: LinearRegression, b: LinearRegression, X: number[][] | Matrix, y: number[] | Vector): void {
  expectSameBits(b.predict(X), a.predict(X), 'predict');
  expectSameBits(b.score(X, y), a.score(X, y), 'score');
  expectSameBits(b.summary(), a.summary(), 'summary');
  expectSameBits(b.summary({ level: 0.9 }), a.summary({ level: 0.9 }), 'summary 90 %');
  expectSameBits(b.predictInterval(X), a.predictInterval(X), 'predictInterval');
  for (const k of ['coef', 'intercept', 'rank', 'singularValues', 'nFeaturesIn', 'nullSpace', 'dependencies', 'warnings', 'methodUsed'] as const) {
    expectSameBits(b[k], a[k], k);
  }
  for (const k of ['fitIntercept', 'method', 'rcond', 'warn'] as const) expect(b[k]).toBe(a[k]);
}

type Case = { name: string; X: number[][]; y: number[]; fitIntercept: boolean; sampleWeight: number[] | null };

describe('toJSON / fromJSON round trip, bit for bit', () => {
  it.each((fixtures.linearRegression as Case[]).map((c) => [c.name, c] as const))('%s (scikit-learn fixture)', (_, c) => {
    const m = new LinearRegression({ fitIntercept: c.fitIntercept }).fit(c.X, c.y, c.sampleWeight ? { sampleWeight: c.sampleWeight } : undefined);
    expectSameModel(m, roundTrip(m), c.X, c.y);
  });

  it('on the Gram path (zero-copy inputs), with feature names and options', () => {
    const X = Matrix.alloc(40_000, 5), y = Vector.alloc(40_000);
    let s = 11;
    const r = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
    X.data.forEach((_, i, d) => { d[i] = r() + (i % 5); });
    y.data.forEach((_, i, d) => { d[i] = X.data[i * 5] - 2 * X.data[i * 5 + 3] + r(); });
    const m = new LinearRegression({ rcond: 1e-12, method: 'auto' }).fit(X, y, { featureNames: ['a', 'b', 'c', 'd', 'e'] });
    expect(m.methodUsed).toBe('normal');
    const back = roundTrip(m);
    expect(back.summary().names).toEqual(['const', 'a', 'b', 'c', 'd', 'e']);
    expectSameModel(m, back, X, y);
    X.dispose(); y.dispose();
  });

  it('with the refined (AᵀA)⁻¹ of an ill-conditioned design (NIST Wampler4, exact powers)', () => {
    const d = JSON.parse(readFileSync(new URL('./fixtures/nist-strd/' + readdirSync(new URL('./fixtures/nist-strd/', import.meta.url)).find((f) => f.startsWith('Wampler4')), import.meta.url), 'utf8'));
    const { hi, lo } = polynomialFeatures(d.x.map((r: number[]) => r[0]), d.degree);
    const m = new LinearRegression().fit(hi, d.y, { xLow: lo });
    expectSameModel(m, roundTrip(m), hi, d.y);
    hi.dispose(); lo.dispose();
  });

  it('keeps the format fields and survives JSON text twice unchanged', () => {
    const m = new LinearRegression({ fitIntercept: false, warn: true }).fit([[1, 2], [2, 4], [3, 6.5]], [1, 2, 3]);
    const json = m.toJSON();
    expect(json.format).toBe('linreg-wasm/LinearRegression');
    expect(json.version).toBe(1);
    expect(json.options).toEqual({ fitIntercept: false, method: 'auto', rcond: null, warn: true });
    expect(JSON.stringify(roundTrip(m))).toBe(JSON.stringify(m));
  });

  it('a rank-deficient fit keeps its null space, dependencies and warning', () => {
    const X = [[1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 7]], y = [1, 2, 3, 5];
    const m = new LinearRegression().fit(X, y);
    expect(m.rank).toBe(2);
    const back = roundTrip(m);
    expect(back.warnings[0]).toMatch(/rank-deficient/);
    expectSameModel(m, back, X, y);
  });

  it('an unfitted estimator loads unfitted, with its options', () => {
    const back = roundTrip(new LinearRegression({ fitIntercept: false, method: 'qr', rcond: 1e-9 }));
    expect(back.fitIntercept).toBe(false);
    expect(back.method).toBe('qr');
    expect(back.rcond).toBe(1e-9);
    expect(() => back.predict([[1]])).toThrow(NotFittedError);
    expect(back.toJSON().fitted).toBeNull();
  });
});

describe('fromJSON rejects corrupt or mismatched input with a clear error', () => {
  const good = () => JSON.parse(JSON.stringify(new LinearRegression().fit([[1, 0], [2, 1], [3, 5], [4, 2]], [1, 2, 4, 3])));
  const cases: [string, (j: any) => unknown, new (...a: never[]) => Error, RegExp][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a string', () => 'model', TypeError, /not a saved LinearRegression \(expected format "linreg-wasm\/LinearRegression"\), got "model"/],
    ['null', () => null, TypeError, /not a saved LinearRegression/],
    ['a LinearModel save', () => ({ format: 'linreg-wasm/LinearModel', version: 1, nFeatures: 2, weight: [0, 0], bias: 0 }), TypeError, /not a saved LinearRegression/],
    ['version 2', (j) => ({ ...j, version: 2 }), RangeError, /unsupported LinearRegression format version 2; this build reads version 1/],
    ['options missing', (j) => ({ ...j, options: undefined }), TypeError, /options must be an object/],
    ['unknown option', (j) => ({ ...j, options: { ...j.options, normalize: true } }), TypeError, /unknown option "normalize"/],
    ['fitIntercept not a boolean', (j) => ({ ...j, options: { ...j.options, fitIntercept: 'yes' } }), TypeError, /fitIntercept must be true or false/],
    ['coef too short for normInv', (j) => ({ ...j, fitted: { ...j.fitted, coef: [1] } }), RangeError, /fitted.featureNames has 2 entries but the model needs 1/],
    ['normInv of the wrong length', (j) => ({ ...j, fitted: { ...j.fitted, normInv: j.fitted.normInv.slice(1) } }), RangeError, /fitted.normInv has 8 entries but the model needs 9/],
    ['NaN inside normInv', (j) => { j.fitted.normInv[4] = Number.NaN; return j; }, RangeError, /fitted.normInv\[4\] is NaN: a saved model holds finite numbers only/],
    ['a string inside coef', (j) => { j.fitted.coef[1] = '2'; return j; }, TypeError, /fitted.coef\[1\] must be a number, got "2"/],
    ['rank above p', (j) => ({ ...j, fitted: { ...j.fitted, rank: 3 } }), RangeError, /fitted.rank must be an integer in \[0, 2\], got 3/],
    ['null space inconsistent with the rank', (j) => ({ ...j, fitted: { ...j.fitted, rank: 1 } }), RangeError, /fitted.nullSpace has 0 entries but the model needs 1/],
    ['negative SSE', (j) => ({ ...j, fitted: { ...j.fitted, sse: -1 } }), RangeError, /sums of squares/],
    ['an intercept without fitIntercept', (j) => ({ ...j, options: { ...j.options, fitIntercept: false } }), RangeError, /fitted.intercept is .* but fitIntercept is false/],
    ['normInv sized for no intercept', (j) => ({ ...j, fitted: { ...j.fitted, normInv: j.fitted.normInv.slice(0, 4) } }), RangeError, /fitted.normInv has 4 entries but the model needs 9/],
    ['unknown methodUsed', (j) => ({ ...j, fitted: { ...j.fitted, methodUsed: 'svd' } }), TypeError, /methodUsed must be 'qr' or 'normal', got "svd"/],
    ['Infinity as the intercept', (j) => ({ ...j, fitted: { ...j.fitted, intercept: Infinity } }), RangeError, /fitted.intercept is Infinity/],
  ];
  it.each(cases)('%s', (_, edit, ErrorClass, message) => {
    let caught: unknown;
    try { LinearRegression.fromJSON(edit(good())); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(ErrorClass);
    expect((caught as Error).message).toMatch(message);
  });
});
