// TensorFlow.js (float32 only) on its cpu and wasm backends, written the way its docs teach:
// variables + tf.train.sgd for training, matMul for the passes, XᵀX then a small solve for the
// closed form (tfjs has no least-squares solver).
import * as tf from '@tensorflow/tfjs'; // the union package: core, cpu backend and the gradients tf.train needs
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { choleskySolve } from './plain.js';

export type TfBackend = 'cpu' | 'wasm';
export { tf };

const WASM_DIR = fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));
let pathsSet = false;

/** Switches tfjs to `name` (the wasm backend loads its SIMD .wasm from node_modules). */
export async function useBackend(name: TfBackend): Promise<void> {
  if (!pathsSet) {
    setWasmPaths(WASM_DIR);
    tf.enableProdMode(); // no debug checks: the fastest tfjs, as its docs advise (and no tfjs-node advert)
    pathsSet = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
}

/** The data as float32 tensors on the current backend: X [rows, cols], y [rows, 1]. */
export function tensors(X: ArrayLike<number>, y: ArrayLike<number>, rows: number, cols: number): { X: tf.Tensor2D; y: tf.Tensor2D } {
  return { X: tf.tensor2d(new Float32Array(X), [rows, cols]), y: tf.tensor2d(new Float32Array(y), [rows, 1]) };
}

/** `iterations` steps of tf.train.sgd on the sum of squared errors; returns the final parameters. */
export function tfTrain(
  data: { X: tf.Tensor2D; y: tf.Tensor2D }, init: { w: number[]; b: number }, lr: number, iterations: number,
): { w: number[]; b: number } {
  const w = tf.variable(tf.tensor2d(init.w, [init.w.length, 1]));
  const b = tf.variable(tf.scalar(init.b));
  const opt = tf.train.sgd(lr);
  const loss = (): tf.Scalar => tf.sum(tf.squaredDifference(tf.add(tf.matMul(data.X, w), b), data.y));
  try {
    for (let t = 0; t < iterations; t++) opt.minimize(loss, false, [w, b]);
    return { w: Array.from(w.dataSync()), b: b.dataSync()[0] };
  } finally {
    opt.dispose();
    w.dispose();
    b.dispose();
  }
}

/** Loss and gradient of the SSE at (w, b), read back to JS (as our fused pass leaves them). */
export function tfLossGrad(data: { X: tf.Tensor2D; y: tf.Tensor2D }, w: tf.Tensor2D, b: tf.Scalar): number {
  const [loss, gw, gb] = tf.tidy(() => {
    const r = tf.sub(tf.add(tf.matMul(data.X, w), b), data.y);
    return [tf.sum(tf.square(r)), tf.mul(2, tf.matMul(data.X, r, true, false)), tf.mul(2, tf.sum(r))];
  });
  const value = loss.dataSync()[0];
  gw.dataSync();
  gb.dataSync();
  tf.dispose([loss, gw, gb]);
  return value;
}

/** Closed form with an intercept: [1 X]ᵀ[1 X] and [1 X]ᵀy by matMul, then Cholesky in JS. */
export function tfNormalEquations(data: { X: tf.Tensor2D; y: tf.Tensor2D }): { coef: Float64Array; intercept: number } {
  const [rows, cols] = data.X.shape;
  const [G, c] = tf.tidy(() => {
    const A = tf.concat([tf.ones([rows, 1]), data.X], 1);
    return [tf.matMul(A, A, true, false), tf.matMul(A, data.y, true, false)];
  });
  const beta = choleskySolve(G.dataSync(), c.dataSync(), cols + 1);
  tf.dispose([G, c]);
  return { coef: beta.subarray(1), intercept: beta[0] };
}
