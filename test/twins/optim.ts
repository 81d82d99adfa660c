// Plain-TypeScript twins of the optimizer kernels, written from torch.optim's documented
// algorithms (1.13, single-tensor path), one scalar at a time.
import { Cfg, Flag } from '../../src/wasm/kernels.js';

/** Optimizer state of the twins: config slots as the kernel's, plus the state vectors. */
export interface RefState { cfg: Float64Array; buf: Float64Array; m: Float64Array; v: Float64Array; vmax: Float64Array }

/** Fresh twin state for n parameters with the given config block. */
export function refState(cfg: ArrayLike<number>, n: number): RefState {
  return { cfg: Float64Array.from(cfg), buf: new Float64Array(n), m: new Float64Array(n), v: new Float64Array(n), vmax: new Float64Array(n) };
}

/** torch.optim.SGD step on p with gradient g. */
export function sgdStepRef(s: RefState, p: Float64Array, g: ArrayLike<number>): void {
  const c = s.cfg;
  const [lr, mu, damp, wd] = [c[Cfg.lr], c[Cfg.momentum], c[Cfg.dampening], c[Cfg.weightDecay]];
  const flags = c[Cfg.flags];
  for (let j = 0; j < p.length; j++) {
    let d = flags & Flag.maximize ? -g[j] : g[j];
    if (wd !== 0) d = d + wd * p[j];
    if (mu !== 0) {
      s.buf[j] = flags & Flag.hasBuffer ? s.buf[j] * mu + (1 - damp) * d : d;
      d = flags & Flag.nesterov ? d + mu * s.buf[j] : s.buf[j];
    }
    p[j] = p[j] + -lr * d;
  }
  if (mu !== 0) c[Cfg.flags] = flags | Flag.hasBuffer;
  c[Cfg.step] += 1;
}

/** torch.optim.Adam / AdamW step on p with gradient g. */
export function adamStepRef(s: RefState, p: Float64Array, g: ArrayLike<number>): void {
  const c = s.cfg;
  const [lr, wd, eps, b1, b2] = [c[Cfg.lr], c[Cfg.weightDecay], c[Cfg.eps], c[Cfg.beta1], c[Cfg.beta2]];
  const flags = c[Cfg.flags];
  const t = (c[Cfg.step] += 1);
  const stepSize = lr / (1 - powInt(b1, t));
  const bc2Sqrt = Math.sqrt(1 - powInt(b2, t));
  for (let j = 0; j < p.length; j++) {
    let d = flags & Flag.maximize ? -g[j] : g[j];
    if (flags & Flag.decoupled) p[j] = p[j] * (1 - lr * wd);
    else if (wd !== 0) d = d + wd * p[j];
    s.m[j] = s.m[j] * b1 + (1 - b1) * d;
    s.v[j] = s.v[j] * b2 + (1 - b2) * d * d;
    let vh = s.v[j];
    if (flags & Flag.amsgrad) vh = s.vmax[j] = Math.max(s.vmax[j], s.v[j]);
    p[j] = p[j] + (-stepSize * s.m[j]) / (Math.sqrt(vh) / bc2Sqrt + eps);
  }
}

/** bᵗ by repeated squaring, as the kernel computes it (torch uses pow; they agree to a few ulps). */
export function powInt(b: number, t: number): number {
  let result = 1;
  for (; t > 0; t = Math.floor(t / 2)) {
    if (t % 2) result *= b;
    b *= b;
  }
  return result;
}
