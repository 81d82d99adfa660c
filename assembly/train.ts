import { lossGrad } from "./loss";
import { optimizerStep, CFG_STEP, CFG_FLAGS, CFG_MOMENTUM, CFG_WEIGHT_DECAY, KIND_SGD } from "./optim";
import { trainNarrowSgd, restore, NARROW } from "./narrow";
import { copy, finite } from "./simd";

/**
 * Iterations t0 … t0+count−1 of the training loop, all inside wasm:
 *   g ← ∇L(p) (zero-grad + backward),  losses[t] ← L(p),  optimizer step.
 * Before each step, p, the step count and flags, and the optimizer state in use are copied to
 * `backup`; when L(p) is not finite the loop stops, restores the copy taken before the previous step
 * (so p is the last point with a finite loss) and leaves g as it was. Returns the number of
 * iterations completed (count when none diverged).
 * Layout: n = cols+1 parameters at p, gradients at g, scratch (n) for the pass; optimizer config at
 * c, state at s of which the first stateLen f64 are in use; losses (f64 per iteration); backup
 * holds n + 2 + stateLen f64.
 */
export function trainLoop(
  kind: i32, c: usize, s: usize, stateLen: i32,
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, scratch: usize, divisor: f64,
  t0: i32, count: i32, losses: usize, backup: usize,
): i32 {
  assert(t0 >= 0 && count >= 0 && stateLen >= 0, "trainLoop: negative count");
  // Plain SGD on narrow X (the small problems where per-step overhead dominates): a loop that
  // keeps the parameters in registers, with the same pass and the same arithmetic.
  if (kind == KIND_SGD && cols >= 1 && cols <= NARROW && plainSgd(c)) {
    return trainNarrowSgd(c, x, y, rows, cols, p, g, divisor, t0, count, losses, backup);
  }
  const n = cols + 1;
  const pBytes = <usize>n << 3, sAt = backup + pBytes + 16;
  for (let k = 0; k < count; k++) {
    const t = t0 + k;
    const loss = lossGrad(x, y, rows, cols, p, scratch, divisor);
    store<f64>(losses + (<usize>t << 3), loss);
    if (!finite(loss)) {
      if (t > 0) {
        restore(c, p, backup, n);
        copy(s, sAt, stateLen);
      }
      return k;
    }
    copy(backup, p, n);
    store<f64>(backup + pBytes, load<f64>(c + (CFG_STEP << 3)));
    store<f64>(backup + pBytes, load<f64>(c + (CFG_FLAGS << 3)), 8);
    copy(sAt, s, stateLen);
    // The step reads the fresh gradient where the pass left it (no round trip through g).
    optimizerStep(kind, c, p, scratch, s, n);
    copy(g, scratch, n);
  }
  return count;
}

/** SGD without momentum or weight decay: a step is p ← p − lr·(±g) and keeps no state. */
// @ts-ignore: decorator
@inline function plainSgd(c: usize): bool {
  return load<f64>(c + (<usize>CFG_MOMENTUM << 3)) == 0 && load<f64>(c + (<usize>CFG_WEIGHT_DECAY << 3)) == 0;
}
