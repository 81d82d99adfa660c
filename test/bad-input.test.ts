// One table of bad inputs across the API: each must raise its error class with a message naming the
// value, before wasm is entered, and leave every model, optimizer and matrix exactly as it was.
import { beforeEach, describe, expect, it } from 'vitest';
import { expectTypedError, type ErrorCase } from './error-table.js';
import {
  Adam, AdamW, DivergenceError, LinearModel, Matrix, SGD, Vector, mseLoss, sseLoss, train,
} from '../src/index.js';
import { CosineAnnealingLR, ExponentialLR, LinearLR, ReduceLROnPlateau, StepLR } from '../src/optim/schedulers/index.js';

let model: LinearModel, other: LinearModel, sgd: SGD, adam: Adam, X: Matrix, y: Vector;
let weightBefore: number[];
const goodX = [[1, 2, 3], [4, 5, 6], [7, 8, 10]];
const goodY = [1, 2, 3];

beforeEach(() => {
  model = new LinearModel(3, { weight: [0.1, 0.2, 0.3], bias: 0.5 });
  other = new LinearModel(2);
  sgd = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  adam = new Adam(model.parameters());
  sseLoss(model, goodX, goodY); // non-zero gradients and optimizer state to protect
  sgd.step();
  adam.step();
  X = Matrix.from(goodX);
  y = Vector.from(goodY);
  weightBefore = Array.from(model.weight);
});

function snapshot(): string {
  return JSON.stringify([
    Array.from(model.params), Array.from(model.grads), sgd.stateDict(), adam.stateDict(),
    Array.from(X.data), Array.from(y.data),
  ]);
}

const opts = { iterations: 10, loss: 'sse' } as const;

