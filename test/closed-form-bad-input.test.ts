// One table of bad inputs for the closed form (lstsq, LinearRegression, summary, save/load): each
// must raise its error class with a message naming the value, and leave a previously fitted
// model, the zero-copy inputs and wasm memory exactly as they were.
import { beforeEach, describe, expect, it } from 'vitest';
import { expectTypedError, type ErrorCase } from './error-table.js';
import {
  LinAlgError, LinearRegression, Matrix, NotFittedError, Vector, lstsq, memoryUsage, polynomialFeatures,
} from '../src/index.js';
import { predictInterval, summary } from '../src/stats/index.js';

const goodX = [[1, 2, 3], [4, 5, 6], [7, 8, 10], [1, 0, 1], [2, 2, 5]];
const goodY = [1, 2, 3, 4, 6];
let model: LinearRegression, unfitted: LinearRegression, X: Matrix, y: Vector, saved: ReturnType<LinearRegression['toJSON']>;

beforeEach(() => {
  model = new LinearRegression().fit(goodX, goodY, { sampleWeight: [1, 2, 1, 1, 3] });
  unfitted = new LinearRegression();
  X = Matrix.from(goodX);
  y = Vector.from(goodY);
  saved = model.toJSON();
});

function snapshot(): string {
  return JSON.stringify([model.toJSON(), unfitted.toJSON(), Array.from(X.data), Array.from(y.data), memoryUsage().liveBytes]);
}

// Runs fn on inputs the case allocates itself, then frees them (so live bytes compare equal).
function disposing<T extends { dispose(): void }>(items: T[], fn: (items: never[]) => unknown): unknown {
  try { return fn(items as never[]); } finally { items.forEach((i) => i.dispose()); }
}
const nanAt = <T>(rows: T[][], i: number, j: number, v: unknown): T[][] => rows.map((r, a) => r.map((t, b) => (a === i && b === j ? v : t) as T));

