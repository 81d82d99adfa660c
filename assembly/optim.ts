// Optimizer updates over one contiguous parameter block, operation for operation as torch.optim
// (1.13+, single-tensor path) writes them. Hyperparameters arrive in a config block of f64 slots
// (see CFG_*), state in one block after the parameters' layout: SGD [buf], Adam [m | v | vmax],
// RMSprop [v | buf | gAvg], Adagrad [sum]. src/wasm/kernels.ts mirrors every constant below
// (Cfg, Flag, Kind); test/kernel-constants.test.ts reads this file and checks that they agree.

export const CFG_LR = 0;
export const CFG_MOMENTUM = 1;
export const CFG_DAMPENING = 2;
export const CFG_WEIGHT_DECAY = 3;
export const CFG_BETA1 = 4;
export const CFG_BETA2 = 5;
export const CFG_EPS = 6;
export const CFG_STEP = 7;
export const CFG_FLAGS = 8;
export const CFG_ALPHA = 9;
export const CFG_LR_DECAY = 10;

export const NESTEROV = 1;
export const MAXIMIZE = 2;
export const AMSGRAD = 4;
export const DECOUPLED = 8; // AdamW
export const HAS_BUFFER = 16; // SGD momentum buffer exists
export const CENTERED = 32; // RMSprop

export const KIND_SGD = 0;
export const KIND_ADAM = 1;
export const KIND_RMSPROP = 2;
export const KIND_ADAGRAD = 3;

// @ts-ignore: decorator
@inline export function cfg(c: usize, slot: i32): f64 {
  return load<f64>(c + (<usize>slot << 3));
}

/** One optimizer step over n parameters at p with gradients g and state s; updates cfg step/flags. */
export function optimizerStep(kind: i32, c: usize, p: usize, g: usize, s: usize, n: i32): void {
  assert(kind >= KIND_SGD && kind <= KIND_ADAGRAD, "optimizerStep: unknown optimizer kind");
  if (kind == KIND_SGD) sgdStep(c, p, g, s, n);
  else if (kind == KIND_ADAM) adamStep(c, p, g, s, n);
  else extraStep(kind, c, p, g, s, n);
}

/**
 * The optimizers of optimizers.wasm (RMSprop, Adagrad: ./optimizers/index.ts), a module of their own
 * so that only their users download them; init() binds this import to that module's `step`.
 */
// @ts-ignore: decorator
@external("env", "extraStep")
declare function extraStep(kind: i32, c: usize, p: usize, g: usize, s: usize, n: i32): void;

// SGD (torch.optim.SGD):
//   d ← ±g (− if maximize);  d ← d + λ·p  (λ = weightDecay ≠ 0)
//   if μ ≠ 0:  buf ← d on the first step, else buf ← μ·buf + (1 − τ)·d   (τ = dampening)
//              d ← d + μ·buf if nesterov, else d ← buf
//   p ← p − lr·d
function sgdStep(c: usize, p: usize, g: usize, buf: usize, n: i32): void {
  const lr = cfg(c, CFG_LR), mu = cfg(c, CFG_MOMENTUM), damp = cfg(c, CFG_DAMPENING);
  const wd = cfg(c, CFG_WEIGHT_DECAY);
  const flags = <i32>cfg(c, CFG_FLAGS);
  const sign: f64 = flags & MAXIMIZE ? -1 : 1;
  const first = (flags & HAS_BUFFER) == 0;
  const nesterov = (flags & NESTEROV) != 0;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 3;
    const pj = load<f64>(p + o);
    let d = sign * load<f64>(g + o);
    if (wd != 0) d = d + wd * pj;
    if (mu != 0) {
      const bj = first ? d : load<f64>(buf + o) * mu + (1 - damp) * d;
      store<f64>(buf + o, bj);
      d = nesterov ? d + mu * bj : bj;
    }
    store<f64>(p + o, pj + -lr * d);
  }
  if (mu != 0) store<f64>(c + (<usize>CFG_FLAGS << 3), <f64>(flags | HAS_BUFFER));
  store<f64>(c + (<usize>CFG_STEP << 3), cfg(c, CFG_STEP) + 1);
}

