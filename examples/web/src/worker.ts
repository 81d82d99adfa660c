// The training worker: loads linreg-wasm, runs train() and streams the loss through onLog, so the
// page stays responsive however long the fit takes.
import * as linreg from 'linreg-wasm';
import wasmUrl from 'linreg-wasm/linreg.wasm';
import type { FitRequest, FitResult, WorkerMessage } from './protocol.js';

const post = (message: WorkerMessage): void => postMessage(message);

// esbuild's file loader gives the .wasm's path relative to this script; Vite, webpack and Parcel
// would find it without help (`await init()`).
const t0 = performance.now();
const ready = linreg.init(new URL(wasmUrl, import.meta.url)).then(() => post({ type: 'ready', initMs: performance.now() - t0 }));

onmessage = async (event: MessageEvent<FitRequest>) => {
  try {
    await ready;
    post({ type: 'done', result: fit(event.data) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

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
    const predictions = Array.from(model.predict(X));
    return {
      weight: Array.from(model.weight), bias: model.bias, finalLoss: losses[losses.length - 1], predictions,
      r2: rSquared(values, predictions), trainMs, iterations, closedForm: closedForm(rows, values),
    };
  } finally {
    for (const owned of [opt, model, X, y]) owned.dispose();
  }
}

function rSquared(observed: number[], fitted: number[]): number {
  const mean = observed.reduce((s, v) => s + v, 0) / observed.length;
  let ssRes = 0;
  let ssTot = 0;
  observed.forEach((v, i) => { ssRes += (v - fitted[i]) ** 2; ssTot += (v - mean) ** 2; });
  return 1 - ssRes / ssTot;
}

// The closed form of the same data, for the table beside gradient descent's answer.
function closedForm(X: number[][], y: number[]): FitResult['closedForm'] {
  const fitted = new linreg.LinearRegression({ fitIntercept: true }).fit(X, y);
  return { coef: Array.from(fitted.coef), intercept: fitted.intercept, warnings: fitted.warnings };
}
