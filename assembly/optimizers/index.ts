// Entry point of optimizers.wasm: the optimizers that came after SGD and Adam (RMSprop, Adagrad),
// compiled apart from the core so that only their users download them. It imports the core's
// memory and keeps no static data there (the budget test checks build/optimizers.wat); the core's
// optimizerStep calls `step` through its env.extraStep import, which init() binds to it.
import { cfg, CFG_LR, CFG_ALPHA, CFG_EPS, CFG_WEIGHT_DECAY, CFG_MOMENTUM, CFG_FLAGS, CFG_STEP, CFG_LR_DECAY, MAXIMIZE, CENTERED, KIND_RMSPROP } from "../optim";

/** One step of optimizer `kind` (KIND_RMSPROP or KIND_ADAGRAD): optimizerStep's contract. */
export function step(kind: i32, c: usize, p: usize, g: usize, s: usize, n: i32): void {
  if (kind == KIND_RMSPROP) rmspropStep(c, p, g, s, n);
  else adagradStep(c, p, g, s, n);
}

// RMSprop (torch.optim.RMSprop), α = alpha, λ = weightDecay, μ = momentum:
//   d ← ±g;  d ← d + λ·p  (λ ≠ 0)
//   v ← α·v + (1 − α)·d²;   centered: ḡ ← α·ḡ + (1 − α)·d,  a ← √(v − ḡ²) + ε,  else a ← √v + ε
//   μ ≠ 0:  buf ← μ·buf + d / a,  p ← p − lr·buf;   else p ← p − lr·d / a
function rmspropStep(c: usize, p: usize, g: usize, s: usize, n: i32): void {
  const lr = cfg(c, CFG_LR), alpha = cfg(c, CFG_ALPHA), eps = cfg(c, CFG_EPS);
  const wd = cfg(c, CFG_WEIGHT_DECAY), mu = cfg(c, CFG_MOMENTUM);
  const flags = <i32>cfg(c, CFG_FLAGS);
  const sign: f64 = flags & MAXIMIZE ? -1 : 1;
  const centered = (flags & CENTERED) != 0;
  const v = s, buf = s + (<usize>n << 3), gAvg = buf + (<usize>n << 3);
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 3;
    const pj = load<f64>(p + o);
    let d = sign * load<f64>(g + o);
    if (wd != 0) d = d + wd * pj;
    const vj = load<f64>(v + o) * alpha + (1 - alpha) * d * d;
    store<f64>(v + o, vj);
    let a: f64;
    if (centered) {
      const gj = load<f64>(gAvg + o) * alpha + (1 - alpha) * d;
      store<f64>(gAvg + o, gj);
      a = Math.sqrt(vj + -gj * gj) + eps;
    } else {
      a = Math.sqrt(vj) + eps;
    }
    if (mu != 0) {
      const bj = load<f64>(buf + o) * mu + d / a;
      store<f64>(buf + o, bj);
      store<f64>(p + o, pj + -lr * bj);
    } else {
      store<f64>(p + o, pj + -lr * d / a);
    }
  }
  store<f64>(c + (<usize>CFG_STEP << 3), cfg(c, CFG_STEP) + 1);
}

// Adagrad (torch.optim.Adagrad), t = step count after increment, η = lrDecay:
//   d ← ±g;  d ← d + λ·p  (λ ≠ 0);   clr ← lr / (1 + (t − 1)·η)
//   sum ← sum + d²;   p ← p − clr·d / (√sum + ε)
function adagradStep(c: usize, p: usize, g: usize, sum: usize, n: i32): void {
  const t = cfg(c, CFG_STEP) + 1;
  store<f64>(c + (<usize>CFG_STEP << 3), t);
  const clr = cfg(c, CFG_LR) / (1 + (t - 1) * cfg(c, CFG_LR_DECAY));
  const wd = cfg(c, CFG_WEIGHT_DECAY), eps = cfg(c, CFG_EPS);
  const sign: f64 = <i32>cfg(c, CFG_FLAGS) & MAXIMIZE ? -1 : 1;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 3;
    const pj = load<f64>(p + o);
    let d = sign * load<f64>(g + o);
    if (wd != 0) d = d + wd * pj;
    const sj = load<f64>(sum + o) + d * d;
    store<f64>(sum + o, sj);
    store<f64>(p + o, pj + -clr * d / (Math.sqrt(sj) + eps));
  }
}

