// Memory: views survive growth, limits give clear errors, nothing leaks, objects do not interfere.
import { describe, expect, it } from 'vitest';
import { LinearModel, Matrix, SGD, Adam, Vector, memoryUsage, sseLoss, train } from '../src/index.js';

describe('views and growth', () => {
  it('a Matrix view read after wasm memory grew is current, not detached', () => {
    const X = Matrix.from([[1, 2], [3, 4]]);
    const before = memoryUsage().wasmBytes;
    const big = Matrix.alloc(2000, 1000); // 16 MB: forces memory.grow
    expect(memoryUsage().wasmBytes).toBeGreaterThan(before);
    expect(Array.from(X.data)).toEqual([1, 2, 3, 4]);
    X.data[3] = 5;
    expect(X.toArray()).toEqual([[1, 2], [3, 5]]);
    big.dispose();
    X.dispose();
  });

  it('an allocation wasm cannot hold is a RangeError with the numbers, and the library keeps working', () => {
    const live = memoryUsage().liveBytes;
    expect(() => Matrix.alloc(70_000, 8_000)).toThrow(/cannot allocate 4480000000 bytes: wasm memory would exceed 4 GiB/);
    expect(memoryUsage().liveBytes).toBe(live);
    const model = new LinearModel(2);
    expect(sseLoss(model, [[1, 2]], [3])).toBe(9);
    model.dispose();
  });

  it('dispose() returns the bytes; freed blocks are reused', () => {
    const base = memoryUsage();
    const blocks = Array.from({ length: 50 }, (_, i) => Matrix.alloc(10 + i, 7));
    expect(memoryUsage().liveBytes).toBeGreaterThan(base.liveBytes);
    const grown = memoryUsage().wasmBytes;
    blocks.forEach((b) => b.dispose());
    expect(memoryUsage().liveBytes).toBe(base.liveBytes);
    const again = Array.from({ length: 50 }, (_, i) => Matrix.alloc(10 + i, 7));
    expect(memoryUsage().wasmBytes).toBe(grown); // the same space, no new growth
    again.forEach((b) => b.dispose());
    expect(memoryUsage().liveBytes).toBe(base.liveBytes);
  });
});

describe('soak: 10 000 create / fill / train / dispose cycles', () => {
  it('live bytes return to the baseline and wasm memory stays flat after warm-up', () => {
    const cycle = (i: number): void => {
      const rows = 5 + (i % 17), cols = 1 + (i % 5);
      const X = Matrix.alloc(rows, cols);
      const y = Vector.alloc(rows);
      X.data.forEach((_, k, d) => { d[k] = Math.sin(k + i); });
      y.data.forEach((_, k, d) => { d[k] = Math.cos(k * i); });
      const model = new LinearModel(cols);
      const opt = i % 2 ? new SGD(model.parameters(), { lr: 0.01, momentum: 0.5 }) : new Adam(model.parameters());
      const { losses } = train(model, opt, X, y, { iterations: 5, loss: 'mse' });
      if (!Number.isFinite(losses[4])) throw new Error(`cycle ${i}: loss ${losses[4]}`);
      opt.dispose();
      model.dispose();
      y.dispose();
      X.dispose();
    };
    const base = memoryUsage().liveBytes;
    for (let i = 0; i < 1000; i++) cycle(i);
    const warm = memoryUsage().wasmBytes;
    for (let i = 1000; i < 10_000; i++) cycle(i);
    expect(memoryUsage().liveBytes).toBe(base);
    expect(memoryUsage().wasmBytes).toBe(warm);
  });
});

describe('many objects alive at once', () => {
  it('models trained interleaved give the same numbers as each trained alone', () => {
    const make = (k: number) => {
      const rows = 20 + k, cols = 2 + k;
      const X = Matrix.from(Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.sin(i * 7 + j * k))));
      const y = Vector.from(Array.from({ length: rows }, (_, i) => Math.cos(i + k)));
      const model = new LinearModel(cols);
      const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
      return { X, y, model, opt };
    };
    const alone = [0, 1, 2].map((k) => {
      const s = make(k);
      for (let t = 0; t < 200; t++) {
        s.opt.zeroGrad();
        sseLoss(s.model, s.X, s.y);
        s.opt.step();
      }
      return [...s.model.weight, s.model.bias];
    });
    const together = [0, 1, 2].map(make);
    for (let t = 0; t < 200; t++) {
      for (const s of together) {
        s.opt.zeroGrad();
        sseLoss(s.model, s.X, s.y);
      }
      Matrix.alloc(100, 100); // allocations in between (and growth) must not disturb anything
      for (const s of together) s.opt.step();
    }
    together.forEach((s, k) => expect([...s.model.weight, s.model.bias]).toEqual(alone[k]));
  });
});
