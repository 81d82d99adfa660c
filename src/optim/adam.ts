import { Optimizer } from './optimizer.js';
import type { Parameter } from '../model.js';
import { Flag, Kind } from '../wasm/kernels.js';
import { checkRange, describe } from '../validate.js';
import { flag, lrRule, nonNegative, type OptionRule, type OptimizerSpec } from './spec.js';

/** Options of {@link Adam} and {@link AdamW}; defaults as torch.optim. */
export interface AdamOptions {
  /** Learning rate γ, ≥ 0. Default 1e-3. */
  lr?: number;
  /** [β₁, β₂], each in [0, 1): decay rates of the gradient's running mean and of its square. Default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε added to the denominator for numerical stability, ≥ 0. Default 1e-8. */
  eps?: number;
  /** Weight decay λ, ≥ 0: added to the gradient (Adam, default 0) or decoupled (AdamW, default 1e-2). */
  weightDecay?: number;
  /** Use the running maximum of v (AMSGrad). Default false. */
  amsgrad?: boolean;
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize?: boolean;
}

const betas: OptionRule<[number, number]> = {
  default: [0.9, 0.999],
  check(where, value) {
    if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`${where}: betas must be [beta1, beta2], got ${describe(value)}`);
    return [checkRange(`${where}: betas[0]`, value[0], 0, 1), checkRange(`${where}: betas[1]`, value[1], 0, 1)];
  },
};

/** Adam's spec; AdamW's differs in its default weight decay and in applying it decoupled. */
function adamSpec(type: 'Adam' | 'AdamW'): OptimizerSpec<AdamOptions> {
  const decoupled = type === 'AdamW';
  return {
    type,
    kind: Kind.adam,
    options: {
      lr: lrRule(1e-3), betas, eps: nonNegative('eps', 1e-8), weightDecay: nonNegative('weightDecay', decoupled ? 1e-2 : 0),
      amsgrad: flag('amsgrad'), maximize: flag('maximize'),
    },
    state: ['expAvg', 'expAvgSq', 'maxExpAvgSq'],
    stateUsed: (o) => [true, true, o.amsgrad],
    config: (o) => ({
      lr: o.lr, beta1: o.betas[0], beta2: o.betas[1], eps: o.eps, weightDecay: o.weightDecay,
      flags: (o.amsgrad ? Flag.amsgrad : 0) | (o.maximize ? Flag.maximize : 0) | (decoupled ? Flag.decoupled : 0),
    }),
  };
}
const ADAM = adamSpec('Adam'), ADAMW = adamSpec('AdamW');

/**
 * Adam, torch.optim.Adam's update rule operation for operation. With gradient g, parameters p,
 * learning rate γ, betas (β₁, β₂), weight decay λ and step count t (from 1):
 *
 *     d = ±g + λ·p                       (− when maximize)
 *     m = β₁·m + (1 − β₁)·d,   v = β₂·v + (1 − β₂)·d²,   v̂ = max(v̂, v) if amsgrad else v
 *     p = p − (γ / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 *
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0.
 * stateDict()'s state: `{ expAvg, expAvgSq, maxExpAvgSq }` (the last null unless amsgrad).
 * @throws RangeError for lr < 0, eps < 0, betas outside [0, 1), weightDecay < 0; TypeError for
 *   unknown options or wrong kinds.
 * @example
 * const opt = new Adam(model.parameters(), { lr: 0.05 });
 */
export class Adam extends Optimizer<AdamOptions> {
  /** @param params the parameters to update: `model.parameters()` (of one model or several, or some of them). */
  constructor(params: Iterable<Parameter>, options?: AdamOptions) {
    super(params, new.target === AdamW ? ADAMW : ADAM, options);
  }
}

/**
 * AdamW: Adam with decoupled weight decay (torch.optim.AdamW). Before the Adam update,
 *
 *     p = p · (1 − γ·λ)
 *
 * and λ is not added to the gradient. Defaults as Adam except weightDecay 1e-2.
 * @example
 * const opt = new AdamW(model.parameters(), { lr: 0.01, weightDecay: 0.1 });
 */
export class AdamW extends Adam {
  /** @param params the parameters to update: `model.parameters()` (of one model or several, or some of them). */
  constructor(params: Iterable<Parameter>, options?: AdamOptions) {
    super(params, options);
  }
}
