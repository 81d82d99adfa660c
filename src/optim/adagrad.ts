import { Optimizer } from './optimizer.js';
import type { Parameter } from '../model.js';
import { Flag, Kind } from '../wasm/kernels.js';
import { flag, lrRule, nonNegative, type OptimizerSpec } from './spec.js';
import { requireOptimizerKernels } from './kernels.js';

/** Options of {@link Adagrad}; defaults as torch.optim.Adagrad. */
export interface AdagradOptions {
  /** Learning rate γ, ≥ 0. Default 1e-2. */
  lr?: number;
  /** Learning-rate decay η, ≥ 0: step t uses γ / (1 + (t − 1)·η). Default 0. */
  lrDecay?: number;
  /** L2 penalty λ added to the gradient (λ·p), ≥ 0. Default 0. */
  weightDecay?: number;
  /** What the sum of squared gradients starts at, ≥ 0. Default 0. */
  initialAccumulatorValue?: number;
  /** ε added to the denominator, after the square root, ≥ 0. Default 1e-10. */
  eps?: number;
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize?: boolean;
}

const SPEC: OptimizerSpec<AdagradOptions> = {
  type: 'Adagrad',
  kind: Kind.adagrad,
  options: {
    lr: lrRule(1e-2), lrDecay: nonNegative('lrDecay', 0), weightDecay: nonNegative('weightDecay', 0),
    initialAccumulatorValue: nonNegative('initialAccumulatorValue', 0), eps: nonNegative('eps', 1e-10),
    maximize: flag('maximize'),
  },
  requireKernels: requireOptimizerKernels,
  state: ['sum'],
  stateUsed: () => [true],
  config: (o) => ({ lr: o.lr, lrDecay: o.lrDecay, weightDecay: o.weightDecay, eps: o.eps, flags: o.maximize ? Flag.maximize : 0 }),
  initialState: (o) => [o.initialAccumulatorValue],
};

/**
 * Adagrad, torch.optim.Adagrad's update rule operation for operation. With gradient g, parameters
 * p, learning rate γ, decay η, weight decay λ and step count t (from 1):
 *
 *     d = ±g + λ·p                     (− when maximize)
 *     sum = sum + d²,   p = p − (γ / (1 + (t − 1)·η)) · d / (√sum + ε)
 *
 * sum starts at initialAccumulatorValue. Defaults: lr 1e-2, lrDecay 0, weightDecay 0,
 * initialAccumulatorValue 0, eps 1e-10. stateDict()'s state: `{ sum }`.
 * @throws RangeError for lr, lrDecay, weightDecay, initialAccumulatorValue or eps < 0 (torch's
 *   checks); TypeError for unknown options or wrong kinds.
 * @example
 * const opt = new Adagrad(model.parameters(), { lr: 0.1, lrDecay: 0.01 });
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  /** @param params the parameters to update: `model.parameters()` (of one model or several, or some of them). */
  constructor(params: Iterable<Parameter>, options?: AdagradOptions) {
    super(params, SPEC, options);
  }
}
