// One soak cycle each for the closed form and for gradient descent: create inputs in wasm memory,
// fill them, fit or train, check the answer is finite, dispose everything that was created.
// Shared by test/soak-closed-form.test.ts and scripts/soak.ts. Sizes repeat every few hundred
// cycles, so after a warm-up every block size has been seen and wasm memory must stay flat.
import {
  Adam, LinearModel, LinearRegression, Matrix, SGD, Vector, lstsq, train,
} from '../src/index.js';
import '../src/stats/index.js';

function fail(i: number, what: string): never {
  throw new Error(`soak cycle ${i}: ${what}`);
}

/** Fills X (rows×cols) and y; every third problem has a dependent last column (rank-deficient). */
function fill(i: number, X: Matrix, y: Vector): void {
  const { rows, cols } = X, d = X.data, t = y.data;
  let seed = (i * 2654435761) % 2147483647 || 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const v = i % 3 === 0 && c === cols - 1 && c > 0 ? 2 * d[r * cols] : random(); // x_last = 2·x_1
      d[r * cols + c] = v;
      s += (c + 1) * v;
    }
    t[r] = s + 0.1 * random();
  }
}

/**
 * LinearRegression (alternating fitIntercept, sample weights every other cycle, rank-deficient
 * every third) and lstsq on a small problem; every seventh cycle also summary() and a JSON round
 * trip.
 */
export function closedFormCycle(i: number): void {
  const rows = 6 + (i % 23), cols = 1 + (i % 4);
  const X = Matrix.alloc(rows, cols), y = Vector.alloc(rows);
  const w = i % 2 ? Vector.alloc(rows) : null;
  try {
    fill(i, X, y);
    if (w) w.data.forEach((_, r, d) => { d[r] = 0.5 + ((r + i) % 3); });
    const model = new LinearRegression({ fitIntercept: i % 2 === 0 }).fit(X, y, w ? { sampleWeight: w } : undefined);
    if (!model.coef.every(Number.isFinite) || !Number.isFinite(model.intercept)) fail(i, `coef ${model.coef}`);
    if (!model.predict(X).every(Number.isFinite)) fail(i, 'predict');
    const ls = lstsq(X, y);
    if (!ls.x.every(Number.isFinite)) fail(i, `lstsq x ${ls.x}`);
    // numpy's cutoff ε·max(m, n)·σ_max; (scikit-learn's ε·σ_max can keep a rounding-level σ)
    if (ls.rank !== (i % 3 === 0 && cols > 1 ? cols - 1 : cols)) fail(i, `lstsq rank ${ls.rank} of ${cols} columns`);
    if (i % 7 === 0) {
      const s = model.summary();
      if (s.params.length !== cols + (model.fitIntercept ? 1 : 0)) fail(i, 'summary');
      const back = LinearRegression.fromJSON(JSON.parse(JSON.stringify(model)));
      if (back.predict(X)[0] !== model.predict(X)[0]) fail(i, 'JSON round trip');
    }
  } finally {
    w?.dispose();
    y.dispose();
    X.dispose();
  }
}

/** LinearModel + SGD (odd cycles) or Adam (even) trained a few iterations with train(). */
export function trainCycle(i: number): void {
  const rows = 5 + (i % 17), cols = 1 + (i % 5);
  const X = Matrix.alloc(rows, cols), y = Vector.alloc(rows);
  const model = new LinearModel(cols);
  const opt = i % 2 ? new SGD(model.parameters(), { lr: 0.01, momentum: 0.5 }) : new Adam(model.parameters(), { lr: 0.01 });
  try {
    fill(i + 1, X, y);
    const { losses } = train(model, opt, X, y, { iterations: 5, loss: 'mse' });
    if (!Number.isFinite(losses[4])) fail(i, `loss ${losses[4]}`);
  } finally {
    opt.dispose();
    model.dispose();
    y.dispose();
    X.dispose();
  }
}
