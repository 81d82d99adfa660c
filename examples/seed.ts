// The seed notebook (../shared/seed/), reproduced: PyTorch's SGD on y ≈ Xw + b with the same data
// and initial weights, first step by step as the notebook wrote it, then with train().
import { readFileSync } from 'node:fs';
import { LinearModel, LinearRegression, Matrix, SGD, Vector, init, lstsq, sseLoss, train } from 'linreg-wasm';
import { numpyArray, pyFloat } from './format.js';

interface LogLine { t: number; loss: number; w: number[]; b: number }
const seed = JSON.parse(readFileSync(new URL('../test/fixtures/seed-torch-reference.json', import.meta.url), 'utf8'));

await init();
const X = Matrix.from(seed.X); // 10 × 3, rows (t, t+1, t+2): the columns are collinear
const y = Vector.from(seed.y_obs);

function print(t: number, loss: number, w: ArrayLike<number>, b: number): void {
  console.log(`t = ${t}, loss = ${pyFloat(loss)}, W_hat = ${numpyArray(w)}, b_hat = ${pyFloat(b)}`);
}

function worstDifference(lines: LogLine[]): number {
  let worst = 0;
  lines.forEach((line, k) => {
    const ref: LogLine = seed.log[k];
    [line.loss, ...line.w, line.b].forEach((v, i) => {
      const r = [ref.loss, ...ref.w, ref.b][i];
      worst = Math.max(worst, Math.abs(v - r) / Math.abs(r));
    });
  });
  return worst;
}

console.log('# The notebook\'s loop: zeroGrad, sseLoss (forward + backward), step');
const model = new LinearModel(3, { weight: seed.init.w, bias: seed.init.b });
const optimizer = new SGD(model.parameters(), { lr: seed.lr });
const stepLog: LogLine[] = [];
for (let t = 0; t < seed.n_iter; t++) {
  optimizer.zeroGrad();
  const loss = sseLoss(model, X, y);
  optimizer.step();
  if (t % 1000 === 0) {
    print(t, loss, model.weight, model.bias);
    stepLog.push({ t, loss, w: Array.from(model.weight), b: model.bias });
  }
}

console.log('\n# The same run with train(): the whole loop inside wasm, JS called every 1000 steps');
const fused = new LinearModel(3, { weight: seed.init.w, bias: seed.init.b });
const trainLog: LogLine[] = [];
const started = performance.now();
train(fused, new SGD(fused.parameters(), { lr: seed.lr }), X, y, {
  iterations: seed.n_iter, loss: 'sse', logEvery: 1000,
  onLog: ({ iteration, loss, weight, bias }) => {
    print(iteration, loss, weight, bias);
    trainLog.push({ t: iteration, loss, w: Array.from(weight), b: bias });
  },
});
const elapsed = performance.now() - started;

console.log('\n# Against the PyTorch run (test/fixtures/seed-torch-reference.json)');
console.log(`largest relative difference, step by step: ${worstDifference(stepLog).toExponential(1)}`);
console.log(`largest relative difference, train():      ${worstDifference(trainLog).toExponential(1)}`);
console.log(`train(): ${seed.n_iter} steps in ${elapsed.toFixed(2)} ms (including the ${trainLog.length} console.log calls)`);

console.log('\n# The analytical solution, done right');
// The notebook computed inv(AᵀA)·Aᵀy with A = [1, X]. But x2 = x1 + 1 and x3 = x1 + 2, so A has
// rank 2: AᵀA is singular, its "inverse" is rounding noise, and infinitely many (b, w) fit equally.
const A = seed.X.map((row: number[]) => [1, ...row]);
const exact = lstsq(A, seed.y_obs, { columnNames: ['1', 'x1', 'x2', 'x3'] });
console.log(`rank of [1, X]: ${exact.rank}; singular values ${numpyArray(exact.singularValues)}`);
console.log(exact.warnings.join('\n'));
console.log(`minimum-norm solution [b, w1, w2, w3] = ${numpyArray(exact.x)}`);
console.log(`numpy.linalg.lstsq gives             ${numpyArray(seed.lstsq_obs.coef)}`);
console.log(`the notebook's inv(AᵀA)Aᵀy (y_true)  ${numpyArray(seed.naive_inv_true)}  <- noise`);

// Gradient descent never moves along the null space of A (the gradient 2Aᵀr is orthogonal to it),
// so it ends at the minimum-norm solution plus the initial parameters' null-space component.
const theta0 = [seed.init.b, ...seed.init.w];
const predicted = Array.from(exact.x);
for (const v of exact.nullSpace) {
  const along = v.reduce((sum, vi, i) => sum + vi * theta0[i], 0);
  v.forEach((vi, i) => { predicted[i] += along * vi; });
}
const reached = [fused.bias, ...fused.weight];
console.log(`minimum norm + projection of θ₀ onto the null space = ${numpyArray(predicted)}`);
console.log(`where gradient descent ended, [b_hat, W_hat]          = ${numpyArray(reached)}`);
const gap = Math.max(...reached.map((v, i) => Math.abs(v - predicted[i]) / Math.abs(predicted[i])));
console.log(`largest relative difference: ${gap.toExponential(1)}: the two answers differ only by where descent started`);

const sk = new LinearRegression().fit(X, y); // scikit-learn semantics: centred, intercept unpenalised
console.log(`\nLinearRegression: coef ${numpyArray(sk.coef)}, intercept ${pyFloat(sk.intercept)}, rank ${sk.rank}`);
