// train() with mini-batches (issue 15): torch's DataLoader loop (scripts/fixtures/torch_optim_extra.py,
// torch 1.13, float64) step by step, the seeded shuffle against its twin, early stopping by
// scikit-learn's rule, and the scheduler option against the same schedule stepped between calls.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  Adagrad, Adam, LinearModel, Matrix, RMSprop, SGD, StepLR, ReduceLROnPlateau, Vector, memoryUsage, mseLoss, sseLoss, train,
  type Optimizer, type TrainLog,
} from '../src/index.js';
import { shuffledOrder, splitMix } from './twins/shuffle.js';
import { relErr } from './rel-err.js';

type Vec = number[];
interface Run {
  name: string; optimizer: { type: 'SGD' | 'Adam' | 'RMSprop' | 'Adagrad'; options: Record<string, unknown> };
  loss: 'sse' | 'mse'; batchSize: number; dropLast: boolean; epochs: number; batchRows: number[];
  losses: Vec; params: Vec[];
}
const fixture: { torch: string; problem: { X: Vec[]; y: Vec; init: { w: Vec; b: number } }; minibatch: Run[] } = JSON.parse(
  readFileSync(new URL('./fixtures/torch-optim-extra.json', import.meta.url), 'utf8'),
);
const { problem } = fixture;
const CLASSES = { SGD, Adam, RMSprop, Adagrad };
const TOL = 1e-10;

const fresh = (): LinearModel => new LinearModel(3, { weight: problem.init.w, bias: problem.init.b });
const paramsOf = (m: LinearModel): Vec => [...m.weight, m.bias];

describe(`mini-batches against torch ${fixture.torch}'s DataLoader loop (shuffle off)`, () => {
  const X = Matrix.from(problem.X), y = Vector.from(problem.y);
  const runs = fixture.minibatch.filter((r) => r.losses.length > 0);

  it.each(runs.map((r) => [r.name, r] as const))('%s: every step\'s loss and parameters', (_, r) => {
    const model = fresh();
    const opt = new CLASSES[r.optimizer.type](model.parameters(), r.optimizer.options as never);
    const after: Vec[] = [], epochs: number[] = [];
    const { losses, stoppedAt } = train(model, opt, X, y, {
      epochs: r.epochs, batchSize: r.batchSize, dropLast: r.dropLast, loss: r.loss,
      logEvery: 1, onLog: (log: TrainLog) => { after.push([...log.weight, log.bias]); epochs.push(log.epoch); },
    });
    expect(epochs).toEqual(Array.from(losses, (_, t) => Math.floor(t / r.batchRows.length)));
    expect(losses.length).toBe(r.epochs * r.batchRows.length); // one step per batch, the partial one included unless dropLast
    expect(stoppedAt).toBe(r.epochs);
    expect(relErr(losses, r.losses)).toBeLessThan(TOL);
    after.forEach((p, t) => expect(relErr(p, r.params[t]), `params after step ${t}`).toBeLessThan(TOL));
    model.dispose();
  });

  it('the same numbers without onLog (one wasm call per run)', () => {
    for (const r of runs) {
      const model = fresh();
      const opt = new CLASSES[r.optimizer.type](model.parameters(), r.optimizer.options as never);
      const { losses } = train(model, opt, X, y, { epochs: r.epochs, batchSize: r.batchSize, dropLast: r.dropLast, loss: r.loss });
      expect(relErr(losses, r.losses), r.name).toBeLessThan(TOL);
      expect(relErr(paramsOf(model), r.params[r.params.length - 1]), r.name).toBeLessThan(TOL);
      model.dispose();
    }
  });

  it('epochs called one at a time give the same run as one call (state carries over)', () => {
    const r = runs.find((x) => x.name === 'adam-b5-mse')!;
    const model = fresh();
    const opt = new Adam(model.parameters(), r.optimizer.options as never);
    const losses: number[] = [];
    for (let e = 0; e < r.epochs; e++) losses.push(...train(model, opt, X, y, { epochs: 1, batchSize: 5, loss: 'mse' }).losses);
    expect(relErr(losses, r.losses)).toBeLessThan(TOL);
    model.dispose();
  });

  it('refuses the batch torch would silently skip (batchSize > rows with dropLast): torch takes no step', () => {
    const skipped = fixture.minibatch.find((r) => r.losses.length === 0)!;
    expect(skipped.batchSize).toBeGreaterThan(problem.X.length);
    const model = fresh();
    const opt = new SGD(model.parameters(), { lr: 0.01 });
    expect(() => train(model, opt, X, y, { epochs: 1, batchSize: skipped.batchSize, dropLast: true, loss: 'mse' }))
      .toThrow(/no batch would be taken/);
    model.dispose();
  });
});

