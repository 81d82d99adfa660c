// Optimizer trajectories against PyTorch: scripts/fixtures/torch_optim_grid.py ran each case with
// torch.optim on float64 tensors; both the step-by-step API and train() must follow it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Adam, AdamW, LinearModel, Matrix, SGD, Vector, mseLoss, sseLoss, train, type Optimizer } from '../src/index.js';
import { relErr } from './rel-err.js';

interface Case {
  name: string; optimizer: 'SGD' | 'Adam' | 'AdamW'; options: Record<string, unknown>;
  loss: 'sse' | 'mse'; negateLoss: boolean; X: number[][]; y: number[];
  init: { w: number[]; b: number }; iterations: number; logEvery: number;
  log: { t: number; loss: number; w: number[]; b: number }[]; losses: number[];
  final: { w: number[]; b: number }; finalState: Record<string, number[] | number | null>;
}
const grid: { torch: string; cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/torch-optim-grid.json', import.meta.url), 'utf8'),
);
const TOL = 1e-8;

function setup(c: Case): { model: LinearModel; opt: Optimizer; X: Matrix; y: Vector } {
  const model = new LinearModel(c.init.w.length, { weight: c.init.w, bias: c.init.b });
  const Ctor = { SGD, Adam, AdamW }[c.optimizer];
  const opt = new Ctor(model.parameters(), c.options as never);
  return { model, opt, X: Matrix.from(c.X), y: Vector.from(c.y) };
}

/**
 * Size of the first gradient, |∇L(p₀)|∞. Optimizer state is built from gradients, so its rounding
 * error scales with them: a momentum buffer that has decayed to 1e-13 carries errors of
 * eps·|g₀|, not eps·1e-13, and is compared on that scale (squared for the second moments).
 */
function firstGradientSize(c: Case): number {
  const model = new LinearModel(c.init.w.length, { weight: c.init.w, bias: c.init.b });
  (c.loss === 'sse' ? sseLoss : mseLoss)(model, c.X, c.y);
  const size = Math.max(...model.grads.map(Math.abs));
  model.dispose();
  return size;
}

function expectFinal(c: Case, model: LinearModel, opt: Optimizer & { stateDict(): { step: number; state: object } }): void {
  expect(relErr([...model.weight, model.bias], [...c.final.w, c.final.b])).toBeLessThan(TOL);
  const saved = opt.stateDict();
  expect(saved.step).toBe(c.finalState.step);
  const g0 = firstGradientSize(c);
  for (const [name, ref] of Object.entries(c.finalState)) {
    if (name === 'step') continue;
    const ours = (saved.state as Record<string, number[] | null>)[name];
    if (ref === null) {
      expect(ours).toBeNull();
      continue;
    }
    const scale = Math.max(...(ref as number[]).map(Math.abs), name.endsWith('Sq') ? g0 * g0 : g0);
    (ref as number[]).forEach((r, i) => expect(Math.abs(ours![i] - r)).toBeLessThanOrEqual(TOL * scale));
  }
}

describe(`optimizers against torch.optim (fixture from torch ${grid.torch})`, () => {
  it.each(grid.cases.map((c) => [c.name, c] as const))('%s, step by step', (_, c) => {
    const { model, opt, X, y } = setup(c);
    const lossFn = c.loss === 'sse' ? sseLoss : mseLoss;
    const sign = c.negateLoss ? -1 : 1;
    const losses: number[] = [];
    let k = 0;
    for (let t = 0; t < c.iterations; t++) {
      opt.zeroGrad();
      losses.push(sign * lossFn(model, X, y));
      if (c.negateLoss) model.grads.forEach((g, i, a) => { a[i] = -g; }); // backward of −L
      opt.step();
      if (t % c.logEvery === 0) {
        const ref = c.log[k++];
        expect(ref.t).toBe(t);
        expect(relErr([...model.weight, model.bias], [...ref.w, ref.b])).toBeLessThan(TOL);
      }
    }
    expect(k).toBe(c.log.length);
    expect(relErr(losses, c.losses)).toBeLessThan(TOL);
    expectFinal(c, model, opt as never);
  });

  const trainable = grid.cases.filter((c) => !c.negateLoss);
  it.each(trainable.map((c) => [c.name, c] as const))('%s, train()', (_, c) => {
    const { model, opt, X, y } = setup(c);
    const logged: number[] = [];
    const { losses } = train(model, opt, X, y, {
      iterations: c.iterations, loss: c.loss, logEvery: c.logEvery,
      onLog: (l) => {
        const ref = c.log[logged.length];
        logged.push(l.iteration);
        expect(relErr([...l.weight, l.bias], [...ref.w, ref.b])).toBeLessThan(TOL);
      },
    });
    expect(logged).toEqual(c.log.map((l) => l.t));
    expect(relErr(losses, c.losses)).toBeLessThan(TOL);
    expectFinal(c, model, opt as never);
  });

  it('covers every optimizer setting the issue lists', () => {
    const seen = (f: (c: Case) => boolean) => grid.cases.some(f);
    expect(seen((c) => c.options.momentum !== 0 && c.options.nesterov === true)).toBe(true);
    expect(seen((c) => c.options.momentum !== 0 && c.options.nesterov === false)).toBe(true);
    expect(seen((c) => (c.options.dampening as number) > 0)).toBe(true);
    expect(seen((c) => c.optimizer === 'SGD' && (c.options.weightDecay as number) > 0)).toBe(true);
    expect(seen((c) => c.options.maximize === true)).toBe(true);
    expect(seen((c) => c.optimizer === 'Adam')).toBe(true);
    expect(seen((c) => c.optimizer === 'AdamW' && c.options.amsgrad === true)).toBe(true);
    expect(seen((c) => c.loss === 'mse') && seen((c) => c.loss === 'sse')).toBe(true);
    expect(seen((c) => c.X.length >= 200 && c.iterations >= 2000)).toBe(true);
  });
});
