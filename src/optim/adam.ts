import { Optimizer, checkLr, type OptimizerState, type ParamRange } from './optimizer.js';
import type { Parameter } from '../model.js';
import { Cfg, Flag, Kind } from '../wasm/kernels.js';
import { checkBoolean, checkFinite, checkOptions, checkRange, describe } from '../validate.js';
import { checkStateDict, stateVector } from './state.js';

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

const KNOWN = ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad', 'maximize'] as const;
const NAMES = ['expAvg', 'expAvgSq', 'maxExpAvgSq'] as const;

/**
 * Adam, torch.optim.Adam's update rule operation for operation. With gradient g, parameters p,
 * learning rate γ, betas (β₁, β₂), weight decay λ and step count t (from 1):
 *
 *     d = ±g + λ·p                       (− when maximize)
 *     m = β₁·m + (1 − β₁)·d,   v = β₂·v + (1 − β₂)·d²,   v̂ = max(v̂, v) if amsgrad else v
 *     p = p − (γ / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 *
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0.
 * @throws RangeError for lr < 0, eps < 0, betas outside [0, 1), weightDecay < 0; TypeError for
 *   unknown options or wrong kinds.
 * @example
 * const opt = new Adam(model.parameters(), { lr: 0.05 });
 */
export class Adam extends Optimizer {
  readonly kind: number = Kind.adam;
  protected readonly stateNames = NAMES;
  readonly type: string;
  private opts: Required<AdamOptions>;

  /** @param params the parameters to update: `model.parameters()` (of one model or several). */
  constructor(params: Iterable<Parameter>, options?: AdamOptions) {
    const type = new.target === AdamW ? 'AdamW' : 'Adam';
    const o = normalize(type, options, 0);
    super(params, 3, config(o, type === 'AdamW'));
    this.type = type;
    this.opts = o;
  }

  /** @internal m and v, and v̂ with amsgrad. */
  stateInUse(r: ParamRange): number {
    return (this.opts.amsgrad ? 3 : 2) * r.length;
  }

  /** The options in effect, defaults filled in. */
  get options(): Required<AdamOptions> {
    return { ...this.opts, betas: [...this.opts.betas], lr: this.lr };
  }

  /** `{ format, version, type, options, step, state: { expAvg, expAvgSq, maxExpAvgSq } }` (maxExpAvgSq null unless amsgrad). */
  stateDict(): OptimizerState {
    const amsgrad = this.opts.amsgrad;
    return {
      format: 'linreg-wasm/optimizer', version: 1, type: this.type, options: this.options,
      step: this.stepCount,
      state: { expAvg: this.gather(0), expAvgSq: this.gather(1), maxExpAvgSq: amsgrad ? this.gather(2) : null },
    };
  }

  /** Restores `stateDict()` output (options included). @throws TypeError/RangeError for a mismatched dict. */
  loadStateDict(dict: unknown): void {
    this.assertUsable();
    const d = checkStateDict(dict, this.type);
    const o = normalize(this.type, d.options, 0);
    const vectors = NAMES.map((n, i) => stateVector(d, n, this.numel, i === 2 && !o.amsgrad));
    const c = config(o, this.type === 'AdamW');
    for (const r of this.ranges) this.cfg(r).set(c);
    this.setCounters(d.step, c[Cfg.flags]);
    vectors.forEach((v, slot) => this.scatter(slot, v ?? new Array(this.numel).fill(0)));
    this.opts = o;
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
  /** @param params the parameters to update: `model.parameters()` (of one model or several). */
  constructor(params: Iterable<Parameter>, options?: AdamOptions) {
    super(params, { weightDecay: 1e-2, ...checkOptions<AdamOptions>('AdamW', options, KNOWN) });
  }
}

function normalize(where: string, options: unknown, defaultDecay: number): Required<AdamOptions> {
  const o = checkOptions<AdamOptions>(where, options, KNOWN);
  const lr = checkLr(where, o.lr ?? 1e-3);
  const betas = o.betas ?? [0.9, 0.999];
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new TypeError(`${where}: betas must be [beta1, beta2], got ${describe(betas)}`);
  }
  checkRange(`${where}: betas[0]`, betas[0], 0, 1);
  checkRange(`${where}: betas[1]`, betas[1], 0, 1);
  const eps = checkFinite(`${where}: eps`, o.eps ?? 1e-8);
  if (eps < 0) throw new RangeError(`${where}: invalid eps ${eps}: it must be ≥ 0`);
  const weightDecay = checkFinite(`${where}: weightDecay`, o.weightDecay ?? defaultDecay);
  if (weightDecay < 0) throw new RangeError(`${where}: invalid weightDecay ${weightDecay}: it must be ≥ 0`);
  const amsgrad = checkBoolean(`${where}: amsgrad`, o.amsgrad ?? false);
  const maximize = checkBoolean(`${where}: maximize`, o.maximize ?? false);
  return { lr, betas: [betas[0], betas[1]], eps, weightDecay, amsgrad, maximize };
}

function config(o: Required<AdamOptions>, decoupled: boolean): number[] {
  const c = new Array<number>(Cfg.slots).fill(0);
  c[Cfg.lr] = o.lr;
  c[Cfg.beta1] = o.betas[0];
  c[Cfg.beta2] = o.betas[1];
  c[Cfg.eps] = o.eps;
  c[Cfg.weightDecay] = o.weightDecay;
  c[Cfg.flags] = (o.amsgrad ? Flag.amsgrad : 0) | (o.maximize ? Flag.maximize : 0) | (decoupled ? Flag.decoupled : 0);
  return c;
}
