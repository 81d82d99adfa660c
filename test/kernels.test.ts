// Every kernel against its plain-TS twin on every length 0…33 (all SIMD tails) and random data.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { getArena } from '../src/wasm/init.js';
import { Cfg, Flag, Kind } from '../src/wasm/kernels.js';
import { lossGradRef, predictRef, readSumRef } from './twins/kernels.js';
import { adamStepRef, refState, sgdStepRef } from './twins/optim.js';

const arena = getArena();
const k = arena.kernels;
const LENGTHS = Array.from({ length: 34 }, (_, i) => i);

let seed = 42;
function random(): number { // deterministic, so a failure reproduces
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 * 2 - 1;
}
function randomArray(n: number): Float64Array {
  return Float64Array.from({ length: n }, random);
}

/** Copies values into wasm memory; returns the pointer and a live view getter. */
function put(values: ArrayLike<number>): { ptr: number; view: () => Float64Array } {
  const ptr = arena.alloc(values.length * 8);
  arena.f64(ptr, values.length).set(values);
  return { ptr, view: () => arena.f64(ptr, values.length) };
}

/** |a − b| ≤ tol · scale elementwise, where scale bounds the magnitude of the summed terms. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: number, tol = 1e-13): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol * scale);
}

describe('fused loss + gradient kernel vs twin', () => {
  it.each(LENGTHS)('cols = %i, every row count 0…33, sum and mean', (cols) => {
    for (const rows of LENGTHS) {
      const x = randomArray(rows * cols), y = randomArray(rows), p = randomArray(cols + 1);
      const [X, Y, P, G] = [put(x), put(y), put(p), put(new Float64Array(cols + 1).fill(7))];
      for (const divisor of [1, Math.max(rows, 1)]) {
        const loss = k.lossGrad(X.ptr, Y.ptr, rows, cols, P.ptr, G.ptr, divisor);
        const ref = lossGradRef(x, y, rows, cols, p, divisor);
        const scale = (rows + 1) * (cols + 2) ** 2; // |terms| ≤ this for entries in [−1, 1]
        expectClose([loss], [ref.loss], scale);
        expectClose(G.view(), ref.grad, scale);
      }
      [X, Y, P, G].forEach((b) => arena.release(b.ptr));
    }
  });

  it('lossGradAccumulate adds the gradient only when the loss is finite', () => {
    const cols = 5, rows = 9;
    const x = randomArray(rows * cols), y = randomArray(rows), p = randomArray(cols + 1);
    const [X, Y, P] = [put(x), put(y), put(p)];
    const G = put(new Float64Array(cols + 1).fill(1)), S = put(new Float64Array(cols + 1));
    const loss = k.lossGradAccumulate(X.ptr, Y.ptr, rows, cols, P.ptr, G.ptr, S.ptr, 1);
    const ref = lossGradRef(x, y, rows, cols, p, 1);
    expectClose([loss], [ref.loss], 1e3);
    expectClose(G.view(), ref.grad.map((g) => g + 1), 1e3);
    X.view()[3] = Number.NaN;
    const before = Array.from(G.view());
    expect(k.lossGradAccumulate(X.ptr, Y.ptr, rows, cols, P.ptr, G.ptr, S.ptr, 1)).toBeNaN();
    expect(Array.from(G.view())).toEqual(before);
  });
});

// readSum is the bench's read ceiling: build/bench.wasm, instantiated over the library's memory
// as bench/lib/ours.ts does, never part of the shipped module.
const bench = new WebAssembly.Instance(
  new WebAssembly.Module(readFileSync(new URL('../build/bench.wasm', import.meta.url))), { env: { memory: k.memory } },
);
const readSum = bench.exports.readSum as (p: number, n: number) => number;

describe('predict and readSum kernels vs twins', () => {
  it.each(LENGTHS)('cols = %i', (cols) => {
    const rows = 13;
    const x = randomArray(rows * cols), w = randomArray(cols), b = random();
    const [X, W, O] = [put(x), put(w), put(new Float64Array(rows))];
    k.predict(X.ptr, rows, cols, W.ptr, b, O.ptr);
    expectClose(O.view(), predictRef(x, rows, cols, w, b), cols + 1);
    expectClose([readSum(X.ptr, x.length)], [readSumRef(x)], x.length + 1);
    [X, W, O].forEach((v) => arena.release(v.ptr));
  });
});

/** A config block as the optimizer classes write it. */
function config(fields: Partial<Record<keyof typeof Cfg, number>>): Float64Array {
  const c = new Float64Array(Cfg.slots);
  for (const [key, value] of Object.entries(fields)) c[Cfg[key as keyof typeof Cfg]] = value;
  return c;
}