// Adam / AdamW (torch.optim.Adam, torch.optim.AdamW), t = step count after increment:
//   d ← ±g;  AdamW: p ← p·(1 − lr·λ)   Adam: d ← d + λ·p
//   m ← β₁·m + (1 − β₁)·d;   v ← β₂·v + (1 − β₂)·d²;   amsgrad: v̂ ← max(v̂, v) else v̂ = v
//   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
function adamStep(c: usize, p: usize, g: usize, s: usize, n: i32): void {
  const lr = cfg(c, CFG_LR), wd = cfg(c, CFG_WEIGHT_DECAY), eps = cfg(c, CFG_EPS);
  const b1 = cfg(c, CFG_BETA1), b2 = cfg(c, CFG_BETA2);
  const flags = <i32>cfg(c, CFG_FLAGS);
  const t = cfg(c, CFG_STEP) + 1;
  store<f64>(c + (<usize>CFG_STEP << 3), t);
  const stepSize = lr / (1 - powInt(b1, <u32>t));
  const bc2Sqrt = Math.sqrt(1 - powInt(b2, <u32>t));
  const sign: f64 = flags & MAXIMIZE ? -1 : 1;
  const decoupled = (flags & DECOUPLED) != 0, amsgrad = (flags & AMSGRAD) != 0;
  const decay = 1 - lr * wd;
  const m = s, v = s + (<usize>n << 3), vmax = v + (<usize>n << 3);
  // Two parameters per f64x2 (lane by lane the scalar operations, so the same bits). An odd last
  // one is stored from lane 0 alone: nothing past the range is written. Its lane 1 reads the f64
  // after the range, which lies inside the same block (a model's sections and an optimizer's state
  // are padded to an even count), and is thrown away.
  const B1 = f64x2.splat(b1), B2 = f64x2.splat(b2), C1 = f64x2.splat(1 - b1), C2 = f64x2.splat(1 - b2);
  const SIGN = f64x2.splat(sign), WD = f64x2.splat(wd), DECAY = f64x2.splat(decay);
  const STEP = f64x2.splat(-stepSize), BC2 = f64x2.splat(bc2Sqrt), EPS = f64x2.splat(eps);
  for (let j = 0; j < n; j += 2) {
    const o = <usize>j << 3, two = j + 1 < n;
    let pj = v128.load(p + o);
    let d = f64x2.mul(SIGN, v128.load(g + o));
    if (decoupled) pj = f64x2.mul(pj, DECAY);
    else if (wd != 0) d = f64x2.add(d, f64x2.mul(WD, pj));
    const mj = f64x2.add(f64x2.mul(v128.load(m + o), B1), f64x2.mul(C1, d));
    const vj = f64x2.add(f64x2.mul(v128.load(v + o), B2), f64x2.mul(f64x2.mul(C2, d), d));
    put(m + o, mj, two);
    put(v + o, vj, two);
    let vh = vj;
    if (amsgrad) {
      vh = f64x2.max(v128.load(vmax + o), vj);
      put(vmax + o, vh, two);
    }
    const denom = f64x2.add(f64x2.div(f64x2.sqrt(vh), BC2), EPS);
    put(p + o, f64x2.add(pj, f64x2.div(f64x2.mul(STEP, mj), denom)), two);
  }
}

/** Both lanes to a (`two`), or lane 0 alone. */
// @ts-ignore: decorator
@inline function put(a: usize, x: v128, two: bool): void {
  if (two) v128.store(a, x);
  else v128.store64_lane(a, x, 0);
}

/**
 * bᵗ by repeated squaring: within ~2·log₂(t) ulps of the correctly rounded power, and a fraction
 * of the size of a general pow (which would be the largest function in the module).
 */
function powInt(b: f64, t: u32): f64 {
  let result: f64 = 1;
  while (t) {
    if (t & 1) result *= b;
    b *= b;
    t >>= 1;
  }
  return result;
}