describe('the seeded shuffle', () => {
  const n = 23, X = Matrix.from(problem.X), y = Vector.from(problem.y);

  // Each epoch's order from the twin, then the step-by-step API on the batches in that order: the
  // same rows in the same order give the same bits.
  it.each([[5, 0], [5, 42], [4, 2 ** 40 + 3], [23, 7], [1, 9]])('batch %i, seed %i: the twin\'s orders, bit for bit', (batch, seed) => {
    const model = fresh(), reference = fresh();
    const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
    const refOpt = new SGD(reference.parameters(), { lr: 0.01, momentum: 0.9 });
    const { losses } = train(model, opt, X, y, { epochs: 3, batchSize: batch, shuffle: true, seed, loss: 'mse' });
    const next = splitMix(seed), expected: number[] = [];
    for (let e = 0; e < 3; e++) {
      const order = shuffledOrder(n, next);
      for (let start = 0; start < n; start += batch) {
        const rows = order.slice(start, start + batch);
        refOpt.zeroGrad();
        expected.push(mseLoss(reference, rows.map((i) => problem.X[i]), rows.map((i) => problem.y[i])));
        refOpt.step();
      }
    }
    expect(Array.from(losses)).toEqual(expected);
    expect(paramsOf(model)).toEqual(paramsOf(reference));
    model.dispose();
    reference.dispose();
  });

  it('the twin\'s first orders are a permutation and differ by seed; no seed draws a random one', () => {
    const a = shuffledOrder(n, splitMix(1)), b = shuffledOrder(n, splitMix(2));
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(a).not.toEqual(b);
    const run = () => {
      const model = fresh();
      const out = train(model, new SGD(model.parameters(), { lr: 0.01 }), X, y, { epochs: 1, batchSize: 5, shuffle: true, loss: 'sse' }).losses;
      model.dispose();
      return Array.from(out);
    };
    expect(run()).not.toEqual(run()); // 2⁻³² odds of a false failure
  });

  it('a shuffled epoch sees every row once: batch = n gives the full-batch gradient up to rounding', () => {
    const model = fresh(), full = fresh();
    const { losses } = train(model, new SGD(model.parameters(), { lr: 0.01 }), X, y, { epochs: 2, shuffle: true, seed: 3, loss: 'sse' });
    const plain = train(full, new SGD(full.parameters(), { lr: 0.01 }), X, y, { iterations: 2, loss: 'sse' }).losses;
    expect(relErr(losses, plain)).toBeLessThan(1e-13);
    expect(relErr(paramsOf(model), paramsOf(full))).toBeLessThan(1e-13);
    model.dispose();
    full.dispose();
  });
});