const CASES: ErrorCase[] = [
  // shapes
  ['X with too few columns', () => sseLoss(model, [[1, 2], [3, 4], [5, 6]], goodY), RangeError, /X has 2 columns but the model has 3 features/],
  ['y shorter than X', () => sseLoss(model, goodX, [1, 2]), RangeError, /y has 2 values but X has 3 rows/],
  ['empty X', () => mseLoss(model, Matrix.alloc(0, 3), Vector.alloc(0)), RangeError, /X has no rows/],
  ['ragged X', () => sseLoss(model, [[1, 2, 3], [4, 5]], [1, 2]), RangeError, /ragged: row 0 has 3 values but row 1 has 2/],
  ['predict with wrong columns', () => model.predict([[1, 2]]), RangeError, /X has 2 columns but the model has 3 features/],
  ['Matrix.from flat data of the wrong length', () => Matrix.from([1, 2, 3], 2, 2), RangeError, /has 3 values but rows × cols = 2 × 2 = 4/],
  ['Matrix.alloc negative rows', () => Matrix.alloc(-1, 2), RangeError, /rows must be an integer ≥ 0, got -1/],
  ['Matrix.alloc fractional cols', () => Matrix.alloc(2, 1.5), RangeError, /cols must be an integer ≥ 0, got 1.5/],
  ['Vector.alloc NaN length', () => Vector.alloc(Number.NaN), RangeError, /n must be finite, got NaN/],
  ['model with 0 features', () => new LinearModel(0), RangeError, /nFeatures must be an integer ≥ 1, got 0/],
  ['model weight of the wrong length', () => new LinearModel(3, { weight: [1, 2] }), RangeError, /weight has 2 values but the model has 3 features/],
  ['assigning a short weight', () => { model.weight = [1]; }, RangeError, /weight has 1 values but the model has 3 features/],
  ['train with another model\'s optimizer', () => train(other, sgd, [[1, 2]], [1], opts), TypeError, /optimizer must hold exactly this model's parameters/],
  // values
  ['NaN in X', () => sseLoss(model, [[1, 2, 3], [4, Number.NaN, 6]], [1, 2]), RangeError, /X\[1\]\[1\] is NaN/],
  ['Infinity in y', () => sseLoss(model, goodX, [1, Infinity, 3]), RangeError, /y\[1\] is Infinity/],
  ['NaN written into a Matrix in place', () => { X.data[4] = Number.NaN; return sseLoss(model, X, y); }, RangeError, /X\[1\]\[1\] is NaN/],
  ['-Infinity written into a Vector in place', () => { y.data[2] = -Infinity; return train(model, sgd, X, y, opts); }, RangeError, /y\[2\] is -Infinity/],
  ['NaN bias', () => { model.bias = Number.NaN; }, RangeError, /bias must be finite, got NaN/],
  ['NaN in a starting weight', () => new LinearModel(2, { weight: [1, Number.NaN] }), RangeError, /weight\[1\] is NaN/],
  ['Matrix.from with Infinity', () => Matrix.from([[1, Infinity]]), RangeError, /X\[0\]\[1\] is Infinity/],
  // kinds
  ['X as a string', () => sseLoss(model, 'abc' as never, goodY), TypeError, /X must be a Matrix, number\[\]\[\] or flat data with rows and cols, got "abc"/],
  ['a string inside X', () => sseLoss(model, [[1, '2', 3]] as never, [1]), TypeError, /X\[0\]\[1\] must be a number, got "2"/],
  ['y as an object', () => sseLoss(model, goodX, { length: 3 } as never), TypeError, /y must be a Vector, number\[\] or Float64Array/],
  ['model that is not a LinearModel', () => sseLoss({} as never, goodX, goodY), TypeError, /model must be a LinearModel, got Object/],
  ['optimizer that is not one', () => train(model, {} as never, X, y, opts), TypeError, /optimizer must be an SGD, Adam, AdamW, RMSprop or Adagrad/],
  // @ts-expect-error -- params are typed as model.parameters(): numbers fail `npm run typecheck`, and still throw at run time
  ['params that are not parameters', () => new SGD([1, 2, 3], { lr: 0.1 }), TypeError, /params must hold parameters from model.parameters\(\), got 1/],
  ['empty params', () => new SGD([], { lr: 0.1 }), RangeError, /params is empty/],
  ['the same parameter twice', () => new SGD([...model.parameters(), model.parameters()[0]], { lr: 0.1 }), RangeError, /parameter weight appears twice/],
  // hyperparameters, as torch.optim checks them
  ['SGD without lr', () => new SGD(model.parameters(), {} as never), TypeError, /SGD: lr is required/],
  ['SGD negative lr', () => new SGD(model.parameters(), { lr: -0.1 }), RangeError, /invalid learning rate lr = -0.1/],
  ['SGD negative momentum', () => new SGD(model.parameters(), { lr: 0.1, momentum: -0.5 }), RangeError, /invalid momentum -0.5/],
  ['SGD nesterov without momentum', () => new SGD(model.parameters(), { lr: 0.1, nesterov: true }), RangeError, /nesterov momentum requires momentum > 0 and dampening 0/],
  ['SGD nesterov with dampening', () => new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }), RangeError, /nesterov momentum requires momentum > 0 and dampening 0 \(got momentum 0.9, dampening 0.1\)/],
  ['SGD negative weightDecay', () => new SGD(model.parameters(), { lr: 0.1, weightDecay: -1 }), RangeError, /invalid weightDecay -1/],
  ['SGD nesterov not a boolean', () => new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: 1 as never }), TypeError, /nesterov must be true or false, got 1/],
  ['SGD unknown option (snake_case)', () => new SGD(model.parameters(), { lr: 0.1, weight_decay: 0.1 } as never), TypeError, /unknown option "weight_decay"; known options are lr, momentum/],
  ['Adam beta1 = 1', () => new Adam(model.parameters(), { betas: [1, 0.999] }), RangeError, /betas\[0\] must be in \[0, 1\), got 1/],
  ['Adam beta2 negative', () => new Adam(model.parameters(), { betas: [0.9, -0.1] }), RangeError, /betas\[1\] must be in \[0, 1\), got -0.1/],
  ['Adam betas not a pair', () => new Adam(model.parameters(), { betas: [0.9] as never }), TypeError, /betas must be \[beta1, beta2\]/],
  ['Adam negative eps', () => new Adam(model.parameters(), { eps: -1e-8 }), RangeError, /invalid eps -1e-8/],
  ['AdamW negative weightDecay', () => new AdamW(model.parameters(), { weightDecay: -0.01 }), RangeError, /invalid weightDecay -0.01/],
  ['AdamW infinite lr', () => new AdamW(model.parameters(), { lr: Infinity }), RangeError, /invalid learning rate lr = Infinity/],
  ['setting a negative lr', () => { sgd.lr = -1; }, RangeError, /invalid learning rate lr = -1/],
  // learning-rate schedulers: torch accepts these and trains wrongly (or divides by zero) later
  ['StepLR gamma 0', () => new StepLR(sgd, { stepSize: 2, gamma: 0 }), RangeError, /^StepLR: gamma must be > 0, got 0: the lr is multiplied by it/],
  ['ExponentialLR negative gamma', () => new ExponentialLR(sgd, { gamma: -0.9 }), RangeError, /^ExponentialLR: gamma must be > 0, got -0.9/],
  ['StepLR stepSize 0', () => new StepLR(sgd, { stepSize: 0 }), RangeError, /^StepLR: stepSize must be an integer ≥ 1, got 0$/],
  ['CosineAnnealingLR tMax 0', () => new CosineAnnealingLR(sgd, { tMax: 0 }), RangeError, /^CosineAnnealingLR: tMax must be an integer ≥ 1, got 0$/],
  ['LinearLR startFactor 0', () => new LinearLR(sgd, { startFactor: 0 }), RangeError, /^LinearLR: startFactor must be in \(0, 1\], got 0/],
  ['ReduceLROnPlateau factor 1.5', () => new ReduceLROnPlateau(sgd, { factor: 1.5 }), RangeError, /^ReduceLROnPlateau: factor must be in \(0, 1\), got 1.5/],
  ['a scheduler with an unknown option (snake_case)', () => new CosineAnnealingLR(sgd, { T_max: 10 } as never), TypeError, /^CosineAnnealingLR: unknown option "T_max"; known options are tMax, etaMin, lastEpoch$/],
  // train options
  ['train without options', () => train(model, sgd, X, y, undefined as never), TypeError, /options are required/],
  ['train with an unknown loss', () => train(model, sgd, X, y, { iterations: 5, loss: 'mae' as never }), RangeError, /loss must be 'sse' or 'mse', got "mae"/],
  ['train with negative iterations', () => train(model, sgd, X, y, { iterations: -5, loss: 'sse' }), RangeError, /iterations must be an integer ≥ 0, got -5/],
  ['train with logEvery 0', () => train(model, sgd, X, y, { ...opts, logEvery: 0 }), RangeError, /logEvery must be an integer ≥ 1, got 0/],
  ['train with a non-function onLog', () => train(model, sgd, X, y, { ...opts, onLog: 'print' as never }), TypeError, /onLog must be a function/],
  ['train with an unknown option', () => train(model, sgd, X, y, { ...opts, batch_size: 3 } as never), TypeError, /unknown option "batch_size"/],
  // mini-batches, early stopping, the scheduler option
  ['train with batchSize 0', () => train(model, sgd, X, y, { epochs: 2, batchSize: 0, loss: 'mse' }), RangeError, /^train: batchSize must be an integer ≥ 1, got 0$/],
  ['train with a fractional batchSize', () => train(model, sgd, X, y, { epochs: 2, batchSize: 1.5, loss: 'mse' }), RangeError, /^train: batchSize must be an integer ≥ 1, got 1.5$/],
  ['train with iterations and epochs', () => train(model, sgd, X, y, { ...opts, epochs: 2 }), TypeError, /^train: give iterations \(full-batch steps\) or epochs, not both$/],
  ['train with neither iterations nor epochs', () => train(model, sgd, X, y, { loss: 'sse' }), TypeError, /^train: give iterations \(full-batch steps\) or epochs, not both$/],
  ['train with batchSize and iterations', () => train(model, sgd, X, y, { ...opts, batchSize: 2 }), TypeError, /^train: batchSize needs epochs \(iterations are full-batch steps\)$/],
  ['train with a fractional number of epochs', () => train(model, sgd, X, y, { epochs: 0.5, loss: 'sse' }), RangeError, /^train: epochs must be an integer ≥ 0, got 0.5$/],
  ['train with shuffle "yes"', () => train(model, sgd, X, y, { epochs: 1, shuffle: 'yes' as never, loss: 'sse' }), TypeError, /^train: shuffle must be true or false, got "yes"$/],
  ['train with a seed but no shuffle', () => train(model, sgd, X, y, { epochs: 1, seed: 7, loss: 'sse' }), TypeError, /^train: seed needs shuffle: true$/],
  ['train with a negative seed', () => train(model, sgd, X, y, { epochs: 1, shuffle: true, seed: -1, loss: 'sse' }), RangeError, /^train: seed must be an integer ≥ 0, got -1$/],
  ['train with dropLast and a batch larger than the data', () => train(model, sgd, X, y, { epochs: 1, batchSize: 5, dropLast: true, loss: 'sse' }), RangeError, /^train: batchSize 5 > 3 rows with dropLast: no batch would be taken$/],
  ['train with tol NaN', () => train(model, sgd, X, y, { epochs: 3, tol: Number.NaN, loss: 'sse' }), RangeError, /^train: tol must be finite, got NaN$/],
  ['train with nIterNoChange but no tol', () => train(model, sgd, X, y, { epochs: 3, nIterNoChange: 2, loss: 'sse' }), TypeError, /^train: nIterNoChange needs tol$/],
  ['train with nIterNoChange 0', () => train(model, sgd, X, y, { epochs: 3, tol: 1e-3, nIterNoChange: 0, loss: 'sse' }), RangeError, /^train: nIterNoChange must be an integer ≥ 1, got 0$/],
  ['train with a scheduler of another optimizer', () => train(model, sgd, X, y, { epochs: 2, scheduler: new StepLR(adam, { stepSize: 1 }), loss: 'sse' }), TypeError, /^train: scheduler must be a scheduler of this optimizer, got StepLR$/],
  ['train with a scheduler that is not one', () => train(model, sgd, X, y, { epochs: 2, scheduler: { step: 1 } as never, loss: 'sse' }), TypeError, /^train: scheduler must be a scheduler of this optimizer, got Object$/],
  // saved state
  ['loadStateDict from another optimizer type', () => sgd.loadStateDict(adam.stateDict()), TypeError, /this is a SGD but the saved state is from "Adam"/],
  ['loadStateDict with a short buffer', () => sgd.loadStateDict({ ...sgd.stateDict(), state: { momentumBuffer: [1, 2] } }), RangeError, /momentumBuffer has 2 values but the optimizer has 4 parameters/],
  ['loadStateDict with a NaN moment', () => adam.loadStateDict({ ...adam.stateDict(), state: { expAvg: [0, 0, Number.NaN, 0], expAvgSq: [0, 0, 0, 0], maxExpAvgSq: null } }), RangeError, /expAvg\[2\] is NaN/],
  ['loadStateDict of a future version', () => adam.loadStateDict({ ...adam.stateDict(), version: 2 }), RangeError, /unsupported format version 2/],
  ['LinearModel.fromJSON of garbage', () => LinearModel.fromJSON({ hello: 1 }), TypeError, /not a saved LinearModel/],
  // the shared boundary checks (src/validate.ts, src/predict.ts), their messages pinned whole
  ['LinearModel.fromJSON of a LinearRegression save', () => LinearModel.fromJSON({ format: 'linreg-wasm/LinearRegression', version: 1 }), TypeError, /^not a saved LinearModel \(expected format "linreg-wasm\/LinearModel"\), got Object$/],
  ['LinearModel.fromJSON of a future version', () => LinearModel.fromJSON({ ...model.toJSON(), version: 2 }), RangeError, /^unsupported LinearModel format version 2; this build reads version 1$/],
  ['loadStateDict of a number', () => sgd.loadStateDict(42), TypeError, /^loadStateDict: expected the output of stateDict\(\), got 42$/],
  ['train with y shorter than X', () => train(model, sgd, goodX, [1, 2], opts), RangeError, /^y has 2 values but X has 3 rows$/],
  ['train on an empty Matrix', () => train(model, sgd, Matrix.alloc(0, 3), [], opts), RangeError, /^X has no rows: at least one observation is needed$/],
  ['predict with NaN in X', () => model.predict([[1, Number.NaN, 3]]), RangeError, /^X\[0\]\[1\] is NaN: data must be finite numbers \(drop or impute missing values first\)$/],
  // divergence
  ['parameters that overflow the loss', () => { model.weight = [1e200, 1e200, 1e200]; return sseLoss(model, goodX, goodY); }, DivergenceError, /the loss is Infinity at the current parameters/],
];

