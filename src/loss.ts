import { LinearModel, checkColumns } from './model.js';
import { assertInputsFinite, withData, type MatrixInput, type MatrixRef, type VectorInput, type VectorRef } from './memory/borrow.js';
import { DivergenceError } from './errors.js';
import { checkAllFinite, checkShapes, describe } from './validate.js';

/** Which squared-error loss: the sum ('sse') or the mean ('mse'). */
export type LossName = 'sse' | 'mse';

/**
 * Sum of squared errors L = Σᵢ (xᵢ·w + b − yᵢ)², computed with its gradient in one fused pass over X;
 * the gradient ∂L/∂w = 2 Σᵢ rᵢ xᵢ, ∂L/∂b = 2 Σᵢ rᵢ is *added* to `model.grad`, as
 * `loss.backward()` accumulates (call `zeroGrad()` between steps).
 *
 * @param X n×p design matrix (`Matrix` for zero copies, or `number[][]`); y: n targets.
 * @returns L.
 * @throws RangeError for mismatched shapes, empty data or NaN/±Infinity in X or y;
 *   DivergenceError when the parameters make the loss overflow. A call that throws changes nothing.
 * @example
 * optimizer.zeroGrad();
 * const loss = sseLoss(model, X, y);
 * optimizer.step();
 */
export function sseLoss(model: LinearModel, X: MatrixInput, y: VectorInput): number {
  return squaredLoss(model, X, y, 'sse');
}

/**
 * Mean squared error L = (1/n) Σᵢ (xᵢ·w + b − yᵢ)², with gradient (2/n) Σᵢ rᵢ xᵢ, (2/n) Σᵢ rᵢ added to
 * `model.grad`. Same contract as {@link sseLoss}.
 */
export function mseLoss(model: LinearModel, X: MatrixInput, y: VectorInput): number {
  return squaredLoss(model, X, y, 'mse');
}

function squaredLoss(model: LinearModel, X: unknown, y: unknown, loss: LossName): number {
  checkModel(model);
  model.assertMutable();
  return withData(X, y, (refX, refY) => {
    checkData(model, refX, refY);
    const k = model.arena.kernels;
    const divisor = loss === 'sse' ? 1 : refX.rows;
    const value = k.lossGradAccumulate(
      refX.ptr, refY.ptr, refX.rows, refX.cols, model.ptr, model.gradPtr, model.scratchPtr, divisor,
    );
    if (!Number.isFinite(value)) explainNonFinite(model, refX, refY, value);
    return value;
  });
}

/** @internal TypeError unless `model` is a live LinearModel. */
export function checkModel(model: unknown): asserts model is LinearModel {
  if (!(model instanceof LinearModel)) throw new TypeError(`model must be a LinearModel, got ${describe(model)}`);
  model.assertAlive('LinearModel');
}

/** @internal X's columns against the model, then the shared shape check (one y per row, a row at least). */
export function checkData(model: LinearModel, X: MatrixRef, y: VectorRef): void {
  checkColumns(X.cols, model.nFeatures);
  checkShapes('X', X, y, 'y');
}

/** @internal Names the cause of a non-finite loss: bad data, bad parameters, or overflow. */
export function explainNonFinite(model: LinearModel, X: MatrixRef, y: VectorRef, value: number): never {
  assertInputsFinite([['X', X], ['y', y]]);
  checkAllFinite('model parameters [w, b]', model.params);
  throw new DivergenceError(
    `the loss is ${value} at the current parameters (finite data): the parameters are too large for this data; lower the learning rate`,
    { iteration: 0, lastFiniteLoss: Number.NaN },
  );
}