describe('early stopping (scikit-learn SGDRegressor\'s tol and n_iter_no_change)', () => {
  const X = Matrix.from(problem.X), y = Vector.from(problem.y);

  /** sklearn's rule applied to epoch losses: the epoch after which it stops, or the count. */
  function sklearnStop(epochLosses: number[], tol: number, patience: number): number {
    let best = Infinity, bad = 0;
    for (let e = 0; e < epochLosses.length; e++) {
      bad = epochLosses[e] > best - tol ? bad + 1 : 0;
      best = Math.min(best, epochLosses[e]);
      if (bad >= patience) return e + 1;
    }
    return epochLosses.length;
  }

  it.each([[1e-2, 5], [1e-1, 3], [1, 1], [-1, 2]])('tol %s, nIterNoChange %i: stops where the rule says, with the same steps', (tol, patience) => {
    const steps = 5; // 23 rows in batches of 5
    const full = fresh();
    const all = train(full, new SGD(full.parameters(), { lr: 0.005 }), X, y, { epochs: 60, batchSize: 5, loss: 'mse' }).losses;
    const epochLosses = Array.from({ length: 60 }, (_, e) => all.slice(e * steps, (e + 1) * steps).reduce((a, b) => a + b, 0) / steps);
    const expected = sklearnStop(epochLosses, tol, patience);
    const model = fresh();
    const { losses, stoppedAt } = train(model, new SGD(model.parameters(), { lr: 0.005 }), X, y,
      { epochs: 60, batchSize: 5, loss: 'mse', tol, nIterNoChange: patience });
    expect(stoppedAt).toBe(expected);
    expect(Array.from(losses)).toEqual(Array.from(all.slice(0, expected * steps)));
    if (tol === 1) expect(stoppedAt).toBeLessThan(60);
    full.dispose();
    model.dispose();
  });

  it('nIterNoChange defaults to 5, as scikit-learn; with iterations, an iteration is an epoch', () => {
    const model = fresh();
    const { losses, stoppedAt } = train(model, new SGD(model.parameters(), { lr: 0.001 }), X, y, { iterations: 100, loss: 'sse', tol: 1e9 });
    expect(stoppedAt).toBe(6); // the first sets the best; none comes 1e9 below it: 5 stalls in a row
    expect(losses.length).toBe(6);
    model.dispose();
  });
});

describe('the scheduler option: once per epoch, inside the loop', () => {
  const X = Matrix.from(problem.X), y = Vector.from(problem.y);

  it('StepLR through train() equals StepLR stepped between one-epoch train() calls, bit for bit', () => {
    const a = fresh(), b = fresh();
    const optA = new Adam(a.parameters(), { lr: 0.05 }), optB = new Adam(b.parameters(), { lr: 0.05 });
    const inside = new StepLR(optA, { stepSize: 2, gamma: 0.5 }), between = new StepLR(optB, { stepSize: 2, gamma: 0.5 });
    const { losses } = train(a, optA, X, y, { epochs: 7, batchSize: 5, loss: 'mse', scheduler: inside });
    const manual: number[] = [];
    for (let e = 0; e < 7; e++) {
      manual.push(...train(b, optB, X, y, { epochs: 1, batchSize: 5, loss: 'mse' }).losses);
      between.step();
    }
    expect(Array.from(losses)).toEqual(manual);
    expect(paramsOf(a)).toEqual(paramsOf(b));
    expect(inside.getLastLr()).toEqual(between.getLastLr());
    expect(optA.lr).toBe(0.05 * 0.5 ** 3);
    a.dispose();
    b.dispose();
  });

  it('ReduceLROnPlateau gets the epoch\'s loss (the mean of its step losses)', () => {
    const a = fresh(), b = fresh();
    const optA = new SGD(a.parameters(), { lr: 0.02 }), optB = new SGD(b.parameters(), { lr: 0.02 });
    const inside = new ReduceLROnPlateau(optA, { patience: 0, factor: 0.5, threshold: 0.5 });
    const between = new ReduceLROnPlateau(optB, { patience: 0, factor: 0.5, threshold: 0.5 });
    train(a, optA, X, y, { epochs: 6, batchSize: 8, loss: 'sse', scheduler: inside });
    for (let e = 0; e < 6; e++) {
      const { losses } = train(b, optB, X, y, { epochs: 1, batchSize: 8, loss: 'sse' });
      between.step(losses.reduce((s, v) => s + v, 0) / losses.length);
    }
    expect(paramsOf(a)).toEqual(paramsOf(b));
    expect(optA.lr).toBe(optB.lr);
    expect(optA.lr).toBeLessThan(0.02); // it did cut
    a.dispose();
    b.dispose();
  });

  it('scheduler.step() is refused while train() runs (from onLog), and the run goes on unchanged', () => {
    const model = fresh();
    const opt = new SGD(model.parameters(), { lr: 0.01 });
    const scheduler = new StepLR(opt, { stepSize: 1 });
    const errors: unknown[] = [];
    train(model, opt, X, y, { epochs: 2, batchSize: 5, loss: 'mse', logEvery: 1, onLog: () => {
      try { scheduler.step(); } catch (error) { errors.push(error); }
    } });
    expect(errors).toHaveLength(10);
    expect((errors[0] as Error).message).toMatch(/being used by train\(\)/);
    expect(opt.lr).toBe(0.01);
    expect(scheduler.getLastLr()).toEqual([0.01]);
    model.dispose();
  });
});

