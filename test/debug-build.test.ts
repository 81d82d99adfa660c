// The debug build (assertions on) loaded through @assemblyscript/loader, whose abort handler turns
// a failed assertion into a readable message with the AssemblyScript source position.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { instantiate } from '@assemblyscript/loader';
import type { Kernels } from '../src/wasm/kernels.js';
import { lossGradRef } from './twins/kernels.js';

const bytes = readFileSync(new URL('../build/debug.wasm', import.meta.url));
// env.extraStep (RMSprop's and Adagrad's step, in optimizers.wasm) is not called by these tests.
const imports = { env: { extraStep: (): never => { throw new Error('not loaded'); } } };
const { exports } = await instantiate<Kernels & Record<string, unknown>>(bytes, imports as never);
const heap = (exports.heapBase() >>> 0) + 1024;

describe('debug build', () => {
  it('computes what the twin computes', () => {
    const rows = 7, cols = 3;
    const x = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i));
    const y = Float64Array.from({ length: rows }, (_, i) => Math.cos(i));
    const p = Float64Array.from([0.5, -1, 2, 0.25]);
    const mem = () => new Float64Array(exports.memory.buffer);
    const [X, Y, P, G] = [heap, heap + 256, heap + 512, heap + 768];
    mem().set(x, X / 8);
    mem().set(y, Y / 8);
    mem().set(p, P / 8);
    const loss = exports.lossGrad(X, Y, rows, cols, P, G, 1);
    const ref = lossGradRef(x, y, rows, cols, p, 1);
    expect(loss).toBeCloseTo(ref.loss, 12);
    Array.from(mem().subarray(G / 8, G / 8 + cols + 1)).forEach((g, j) => expect(g).toBeCloseTo(ref.grad[j], 12));
  });

  it('reports a failed assertion with its message and source position', () => {
    expect(() => exports.lossGrad(heap, heap, -1, 3, heap, heap, 1))
      .toThrow(/abort: lossGrad: rows and cols must be >= 0 at assembly\/loss\.ts:\d+:\d+/);
    expect(() => exports.optimizerStep(7, heap, heap, heap, heap, 1))
      .toThrow(/abort: optimizerStep: unknown optimizer kind at assembly\/optim\.ts/);
  });
});