const SGD_CASES = [
  { lr: 0.1 },
  { lr: 0.05, momentum: 0.9 },
  { lr: 0.05, momentum: 0.9, dampening: 0.3, weightDecay: 0.01, flags: Flag.maximize },
  { lr: 0.05, momentum: 0.8, flags: Flag.nesterov, weightDecay: 0.1 },
];
const ADAM_CASES = [
  { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  { lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1, flags: Flag.amsgrad },
  { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, flags: Flag.decoupled | Flag.maximize },
  { lr: 0.01, beta1: 0.5, beta2: 0.9, eps: 1e-8, weightDecay: 0.01, flags: Flag.decoupled | Flag.amsgrad },
];

describe('optimizer kernels vs twins (five steps, every length 0…33)', () => {
  const cases = [
    ...SGD_CASES.map((c) => ({ kind: Kind.sgd, c, slots: 1, step: sgdStepRef })),
    ...ADAM_CASES.map((c) => ({ kind: Kind.adam, c, slots: 3, step: adamStepRef })),
  ];
  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_, { kind, c, slots, step }) => {
    for (const n of LENGTHS) {
      const p = randomArray(n);
      const cfg = config(c);
      const ref = refState(cfg, n);
      const [P, C, S] = [put(p), put(cfg), put(new Float64Array(slots * n))];
      const refP = Float64Array.from(p);
      for (let t = 0; t < 5; t++) {
        const g = randomArray(n);
        const G = put(g);
        k.optimizerStep(kind, C.ptr, P.ptr, G.ptr, S.ptr, n);
        step(ref, refP, g);
        arena.release(G.ptr);
      }
      // Same operations in the same order: equal up to the last bit of Math.pow.
      expectClose(P.view(), refP, 1, 1e-15);
      expect(Array.from(C.view())).toEqual(Array.from(ref.cfg));
      [P, C, S].forEach((v) => arena.release(v.ptr));
    }
  });
});

describe('trainLoop equals the step-by-step kernels, bit for bit', () => {
  // train() runs trainLoop; sseLoss + step() run lossGradAccumulate + optimizerStep. Plain SGD on
  // 1–3 columns takes a fused loop with the parameters in registers; every path must agree.
  const cases = [
    ...SGD_CASES.map((c) => ({ kind: Kind.sgd, c, slots: 1 })),
    { kind: Kind.sgd, c: { lr: 0.02, flags: Flag.maximize }, slots: 1 },
    ...ADAM_CASES.map((c) => ({ kind: Kind.adam, c, slots: 3 })),
    { kind: Kind.rmsprop, c: { lr: 0.01, alpha: 0.9, eps: 1e-8, momentum: 0.5, weightDecay: 0.1, flags: Flag.centered }, slots: 3 },
    { kind: Kind.adagrad, c: { lr: 0.1, lrDecay: 0.01, eps: 1e-10, flags: Flag.maximize }, slots: 1 },
  ];
  const shapes = [[1, 1], [2, 1], [7, 2], [10, 3], [13, 3], [6, 4], [9, 5], [4, 0], [11, 8]];
  it.each(cases.map((c, i) => [i, c] as const))('case %i, every shape', (_, { kind, c, slots }) => {
    for (const [rows, cols] of shapes) {
      const n = cols + 1;
      const x = randomArray(rows * cols), y = randomArray(rows), p = randomArray(n).map((v) => v * 0.1);
      const [X, Y] = [put(x), put(y)];
      for (const mean of [0, 1]) {
        const divisor = mean ? rows : 1;
        const steps = put(new Float64Array(3 * n)); // p | g | scratch, step by step
        const loop = put(new Float64Array(3 * n)); // p | g | scratch, trainLoop
        steps.view().set(p); loop.view().set(p);
        const [C1, C2] = [put(config(c)), put(config(c))];
        const [S1, S2] = [put(new Float64Array(slots * n)), put(new Float64Array(slots * n))];
        const T = 9, losses = put(new Float64Array(T)), backup = put(new Float64Array(n + 2 + slots * n));
        const expected: number[] = [];
        for (let t = 0; t < T; t++) {
          steps.view().fill(0, n, 2 * n); // zeroGrad
          expected.push(k.lossGradAccumulate(X.ptr, Y.ptr, rows, cols, steps.ptr, steps.ptr + 8 * n, steps.ptr + 16 * n, divisor));
          k.optimizerStep(kind, C1.ptr, steps.ptr, steps.ptr + 8 * n, S1.ptr, n);
        }
        for (const [t0, count] of [[0, 1], [1, 5], [6, 3]]) { // in chunks, as train() calls it (full batch)
          const done = k.trainLoop(kind, C2.ptr, S2.ptr, slots * n, X.ptr, Y.ptr, rows, cols,
            loop.ptr, loop.ptr + 8 * n, loop.ptr + 16 * n, mean, rows, 1, t0, count, 0, 0, 0, t0, losses.ptr + 8 * t0, backup.ptr);
          expect(done).toBe(count);
        }
        expect(Array.from(losses.view())).toEqual(expected);
        expect(Array.from(loop.view().subarray(0, 2 * n))).toEqual(Array.from(steps.view().subarray(0, 2 * n)));
        expect(Array.from(C2.view())).toEqual(Array.from(C1.view()));
        expect(Array.from(S2.view())).toEqual(Array.from(S1.view()));
        [steps, loop, C1, C2, S1, S2, losses, backup].forEach((v) => arena.release(v.ptr));
      }
      [X, Y].forEach((v) => arena.release(v.ptr));
    }
  });
});

