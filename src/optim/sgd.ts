import { Optimizer, checkLr, type OptimizerState, type ParamRange } from './optimizer.js';
import type { Parameter } from '../model.js';
import { Cfg, Flag, Kind } from '../wasm/kernels.js';
import { checkBoolean, checkFinite, checkOptions } from '../validate.js';
import { checkStateDict, stateVector } from './state.js';

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

const KNOWN = ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize'] as const;

/**
 * Stochastic gradient descent, torch.optim.SGD's update rule operation for operation. With
 * gradient g, parameters p, learning rate γ, momentum μ, dampening τ, weight decay λ:
 *
 *     d = ±g + λ·p                          (− when maximize)
 *     buf = d  (first step),  buf = μ·buf + (1 − τ)·d  (later steps)      when μ ≠ 0
 *     d = d + μ·buf  (nesterov)  or  d = buf                                 when μ ≠ 0
 *     p = p − γ·d
 *
 * @throws RangeError for lr < 0, momentum < 0, weightDecay < 0, or nesterov without momentum or
 *   with dampening; TypeError for unknown options or non-numbers.
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
 */
export class SGD extends Optimizer {
  readonly kind = Kind.sgd;
  readonly type = 'SGD';
  protected readonly stateNames = ['momentumBuffer'] as const;
  private opts: Required<SGDOptions>;

  /** @param params the parameters to update: `model.parameters()` (of one model or several). */
  constructor(params: Iterable<Parameter>, options: SGDOptions) {
    const o = normalize(options);
    super(params, 1, config(o));
    this.opts = o;
  }

  /** @internal The momentum buffer, when momentum is on. */
  stateInUse(r: ParamRange): number {
    return this.opts.momentum !== 0 ? r.length : 0;
  }

  /** The options in effect, defaults filled in. */
  get options(): Required<SGDOptions> {
    return { ...this.opts, lr: this.lr };
  }

  /** `{ format, version, type: 'SGD', options, step, state: { momentumBuffer } }` (buffer null before the first step). */
  stateDict(): OptimizerState {
    const [r] = this.ranges;
    const hasBuffer = (this.cfg(r)[Cfg.flags] & Flag.hasBuffer) !== 0;
    return {
      format: 'linreg-wasm/optimizer', version: 1, type: 'SGD', options: this.options,
      step: this.stepCount, state: { momentumBuffer: hasBuffer ? this.gather(0) : null },
    };
  }

  /** Restores `stateDict()` output (options included). @throws TypeError/RangeError for a mismatched dict. */
  loadStateDict(dict: unknown): void {
    this.assertUsable();
    const d = checkStateDict(dict, 'SGD');
    const o = normalize(d.options as unknown as SGDOptions);
    const buf = stateVector(d, 'momentumBuffer', this.numel, true);
    for (const r of this.ranges) this.cfg(r).set(config(o));
    this.setCounters(d.step, flags(o) | (buf ? Flag.hasBuffer : 0));
    if (buf) this.scatter(0, buf);
    this.opts = o;
  }
}

function normalize(options: unknown): Required<SGDOptions> {
  const o = checkOptions<SGDOptions>('SGD', options, KNOWN);
  if (o.lr === undefined) throw new TypeError('SGD: lr is required (torch.optim.SGD has no default learning rate)');
  const lr = checkLr('SGD', o.lr);
  const momentum = checkFinite('SGD: momentum', o.momentum ?? 0);
  const dampening = checkFinite('SGD: dampening', o.dampening ?? 0);
  const weightDecay = checkFinite('SGD: weightDecay', o.weightDecay ?? 0);
  const nesterov = checkBoolean('SGD: nesterov', o.nesterov ?? false);
  const maximize = checkBoolean('SGD: maximize', o.maximize ?? false);
  if (momentum < 0) throw new RangeError(`SGD: invalid momentum ${momentum}: it must be ≥ 0`);
  if (weightDecay < 0) throw new RangeError(`SGD: invalid weightDecay ${weightDecay}: it must be ≥ 0`);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new RangeError(`SGD: nesterov momentum requires momentum > 0 and dampening 0 (got momentum ${momentum}, dampening ${dampening})`);
  }
  return { lr, momentum, dampening, nesterov, weightDecay, maximize };
}

function flags(o: Required<SGDOptions>): number {
  return (o.nesterov ? Flag.nesterov : 0) | (o.maximize ? Flag.maximize : 0);
}

function config(o: Required<SGDOptions>): number[] {
  const c = new Array<number>(Cfg.slots).fill(0);
  c[Cfg.lr] = o.lr;
  c[Cfg.momentum] = o.momentum;
  c[Cfg.dampening] = o.dampening;
  c[Cfg.weightDecay] = o.weightDecay;
  c[Cfg.flags] = flags(o);
  return c;
}
