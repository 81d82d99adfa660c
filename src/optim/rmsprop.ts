import { Optimizer } from './optimizer.js';
import type { Parameter } from '../model.js';
import { Flag, Kind } from '../wasm/kernels.js';
import { flag, lrRule, nonNegative, type OptimizerSpec } from './spec.js';
import { requireOptimizerKernels } from './kernels.js';

/** Options of {@link RMSprop}; defaults as torch.optim.RMSprop. */
export interface RMSpropOptions {
  /** Learning rate γ, ≥ 0. Default 1e-2. */
  lr?: number;
  /** Smoothing constant α of the running mean of g², ≥ 0. Default 0.99. */
  alpha?: number;
  /** ε added to the denominator, after the square root, ≥ 0. Default 1e-8. */
  eps?: number;
  /** L2 penalty λ added to the gradient (λ·p), ≥ 0. Default 0. */
  weightDecay?: number;
  /** Momentum factor μ, ≥ 0. Default 0. */
  momentum?: number;
  /** Divide by the estimated variance of g (v − ḡ²) instead of v. Default false. */
  centered?: boolean;
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize?: boolean;
}

const SPEC: OptimizerSpec<RMSpropOptions> = {
  type: 'RMSprop',
  kind: Kind.rmsprop,
  options: {
    lr: lrRule(1e-2), alpha: nonNegative('alpha', 0.99), eps: nonNegative('eps', 1e-8),
    weightDecay: nonNegative('weightDecay', 0), momentum: nonNegative('momentum', 0),
    centered: flag('centered'), maximize: flag('maximize'),
  },
  requireKernels: requireOptimizerKernels,
  state: ['squareAvg', 'momentumBuffer', 'gradAvg'],
  stateUsed: (o) => [true, o.momentum !== 0, o.centered],
  config: (o) => ({
    lr: o.lr, alpha: o.alpha, eps: o.eps, weightDecay: o.weightDecay, momentum: o.momentum,
    flags: (o.centered ? Flag.centered : 0) | (o.maximize ? Flag.maximize : 0),
  }),
};

/**
 * RMSprop, torch.optim.RMSprop's update rule operation for operation. With gradient g, parameters
 * p, learning rate γ, smoothing α, weight decay λ and momentum μ:
 *
 *     d = ±g + λ·p                                  (− when maximize)
 *     v = α·v + (1 − α)·d²
 *     a = √(v − ḡ²) + ε  with  ḡ = α·ḡ + (1 − α)·d  (centered),   a = √v + ε  otherwise
 *     buf = μ·buf + d / a,  p = p − γ·buf  (μ ≠ 0),   p = p − γ·d / a  otherwise
 *
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0. stateDict()'s state:
 * `{ squareAvg, momentumBuffer, gradAvg }` (momentumBuffer null without momentum, gradAvg null
 * unless centered).
 * @throws RangeError for lr, alpha, eps, weightDecay or momentum < 0 (torch's checks); TypeError
 *   for unknown options or wrong kinds.
 * @example
 * const opt = new RMSprop(model.parameters(), { lr: 0.01, momentum: 0.9, centered: true });
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  /** @param params the parameters to update: `model.parameters()` (of one model or several, or some of them). */
  constructor(params: Iterable<Parameter>, options?: RMSpropOptions) {
    super(params, SPEC, options);
  }
}
