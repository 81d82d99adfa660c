import { Owned } from './memory/owned.js';
import { borrowMatrix } from './memory/borrow.js';
import { flattenVector } from './memory/vector.js';
import { predictRows } from './predict.js';
import { checkEnvelope, checkFinite, checkInteger, checkOptions } from './validate.js';

/** One named parameter tensor of a model: a range of the model's contiguous parameter block. */
export interface Parameter {
  /** Which tensor: torch.nn.Linear's names. */
  readonly name: 'weight' | 'bias';
  /** The model whose block holds it. */
  readonly model: LinearModel;
  /** Index of the first element in the model's block [w_0 … w_{p-1}, b]. */
  readonly offset: number;
  /** Number of elements (nFeatures for weight, 1 for bias). */
  readonly length: number;
}

/** Options of {@link LinearModel}: starting parameters (zeros by default). */
export interface LinearModelOptions {
  /** Starting weights w, nFeatures finite numbers. Default zeros. */
  weight?: ArrayLike<number>;
  /** Starting bias b, finite. Default 0. */
  bias?: number;
}

const FORMAT = 'linreg-wasm/LinearModel';

/**
 * ŷ = X·w + b with float64 parameters in wasm memory, like `torch.nn.Linear(nFeatures, 1)`.
 *
 * Layout: one block [w_0 … w_{p−1}, b | grad | scratch], so an optimizer updates every parameter
 * in one kernel call. Parameters start at zero unless given (gradient descent from zero converges
 * to the minimum-norm least-squares solution).
 * @example
 * const model = new LinearModel(3, { weight: [0.1, 0.2, 0.3], bias: 1 });
 * model.predict([[1, 2, 3]]); // Float64Array [2.4]
 */
export class LinearModel extends Owned {
  readonly nFeatures: number;
  /** @internal Padded length of each of the three sections (params, grad, scratch). */
  readonly stride: number;
  private paramView: Float64Array | undefined;
  private gradView: Float64Array | undefined;
  /** @internal Set while train() runs on this model, to refuse re-entrant changes. */
  busy = false;

  /**
   * @param nFeatures number of input features p (≥ 1).
   * @throws RangeError for a bad nFeatures or parameters of the wrong length / not finite.
   */
  constructor(nFeatures: number, options?: LinearModelOptions) {
    checkInteger('nFeatures', nFeatures, 1);
    const opts = checkOptions<LinearModelOptions>('LinearModel', options, ['weight', 'bias']);
    const weight = opts.weight === undefined ? undefined : checkWeight(opts.weight, nFeatures);
    const bias = opts.bias === undefined ? 0 : checkFinite('bias', opts.bias);
    const stride = (nFeatures + 2) & ~1; // p + 1 rounded up to even: 16-byte aligned sections
    super(3 * stride * 8);
    this.nFeatures = nFeatures;
    this.stride = stride;
    this.arena.f64(this.ptr, 3 * stride).fill(0);
    if (weight) this.params.set(weight);
    this.params[nFeatures] = bias;
  }

  /** w (length nFeatures): a live view of wasm memory; write into it or assign an array. */
  get weight(): Float64Array {
    return this.params.subarray(0, this.nFeatures);
  }
  set weight(values: ArrayLike<number>) {
    this.assertMutable();
    this.params.set(checkWeight(values, this.nFeatures));
  }

  /** b. */
  get bias(): number {
    return this.params[this.nFeatures];
  }
  set bias(value: number) {
    this.assertMutable();
    this.params[this.nFeatures] = checkFinite('bias', value);
  }

  /** Accumulated gradients (∂L/∂w as a live view, ∂L/∂b), as `loss.backward()` leaves them. */
  get grad(): { readonly weight: Float64Array; readonly bias: number } {
    const g = this.grads;
    return { weight: g.subarray(0, this.nFeatures), bias: g[this.nFeatures] };
  }

  /** Sets the gradients to zero (what `optimizer.zeroGrad()` does for this model). */
  zeroGrad(): void {
    this.assertMutable();
    this.grads.fill(0);
  }

  /** [weight, bias], for an optimizer: `new SGD(model.parameters(), { lr: 0.01 })`. */
  parameters(): Parameter[] {
    this.assertAlive('LinearModel');
    return [
      { name: 'weight', model: this, offset: 0, length: this.nFeatures },
      { name: 'bias', model: this, offset: this.nFeatures, length: 1 },
    ];
  }

  /**
   * ŷ = X·w + b for each row of X (a copy, safe to keep).
   * @throws RangeError when X's column count differs from nFeatures or X holds NaN/±Infinity.
   */
  predict(X: unknown): Float64Array {
    this.assertAlive('LinearModel');
    const ref = borrowMatrix('X', X);
    try {
      checkColumns(ref.cols, this.nFeatures);
      return predictRows(ref, this.ptr, this.bias);
    } finally {
      ref.release();
    }
  }

  /** A plain-JSON snapshot: `{ format, version, nFeatures, weight, bias }`. */
  toJSON(): { format: string; version: 1; nFeatures: number; weight: number[]; bias: number } {
    return { format: FORMAT, version: 1, nFeatures: this.nFeatures, weight: Array.from(this.weight), bias: this.bias };
  }

  /** Rebuilds a model from {@link LinearModel.toJSON} output. @throws TypeError/RangeError for bad input. */
  static fromJSON(json: unknown): LinearModel {
    const j = checkEnvelope(
      json, FORMAT, `not a saved LinearModel (expected format "${FORMAT}")`, 'unsupported LinearModel format version',
    ) as unknown as ReturnType<LinearModel['toJSON']>;
    return new LinearModel(j.nFeatures, { weight: j.weight, bias: j.bias });
  }

  /** @internal Parameter block [w, b] as a live view. */
  get params(): Float64Array {
    this.assertAlive('LinearModel');
    this.paramView = this.view(this.paramView, 0, this.nFeatures + 1);
    return this.paramView;
  }

  /** @internal Gradient block as a live view. */
  get grads(): Float64Array {
    this.assertAlive('LinearModel');
    this.gradView = this.view(this.gradView, this.stride * 8, this.nFeatures + 1);
    return this.gradView;
  }

  /** @internal Byte offsets of the gradient and scratch sections. */
  get gradPtr(): number { return this.ptr + this.stride * 8; }
  get scratchPtr(): number { return this.ptr + 2 * this.stride * 8; }

  /** @internal Throws if disposed or if train() is running on this model. */
  assertMutable(): void {
    this.assertAlive('LinearModel');
    if (this.busy) throw new TypeError('LinearModel is being trained: change it after train() returns, not from onLog');
  }

  override dispose(): void {
    if (this.busy) throw new TypeError('LinearModel is being trained: dispose it after train() returns');
    super.dispose();
  }
}

/** @internal RangeError `X has a columns but the model has p features`. */
export function checkColumns(cols: number, nFeatures: number): void {
  if (cols !== nFeatures) {
    throw new RangeError(`X has ${cols} columns but the model has ${nFeatures} features`);
  }
}

function checkWeight(values: unknown, n: number): ArrayLike<number> {
  const w = flattenVector(values, 'weight');
  if (w.length !== n) throw new RangeError(`weight has ${w.length} values but the model has ${n} features`);
  return w;
}
