import { Optimizer } from './optimizer.js';
import type { Parameter } from '../model.js';
import { Flag, Kind } from '../wasm/kernels.js';
import { finite, flag, lrRule, nonNegative, type OptimizerSpec } from './spec.js';

/** Options of {@link SGD}; defaults as torch.optim.SGD (lr has none and must be given). */
export interface SGDOptions {
  /** Learning rate γ, ≥ 0. Required, as in torch.optim.SGD. */
  lr: number;
  /** Momentum factor μ, ≥ 0; 0 (the default) is plain gradient descent. */
  momentum?: number;
  /** Dampening τ of the momentum: buf = μ·buf + (1 − τ)·d. Default 0. */
  dampening?: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). Default false. */
  nesterov?: boolean;
  /** L2 penalty λ added to the gradient (λ·p), ≥ 0. Default 0. */
  weightDecay?: number;
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize?: boolean;
}

const SPEC: OptimizerSpec<SGDOptions> = {
  type: 'SGD',
  kind: Kind.sgd,
  options: {
    lr: lrRule(undefined), momentum: nonNegative('momentum', 0), dampening: finite('dampening', 0),
    nesterov: flag('nesterov'), weightDecay: nonNegative('weightDecay', 0), maximize: flag('maximize'),
  },
  validate(o, where) {
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new RangeError(`${where}: nesterov momentum requires momentum > 0 and dampening 0 (got momentum ${o.momentum}, dampening ${o.dampening})`);
    }
  },
  state: ['momentumBuffer'],
  stateUsed: (o) => [o.momentum !== 0],
  createdFlag: Flag.hasBuffer, // torch's momentum_buffer is None until the first step
  config: (o) => ({
    lr: o.lr, momentum: o.momentum, dampening: o.dampening, weightDecay: o.weightDecay,
    flags: (o.nesterov ? Flag.nesterov : 0) | (o.maximize ? Flag.maximize : 0),
  }),
};

/**
 * Stochastic gradient descent, torch.optim.SGD's update rule operation for operation. With
 * gradient g, parameters p, learning rate γ, momentum μ, dampening τ, weight decay λ:
 *
 *     d = ±g + λ·p                          (− when maximize)
 *     buf = d  (first step),  buf = μ·buf + (1 − τ)·d  (later steps)      when μ ≠ 0
 *     d = d + μ·buf  (nesterov)  or  d = buf                                 when μ ≠ 0
 *     p = p − γ·d
 *
 * stateDict()'s state: `{ momentumBuffer }` (null before the first step, or without momentum).
 * @throws RangeError for lr < 0, momentum < 0, weightDecay < 0, or nesterov without momentum or
 *   with dampening; TypeError for unknown options or non-numbers.
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
 */
export class SGD extends Optimizer<SGDOptions> {
  /** @param params the parameters to update: `model.parameters()` (of one model or several, or some of them). */
  constructor(params: Iterable<Parameter>, options: SGDOptions) {
    super(params, SPEC, options);
  }
}
