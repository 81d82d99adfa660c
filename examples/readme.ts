import { init, LinearModel, SGD, train } from 'linreg-wasm';

await init();
const X = [[0, 1], [1, 0], [1, 1], [2, 1]];
const y = [1, 2, 3.1, 4.9];
const model = new LinearModel(2);
const { losses } = train(model, new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 }), X, y,
  { iterations: 500, loss: 'mse' });
console.log(losses[0], losses[499]);
console.log(model.weight, model.bias);
