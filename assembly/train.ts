import { lossGrad } from "./loss";
import { optimizerStep, CFG_STEP, CFG_FLAGS, CFG_MOMENTUM, CFG_WEIGHT_DECAY, KIND_SGD } from "./optim";
import { trainNarrowSgd, restore, NARROW } from "./narrow";
import { copy, finite } from "./simd";

/**
 * Steps first … first+count−1 of a training loop, all inside wasm, as torch's DataLoader loop:
 *   g ← ∇L(p) (zero-grad + backward) on the step's batch,  losses[k] ← L(p),  optimizer step.
 * Step j takes batch j mod `per` of the epoch: rows [b·batch, min((b+1)·batch, rows)) of X in row
 * order, or, when `order` ≠ 0, the rows order[i] of those positions, gathered into bx/by first.
 * The loss of a batch is its sum (mean = 0) or its mean over its own rows (mean = 1). Full-batch
 * training is batch = rows, per = 1.
 * Before each step, p, the step count and flags, and the optimizer state in use are copied to
 * `backup`; when L(p) is not finite the loop stops, restores the copy taken before the previous
 * step (t0 is the run's index of step `first`: there is none before step 0), so p is the last
 * point with a finite loss, and leaves g as it was. Returns the number of steps completed.
 * Layout: n = cols+1 parameters at p, gradients at g, scratch (n) for the pass; optimizer config
 * at c, state at s of which the first stateLen f64 are in use; losses (f64 per step, from step
 * `first`); backup holds n + 2 + stateLen f64.
 */
export function trainLoop(
  kind: i32, c: usize, s: usize, stateLen: i32,
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, scratch: usize, mean: i32,
  batch: i32, per: i32, first: i32, count: i32, order: usize, bx: usize, by: usize,
  t0: i32, losses: usize, backup: usize,
): i32 {
  assert(batch > 0 && per > 0 && first >= 0 && count >= 0 && stateLen >= 0, "trainLoop: bad batch or count");
  // Plain full-batch SGD on narrow X (the small problems where per-step overhead dominates): a
  // loop that keeps the parameters in registers, with the same pass and the same arithmetic.
  if (kind == KIND_SGD && !order && batch >= rows && cols >= 1 && cols <= NARROW && plainSgd(c)) {
    return trainNarrowSgd(c, x, y, rows, cols, p, g, mean ? <f64>rows : 1, t0, count, losses, backup);
  }
  const rowBytes = <usize>cols << 3;
  for (let k = 0; k < count; k++) {
    const start = (first + k) % per * batch, len = min(batch, rows - start);
    let xb = x + <usize>start * rowBytes, yb = y + (<usize>start << 3);
    if (order) {
      for (let i = 0; i < len; i++) {
        const r = load<u32>(order + (<usize>(start + i) << 2));
        memory.copy(bx + <usize>i * rowBytes, x + <usize>r * rowBytes, rowBytes);
        store<f64>(by + (<usize>i << 3), load<f64>(y + (<usize>r << 3)));
      }
      xb = bx;
      yb = by;
    }
    const divisor: f64 = mean ? <f64>len : 1;
    if (!stepOn(kind, c, s, stateLen, xb, yb, len, cols, p, g, scratch, divisor, losses + (<usize>k << 3), t0 + k > 0, backup)) return k;
  }
  return count;
}

/**
 * One step of a training loop: g ← ∇L(p), L(p) stored at lossAt, the optimizer's update, with p,
 * the step count and flags, and the state in use backed up first. When L(p) is not finite it
 * restores the copy taken before the previous step (if there was one: hasBackup), leaves g as it
 * was and returns false.
 * Layout: n = cols+1 parameters at p, gradients at g, scratch (n) for the pass; backup holds
 * n + 2 + stateLen f64.
 */
function stepOn(
  kind: i32, c: usize, s: usize, stateLen: i32,
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, scratch: usize, divisor: f64,
  lossAt: usize, hasBackup: bool, backup: usize,
): bool {
  const n = cols + 1;
  const pBytes = <usize>n << 3, sAt = backup + pBytes + 16;
  const loss = lossGrad(x, y, rows, cols, p, scratch, divisor);
  store<f64>(lossAt, loss);
  if (!finite(loss)) {
    if (hasBackup) {
      restore(c, p, backup, n);
      copy(s, sAt, stateLen);
    }
    return false;
  }
  copy(backup, p, n);
  store<f64>(backup + pBytes, load<f64>(c + (CFG_STEP << 3)));
  store<f64>(backup + pBytes, load<f64>(c + (CFG_FLAGS << 3)), 8);
  copy(sAt, s, stateLen);
  // The step reads the fresh gradient where the pass left it (no round trip through g).
  optimizerStep(kind, c, p, scratch, s, n);
  copy(g, scratch, n);
  return true;
}

/**
 * A fresh seeded permutation in order[0 … n): Fisher–Yates over the identity, drawing from
 * SplitMix64 (state: the u64 at rng, advanced) with Lemire's unbiased bounded integers, so a seed
 * gives the same order in every runtime. Called once per shuffled epoch.
 */
export function shuffleRows(order: usize, n: i32, rng: usize): void {
  for (let i = 0; i < n; i++) store<u32>(order + (<usize>i << 2), <u32>i);
  for (let i = n - 1; i > 0; i--) {
    const j = below(rng, <u32>(i + 1));
    const a = order + (<usize>i << 2), b = order + (<usize>j << 2);
    const t = load<u32>(a);
    store<u32>(a, load<u32>(b));
    store<u32>(b, t);
  }
}

/** SplitMix64's next output's high 32 bits. */
function next32(rng: usize): u32 {
  const state = load<u64>(rng) + 0x9E3779B97F4A7C15;
  store<u64>(rng, state);
  let z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return <u32>((z ^ (z >> 31)) >> 32);
}

/** A uniform integer in [0, bound) (Lemire 2019: multiply, reject the biased low products). */
function below(rng: usize, bound: u32): u32 {
  let m = <u64>next32(rng) * <u64>bound;
  if (<u32>m < bound) {
    const threshold: u32 = (<u32>0 - bound) % bound;
    while (<u32>m < threshold) m = <u64>next32(rng) * <u64>bound;
  }
  return <u32>(m >> 32);
}

/** SGD without momentum or weight decay: a step is p ← p − lr·(±g) and keeps no state. */
// @ts-ignore: decorator
@inline function plainSgd(c: usize): bool {
  return load<f64>(c + (<usize>CFG_MOMENTUM << 3)) == 0 && load<f64>(c + (<usize>CFG_WEIGHT_DECAY << 3)) == 0;
}
