// One cold start in a fresh Node process: import + init + first small fit, timed from the first
// line of this script (Node's own boot is the same for everyone and is left out).
// Usage: node cold-node.mjs ours|tfjs-wasm|tfjs-cpu|mlr  → prints {"ms": …, "what": …}
const t0 = performance.now();
const which = process.argv[2];
const X = [[0, 1, 2], [0.5, 1.5, 2.5], [1, 2, 3.5], [1.5, 2.5, 3], [2, 3, 5], [2.5, 3.5, 4.5]];
const y = [1, 2, 3.2, 3.9, 5.1, 6];
let what;
if (which === 'ours') {
  const lib = await import('../../dist/index.js');
  await lib.init();
  new lib.LinearRegression({ fitIntercept: true }).fit(X, y);
  what = 'LinearRegression.fit on 6×3';
} else if (which === 'mlr') {
  const { default: MLR } = await import('ml-regression-multivariate-linear');
  new MLR(X, y.map((v) => [v]), { intercept: true, statistics: false });
  what = 'MLR fit on 6×3';
} else {
  const tf = await import('@tensorflow/tfjs-core');
  const backend = which === 'tfjs-wasm' ? 'wasm' : 'cpu';
  await import('@tensorflow/tfjs-backend-cpu');
  if (backend === 'wasm') {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).pathname);
  }
  console.warn = () => {};
  await tf.setBackend(backend);
  await tf.ready();
  const A = tf.concat([tf.ones([6, 1]), tf.tensor2d(X)], 1);
  tf.matMul(A, A, true, false).dataSync();
  tf.matMul(A, tf.tensor2d(y, [6, 1]), true, false).dataSync();
  what = 'XᵀX and Xᵀy by matMul on 6×3';
}
console.log(JSON.stringify({ ms: performance.now() - t0, what }));