describe('the release build', () => {
  const wasm = readFileSync(new URL('../build/release.wasm', import.meta.url));
  /** Counts a SIMD instruction: prefix 0xFD, then the opcode as unsigned LEB128. */
  function countSimd(opcode: number): number {
    const leb = opcode < 128 ? [opcode] : [(opcode & 0x7f) | 0x80, opcode >> 7];
    let n = 0;
    for (let i = 0; i + leb.length < wasm.length; i++) {
      if (wasm[i] === 0xfd && leb.every((b, j) => wasm[i + 1 + j] === b)) n++;
    }
    return n;
  }

  it('contains f64x2 add and mul instructions (SIMD is really compiled in)', () => {
    expect(countSimd(0xf0)).toBeGreaterThan(10); // f64x2.add
    expect(countSimd(0xf2)).toBeGreaterThan(10); // f64x2.mul
  });

  it('leaves out the bench-only readSum (it ships to every user otherwise)', () => {
    expect(WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name)).not.toContain('readSum');
  });

  it('imports nothing but env.abort and env.extraStep (RMSprop\'s and Adagrad\'s step, in optimizers.wasm)', () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
    expect(imports.every((i) => i.module === 'env' && ['abort', 'extraStep'].includes(i.name))).toBe(true);
  });

  // The closed form is paid for only by those who import it: its kernels are build/solver.wasm,
  // instantiated over the core's memory, where the core's arena owns every byte above heapBase.
  // So are RMSprop and Adagrad: build/optimizers.wasm, whose `step` the core calls through env.extraStep.
  it.each([
    ['solver', ['gramAccumulate', 'gramStride', 'householderQR', 'applyQ', 'refineResidual']],
    ['optimizers', ['step']],
  ])('%s.wasm: its kernels are not in the core; it imports the core\'s memory and declares no static data', (name, kernels) => {
    const module = readFileSync(new URL(`../build/${name}.wasm`, import.meta.url));
    const names = (bytes: Uint8Array) => WebAssembly.Module.exports(new WebAssembly.Module(bytes as BufferSource)).map((e) => e.name);
    expect(names(wasm)).not.toContain(kernels[0]);
    expect(names(module)).toEqual(expect.arrayContaining(kernels));
    expect(WebAssembly.Module.imports(new WebAssembly.Module(module))).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(readFileSync(new URL(`../build/${name}.wat`, import.meta.url), 'utf8')).not.toMatch(/\(data\b/);
  });
});