describe('bad input: typed errors naming the value, nothing changed', () => {
  it(`has at least 45 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(45));

  it.each(CASES)('%s', (_, run, ErrorClass, message) => {
    const before = snapshot();
    expectTypedError(run, ErrorClass, message);
    // In-place edits made by the case itself (NaN written into X, a weight assigned) are undone
    // before comparing: what must not change is everything the failed call could have touched.
    X.data.set(goodX.flat());
    y.data.set(goodY);
    model.weight = weightBefore;
    expect(snapshot()).toBe(before);
  });
});

describe('use after dispose()', () => {
  it.each([
    ['a disposed Matrix', () => { X.dispose(); return sseLoss(model, X, y); }, /X was disposed/],
    ['a disposed Vector', () => { y.dispose(); return y.data; }, /Vector was disposed/],
    ['a disposed model', () => { model.dispose(); return model.weight; }, /LinearModel was disposed/],
    ['an optimizer whose model was disposed', () => { model.dispose(); sgd.step(); }, /LinearModel was disposed/],
    ['a disposed optimizer', () => { sgd.dispose(); sgd.zeroGrad(); }, /SGD was disposed/],
    ['a scheduler on a disposed optimizer', () => { sgd.dispose(); return new StepLR(sgd, { stepSize: 1 }); }, /^StepLR: the optimizer \(SGD\) was disposed; a scheduler needs a live optimizer$/],
    ['stepping a scheduler whose optimizer was disposed', () => { const s = new ExponentialLR(adam, { gamma: 0.5 }); adam.dispose(); s.step(); }, /^ExponentialLR: the optimizer \(Adam\) was disposed; a scheduler needs a live optimizer$/],
  ] as const)('%s throws TypeError', (_, run, message) => {
    expect(run).toThrow(TypeError);
    expect(run).toThrow(message);
  });
});
