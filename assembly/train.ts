import { lossGrad } from "./loss";
import { optimizerStep, CFG_FLAGS } from "./optim";
import { copy, finite } from "./simd";

const CFG_SLOTS = CFG_FLAGS + 1;

/**
 * Iterations t0 … t0+count−1 of the training loop, all inside wasm:
 *   g ← ∇L(p) (zero-grad + backward),  losses[t] ← L(p),  optimizer step.
 * Before each step, (p, cfg, state) are copied to `backup`; when L(p) is not finite the loop stops,
 * restores the copy taken before the previous step (so p is the last point with a finite loss) and
 * leaves g as it was. Returns the number of iterations completed (count when none diverged).
 * Layout: n = cols+1 parameters at p, gradients at g, scratch (n) for the pass; optimizer config at
 * c, state (stateLen f64) at s; losses (f64 per iteration); backup holds n + cfg + stateLen f64.
 */
export function trainLoop(
  kind: i32, c: usize, s: usize, stateLen: i32,
  x: usize, y: usize, rows: i32, cols: i32, p: usize, g: usize, scratch: usize, divisor: f64,
  t0: i32, count: i32, losses: usize, backup: usize,
): i32 {
  assert(t0 >= 0 && count >= 0 && stateLen >= 0, "trainLoop: negative count");
  const n = cols + 1;
  const pBytes = <usize>n << 3, cBytes = <usize>CFG_SLOTS << 3;
  for (let k = 0; k < count; k++) {
    const t = t0 + k;
    const loss = lossGrad(x, y, rows, cols, p, scratch, divisor);
    store<f64>(losses + (<usize>t << 3), loss);
    if (!finite(loss)) {
      if (t > 0) {
        copy(p, backup, n);
        copy(c, backup + pBytes, CFG_SLOTS);
        copy(s, backup + pBytes + cBytes, stateLen);
      }
      return k;
    }
    copy(g, scratch, n);
    copy(backup, p, n);
    copy(backup + pBytes, c, CFG_SLOTS);
    copy(backup + pBytes + cBytes, s, stateLen);
    optimizerStep(kind, c, p, g, s, n);
  }
  return count;
}
