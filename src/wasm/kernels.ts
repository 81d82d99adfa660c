// The wasm module's exports, typed. Pointers are byte offsets (u32); pass them as numbers and read
// any that come back with `>>> 0`.

/** Signatures of the kernels compiled from assembly/. */
export interface Kernels {
  memory: WebAssembly.Memory;
  heapBase(): number;
  predict(x: number, rows: number, cols: number, w: number, b: number, out: number): void;
  lossGrad(x: number, y: number, rows: number, cols: number, p: number, g: number, divisor: number): number;
  lossGradAccumulate(
    x: number, y: number, rows: number, cols: number, p: number, g: number, scratch: number, divisor: number,
  ): number;
  optimizerStep(kind: number, cfg: number, p: number, g: number, state: number, n: number): void;
  trainLoop(
    kind: number, cfg: number, state: number, stateLen: number,
    x: number, y: number, rows: number, cols: number, p: number, g: number, scratch: number, mean: number,
    batch: number, per: number, first: number, count: number, order: number, bx: number, by: number,
    t0: number, losses: number, backup: number,
  ): number;
  shuffleRows(order: number, n: number, rng: number): void;
}

// The constants below mirror assembly/optim.ts's CFG_*, flags and KIND_*; test/kernel-constants.test.ts
// checks that the two agree.

/** Optimizer config block slots (f64). */
export const Cfg = {
  lr: 0, momentum: 1, dampening: 2, weightDecay: 3, beta1: 4, beta2: 5, eps: 6, step: 7, flags: 8,
  alpha: 9, lrDecay: 10,
  slots: 11,
} as const;

/** Flag bits of the config block's `flags` slot. */
export const Flag = { nesterov: 1, maximize: 2, amsgrad: 4, decoupled: 8, hasBuffer: 16, centered: 32 } as const;

/** Optimizer kinds understood by `optimizerStep` and `trainLoop`. */
export const Kind = { sgd: 0, adam: 1, rmsprop: 2, adagrad: 3 } as const;