describe('lifetimes', () => {
  const X = Matrix.from(problem.X), y = Vector.from(problem.y);

  // What PyTorch users write: a model and an optimizer per run, the model disposed, the optimizer
  // never (torch has no such call). The optimizer's block goes with its model.
  it('10⁴ create / train / dispose-the-model cycles keep live bytes at the baseline and wasm memory flat, never disposing an optimizer', () => {
    const cycle = (k: number) => {
      const model = new LinearModel(3);
      const opt = k % 2 ? new Adam(model.parameters(), { lr: 0.01 }) : new RMSprop(model.parameters(), { momentum: 0.9, centered: true });
      train(model, opt, X, y, { epochs: 1, batchSize: 8, shuffle: true, seed: k, loss: 'mse' });
      model.dispose();
      return opt;
    };
    for (let k = 0; k < 50; k++) cycle(k); // warm-up
    const before = memoryUsage();
    let last: Optimizer | undefined;
    for (let k = 0; k < 10_000; k++) last = cycle(k);
    const after = memoryUsage();
    expect(after.liveBytes).toBe(before.liveBytes);
    expect(after.wasmBytes).toBe(before.wasmBytes);
    expect(last!.isDisposed).toBe(true);
    expect(() => last!.step()).toThrow(/LinearModel was disposed/);
  });

  it('an optimizer over two models goes with the first; disposing it first frees it once', () => {
    const base = memoryUsage().liveBytes;
    const a = new LinearModel(2), b = new LinearModel(2);
    const opt = new Adagrad([...a.parameters(), ...b.parameters()]);
    const withAll = memoryUsage().liveBytes;
    b.dispose();
    expect(opt.isDisposed).toBe(false);
    expect(() => opt.step()).toThrow(/LinearModel was disposed/);
    opt.dispose();
    a.dispose(); // frees a's block; opt's was freed already and is not freed twice
    expect(memoryUsage().liveBytes).toBe(base);
    expect(withAll).toBeGreaterThan(base);
  });

  it('`using` disposes a Matrix, a Vector, a model and its optimizer at the end of the block (Symbol.dispose)', () => {
    const base = memoryUsage().liveBytes;
    let kept: { X: Matrix; model: LinearModel; opt: SGD } | undefined;
    {
      using Xs = Matrix.from(problem.X);
      using ys = Vector.from(problem.y);
      using model = fresh();
      using opt = new SGD(model.parameters(), { lr: 0.01 });
      train(model, opt, Xs, ys, { epochs: 1, batchSize: 4, loss: 'sse' });
      kept = { X: Xs, model, opt };
      expect(memoryUsage().liveBytes).toBeGreaterThan(base);
    }
    expect(kept.X.isDisposed && kept.model.isDisposed && kept.opt.isDisposed).toBe(true);
    expect(memoryUsage().liveBytes).toBe(base);
    expect(typeof kept.X[Symbol.dispose]).toBe('function');
  });
});

describe('full-batch training is unchanged by the mini-batch machinery', () => {
  it('batchSize = rows, no shuffle: the same bits as iterations', () => {
    const X = Matrix.from(problem.X), y = Vector.from(problem.y);
    for (const Ctor of [SGD, Adam] as const) {
      const a = fresh(), b = fresh();
      const la = train(a, new Ctor(a.parameters(), { lr: 0.01 }), X, y, { iterations: 12, loss: 'sse' }).losses;
      const lb = train(b, new Ctor(b.parameters(), { lr: 0.01 }), X, y, { epochs: 12, batchSize: 23, loss: 'sse' }).losses;
      expect(Array.from(lb)).toEqual(Array.from(la));
      expect(paramsOf(b)).toEqual(paramsOf(a));
      expect(sseLoss(a, X, y)).toBe(sseLoss(b, X, y));
      a.dispose();
      b.dispose();
    }
  });
});
