// The training worker: loads linreg-wasm, runs train() and streams the loss through onLog, so the
// page stays responsive however long the fit takes; then fits the closed form and its summary().
import * as linreg from 'linreg-wasm';
import wasmUrl from 'linreg-wasm/linreg.wasm';
import solverUrl from 'linreg-wasm/solver.wasm';
import type { Divergence, FitRequest, FitResult, SummaryView, WorkerMessage } from './protocol.js';

const post = (message: WorkerMessage): void => postMessage(message);

// esbuild's file loader gives each .wasm's path relative to this script (the core's, and the
// closed-form solver's); Vite, webpack and Parcel would find them without help (`await init()`).
const t0 = performance.now();
const at = (file: string): URL => new URL(file, import.meta.url);
const ready = linreg.init({ core: at(wasmUrl), solver: at(solverUrl) }).then(() => post({ type: 'ready', initMs: performance.now() - t0 }));

onmessage = async (event: MessageEvent<FitRequest>) => {
  try {
    await ready;
    post({ type: 'done', result: fit(event.data) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // DivergenceError carries the losses up to the blow-up; so does our own check below.
    const losses = error instanceof linreg.DivergenceError || error instanceof NonFiniteLoss ? error.losses : undefined;
    post({ type: 'error', message, divergence: losses && divergence(losses) });
  }
};

/** train() returned a non-finite loss without throwing DivergenceError (it should not). */
class NonFiniteLoss extends Error {
  constructor(readonly losses: Float64Array) {
    const t = losses.findIndex((l) => !Number.isFinite(l));
    super(`training diverged: the loss became ${losses[t]} at iteration ${t}`);
  }
}

function fit(request: FitRequest): FitResult {
  const { X: rows, y: values, optimizer, lr, iterations, loss } = request;
  const X = linreg.Matrix.from(rows);
  const y = linreg.Vector.from(values);
  const model = new linreg.LinearModel(X.cols, request.start);
  const opt = optimizer === 'adam' ? new linreg.Adam(model.parameters(), { lr }) : new linreg.SGD(model.parameters(), { lr });
  try {
    const t = performance.now();
    const { losses } = linreg.train(model, opt, X, y, {
      iterations, loss, logEvery: Math.max(1, Math.floor(iterations / 250)),
      onLog: (l) => post({ type: 'log', iteration: l.iteration, loss: l.loss }),
    });
    const trainMs = performance.now() - t;
    if (!losses.every(Number.isFinite)) throw new NonFiniteLoss(losses);
    const predictions = Array.from(model.predict(X));
    return {
      weight: Array.from(model.weight), bias: model.bias, finalLoss: losses[losses.length - 1], predictions,
      r2: rSquared(values, predictions), trainMs, iterations, closedForm: closedForm(rows, values, request.features),
    };
  } finally {
    for (const owned of [opt, model, X, y]) owned.dispose();
  }
}

/** Where the losses stopped being finite, and the finite part before it thinned to ≤ 400 points. */
function divergence(losses: Float64Array): Divergence {
  const bad = losses.findIndex((l) => !Number.isFinite(l));
  const iteration = bad < 0 ? losses.length : bad;
  const step = Math.max(1, Math.ceil(iteration / 400));
  const xs: number[] = [];
  for (let t = 0; t < iteration; t += step) xs.push(t);
  if (iteration > 0 && xs[xs.length - 1] !== iteration - 1) xs.push(iteration - 1);
  return { iteration, curve: [xs, xs.map((t) => losses[t])] };
}

function rSquared(observed: number[], fitted: number[]): number {
  const mean = observed.reduce((s, v) => s + v, 0) / observed.length;
  let ssRes = 0;
  let ssTot = 0;
  observed.forEach((v, i) => { ssRes += (v - fitted[i]) ** 2; ssTot += (v - mean) ** 2; });
  return 1 - ssRes / ssTot;
}

// The closed form of the same data: the coefficients beside gradient descent's, its predictions
// for the residual plot, and its statistics.
function closedForm(X: number[][], y: number[], featureNames: string[]): FitResult['closedForm'] {
  const fitted = new linreg.LinearRegression({ fitIntercept: true }).fit(X, y, { featureNames });
  return {
    coef: Array.from(fitted.coef), intercept: fitted.intercept, warnings: fitted.warnings,
    predictions: Array.from(fitted.predict(X)), summary: summaryView(fitted),
  };
}

// summary() as plain arrays for postMessage, with statsmodels' printed table when String(summary)
// gives one (a Summary that is a plain object prints as "[object Object]": no table then).
function summaryView(fitted: linreg.LinearRegression): SummaryView | { error: string } {
  let s: ReturnType<linreg.LinearRegression['summary']>;
  try {
    s = fitted.summary();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  let text: string | undefined;
  try {
    if (typeof s.toString === 'function' && String(s) !== '[object Object]') text = String(s);
  } catch { /* no printed table */ }
  return {
    names: s.names.slice(), params: Array.from(s.params), standardErrors: Array.from(s.standardErrors),
    tValues: Array.from(s.tValues), pValues: Array.from(s.pValues),
    confidenceIntervals: s.confidenceIntervals.map(([lo, hi]) => [lo, hi]), level: s.level,
    rSquared: s.rSquared, adjustedRSquared: s.adjustedRSquared, fStatistic: s.fStatistic, fPValue: s.fPValue,
    nobs: s.nobs, dfModel: s.dfModel, dfResidual: s.dfResidual, residualStandardError: s.residualStandardError, text,
  };
}