const CASES: ErrorCase[] = [
  // shapes
  ['fit: y shorter than X', () => model.fit(goodX, [1, 2]), RangeError, /y has 2 values but X has 5 rows/],
  ['lstsq: b longer than A', () => lstsq(goodX, [...goodY, 7]), RangeError, /b has 6 values but A has 5 rows/],
  ['fit: ragged X', () => model.fit([[1, 2], [3]], [1, 2]), RangeError, /ragged: row 0 has 2 values but row 1 has 1/],
  ['fit: empty X', () => model.fit([], []), RangeError, /X has no rows: at least one observation is needed/],
  ['fit: X with no columns', () => disposing([Matrix.alloc(5, 0)], ([A]) => model.fit(A, goodY)), RangeError, /X has no columns: at least one feature is needed/],
  ['fit: xLow of another shape', () => model.fit(goodX, goodY, { xLow: [[0, 0]] }), RangeError, /xLow is 1×2 but the design is 5×3; it must have the same shape/],
  // values
  ['fit: NaN in X', () => model.fit(nanAt(goodX, 1, 2, Number.NaN), goodY), RangeError, /X\[1\]\[2\] is NaN/],
  ['fit: Infinity in y', () => model.fit(goodX, [1, 2, Infinity, 4, 5]), RangeError, /y\[2\] is Infinity/],
  ['lstsq: NaN in A', () => lstsq(nanAt(goodX, 0, 1, Number.NaN), goodY), RangeError, /A\[0\]\[1\] is NaN/],
  ['lstsq: -Infinity in b', () => lstsq(goodX, [1, -Infinity, 3, 4, 5]), RangeError, /b\[1\] is -Infinity/],
  ['fit: NaN written into a zero-copy Matrix', () => { X.data[7] = Number.NaN; return model.fit(X, y); }, RangeError, /X\[2\]\[1\] is NaN/],
  ['fit: NaN in xLow', () => model.fit(goodX, goodY, { xLow: nanAt(goodX.map((r) => r.map(() => 0)), 3, 0, Number.NaN) }), RangeError, /xLow\[3\]\[0\] is NaN/],
  ['fit: magnitudes that overflow (finite data)', () => model.fit([[1], [2], [3]], [1e308, -1e308, 1e308]), LinAlgError, /overflowed or underflowed double precision although the data are finite \(X from 1 to 3 in magnitude, y from 1e\+308 to 1e\+308/],
  ['lstsq: an answer beyond double range', () => lstsq([[1e-300], [2e-300]], [1e300, 2e300]), LinAlgError, /A from 1e-300 to 2e-300 in magnitude.*rescale the columns and the targets/],
  // sample weights
  ['fit: a negative weight', () => model.fit(goodX, goodY, { sampleWeight: [1, -1, 1, 1, 1] }), RangeError, /sampleWeight\[1\] is -1: weights must be ≥ 0/],
  ['fit: weights of the wrong length', () => model.fit(goodX, goodY, { sampleWeight: [1, 1] }), RangeError, /sampleWeight has 2 values but X has 5 rows; give one weight per row/],
  ['fit: a NaN weight', () => model.fit(goodX, goodY, { sampleWeight: [1, 1, Number.NaN, 1, 1] }), RangeError, /sampleWeight\[2\] is NaN/],
  ['fit: an infinite weight', () => model.fit(goodX, goodY, { sampleWeight: [Infinity, 1, 1, 1, 1] }), RangeError, /sampleWeight\[0\] is Infinity/],
  ['fit: all-zero weights', () => model.fit(goodX, goodY, { sampleWeight: [0, 0, 0, 0, 0] }), RangeError, /sampleWeight sums to 0: at least one row needs a positive weight/],
  ['fit: weights as a string', () => model.fit(goodX, goodY, { sampleWeight: 'w' as never }), TypeError, /sampleWeight must be a Vector, number\[\] or Float64Array, got "w"/],
  ['score: weights of the wrong length', () => model.score(goodX, goodY, { sampleWeight: [1] }), RangeError, /sampleWeight has 1 values but X has 5 rows/],
  // rcond
  ['LinearRegression: NaN rcond', () => new LinearRegression({ rcond: Number.NaN }), RangeError, /rcond must be finite, got NaN/],
  ['LinearRegression: rcond as a string', () => new LinearRegression({ rcond: '1e-3' as never }), TypeError, /rcond must be a number, got "1e-3"/],
  ['lstsq: infinite rcond', () => lstsq(goodX, goodY, { rcond: Infinity }), RangeError, /rcond must be finite, got Infinity/],
  // options
  ['LinearRegression: unknown option (snake_case)', () => new LinearRegression({ fit_intercept: false } as never), TypeError, /LinearRegression: unknown option "fit_intercept"; known options are fitIntercept, method, rcond, warn/],
  ['fit: unknown option', () => model.fit(goodX, goodY, { sample_weight: [1, 1, 1, 1, 1] } as never), TypeError, /fit: unknown option "sample_weight"; known options are sampleWeight, xLow, featureNames/],
  ['lstsq: unknown option', () => lstsq(goodX, goodY, { cond: 1e-3 } as never), TypeError, /lstsq: unknown option "cond"/],
  ['LinearRegression: options not an object', () => new LinearRegression(true as never), TypeError, /LinearRegression: options must be an object, got true/],
  ['LinearRegression: fitIntercept not a boolean', () => new LinearRegression({ fitIntercept: 1 as never }), TypeError, /fitIntercept must be true or false, got 1/],
  ['LinearRegression: unknown method', () => new LinearRegression({ method: 'svd' as never }), TypeError, /method must be 'auto', 'qr' or 'normal', got "svd"/],
  ['lstsq: unknown method', () => lstsq(goodX, goodY, { method: 'cholesky' as never }), TypeError, /method must be 'auto', 'qr' or 'normal', got "cholesky"/],
  ['fit: featureNames of the wrong length', () => model.fit(goodX, goodY, { featureNames: ['a', 'b'] }), TypeError, /featureNames must be an array of 3 strings, one per column of X/],
  ['polynomialFeatures: degree 0', () => polynomialFeatures([1, 2], 0), RangeError, /degree must be an integer ≥ 1, got 0/],
  // predict, score, summary
  ['predict: wrong number of columns', () => model.predict([[1, 2]]), RangeError, /X has 2 columns but the model was fitted with 3 features/],
  ['predict: NaN in X', () => model.predict([[1, Number.NaN, 3]]), RangeError, /X\[0\]\[1\] is NaN/],
  ['predict before fit', () => unfitted.predict(goodX), NotFittedError, /LinearRegression is not fitted yet: call fit\(X, y\) before using predict/],
  ['score: y of the wrong length', () => model.score(goodX, [1, 2]), RangeError, /y has 2 values but X has 5 rows/],
  ['summary before fit', () => summary(unfitted), NotFittedError, /before using summary/],
  ['summary: level 0', () => summary(model, { level: 0 }), RangeError, /level must be in \(0, 1\), a confidence level such as 0.95, got 0/],
  ['summary: level 1', () => model.summary({ level: 1 }), RangeError, /level must be in \(0, 1\), a confidence level such as 0.95, got 1/],
  ['summary: level 95 (a percentage)', () => summary(model, { level: 95 }), RangeError, /level must be in \(0, 1\).*got 95/],
  ['summary: NaN level', () => summary(model, { level: Number.NaN }), RangeError, /level must be in \(0, 1\).*got NaN/],
  ['summary: level as a string', () => summary(model, { level: '0.9' as never }), TypeError, /level must be a number in \(0, 1\) such as 0.95, got "0.9"/],
  ['summary: unknown option', () => summary(model, { alpha: 0.05 } as never), TypeError, /unknown option "alpha"; known options are level/],
  ['predictInterval: wrong number of columns', () => predictInterval(model, [[1, 2, 3, 4]]), RangeError, /X has 4 columns but the model was fitted with 3 features/],
  ['predictInterval: level above 1', () => model.predictInterval(goodX, { level: 1.5 }), RangeError, /level must be in \(0, 1\)/],
  // save / load
  ['fromJSON of garbage', () => LinearRegression.fromJSON({ hello: 1 }), TypeError, /not a saved LinearRegression \(expected format "linreg-wasm\/LinearRegression"\), got Object/],
  ['fromJSON of a number', () => LinearRegression.fromJSON(42), TypeError, /not a saved LinearRegression.*got 42/],
  ['fromJSON of a future version', () => LinearRegression.fromJSON({ ...saved, version: 2 }), RangeError, /unsupported LinearRegression format version 2; this build reads version 1/],
  ['fromJSON with a NaN coefficient', () => LinearRegression.fromJSON({ ...saved, fitted: { ...saved.fitted!, coef: [1, Number.NaN, 2] } }), RangeError, /fitted.coef\[1\] is NaN: a saved model holds finite numbers only/],
  ['fromJSON with a short normInv', () => LinearRegression.fromJSON({ ...saved, fitted: { ...saved.fitted!, normInv: [1, 2, 3] } }), RangeError, /fitted.normInv has 3 entries but the model needs 16/],
  ['fromJSON with a missing fitted part', () => LinearRegression.fromJSON({ ...saved, fitted: undefined as never }), TypeError, /fitted must be an object in a saved LinearRegression, got undefined/],
];

describe('closed form, bad input: typed errors naming the value, nothing changed', () => {
  it(`has at least 20 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(20));

  it.each(CASES)('%s', (_, run, ErrorClass, message) => {
    const before = snapshot();
    expectTypedError(run, ErrorClass, message);
    // A NaN the case wrote into X itself is undone first: what must not change is everything the
    // failed call could have touched (the fitted model, the unfitted one, the inputs, live memory).
    X.data.set(goodX.flat());
    expect(snapshot()).toBe(before);
  });

  it('the model still predicts as before after every failure', () => {
    const want = model.predict(goodX);
    for (const [, run] of CASES) { try { run(); } catch { /* expected */ } }
    expect(model.predict(goodX)).toEqual(want);
  });
});
