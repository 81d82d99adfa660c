// RMSprop and Adagrad against PyTorch, and optimizers over part of a model or over several models:
// scripts/fixtures/torch_optim_extra.py ran torch.optim (1.13, single-tensor path, float64) on a
// 23 × 3 problem whose values are exact in every language. Every step must match to a relative
// 1e-10, through the step-by-step API and through train(); options are torch's, checked as torch checks them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Adagrad, Adam, LinearModel, Matrix, RMSprop, Vector, mseLoss, sseLoss, train, type Optimizer, type Parameter } from '../src/index.js';
import { relErr } from './rel-err.js';

type Vec = number[];
interface Problem { X: Vec[]; y: Vec; init: { w: Vec; b: number } }
interface Run {
  name: string; type: 'RMSprop' | 'Adagrad'; options: Record<string, unknown>; loss: 'sse' | 'mse';
  steps: number; losses: Vec; params: Vec[]; step: number; state: Record<string, Vec | null>;
}
interface PartialRun {
  name: string; type: 'RMSprop' | 'Adagrad'; options: Record<string, unknown>; loss: 'sse'; steps: number;
  params: 'weight' | 'bias' | 'two models'; inits: { w: Vec; b: number }[]; trajectory: Vec[][]; losses: Vec[];
  step: number; state: Record<string, Vec | null>;
}
interface Check { type: 'RMSprop' | 'Adagrad'; option: string; options: Record<string, unknown>; accepted: boolean; torchError: { message: string } | null }
const fixture: { torch: string; problem: Problem; optimizers: Run[]; partial: PartialRun[]; checks: Check[] } = JSON.parse(
  readFileSync(new URL('./fixtures/torch-optim-extra.json', import.meta.url), 'utf8'),
);
const { problem } = fixture;
const TOL = 1e-10;
const CLASSES = { RMSprop, Adagrad };

const paramsOf = (m: LinearModel): Vec => [...m.weight, m.bias];
const lossFn = (loss: 'sse' | 'mse') => (loss === 'sse' ? sseLoss : mseLoss);

function expectState(opt: Optimizer, ref: Record<string, Vec | null>, step: number): void {
  const saved = opt.stateDict();
  expect(saved.step).toBe(step);
  expect(Object.keys(saved.state).sort()).toEqual(Object.keys(ref).sort());
  for (const [name, vector] of Object.entries(ref)) {
    if (vector === null) expect(saved.state[name], name).toBeNull();
    else expect(relErr(saved.state[name]!, vector), name).toBeLessThan(TOL);
  }
}

describe(`RMSprop and Adagrad against torch ${fixture.torch} (${fixture.optimizers.length} runs)`, () => {
  const X = Matrix.from(problem.X), y = Vector.from(problem.y);

  it.each(fixture.optimizers.map((r) => [r.name, r] as const))('%s, step by step', (_, r) => {
    const model = new LinearModel(3, { weight: problem.init.w, bias: problem.init.b });
    const opt = new CLASSES[r.type](model.parameters(), r.options as never);
    expect(opt.options).toEqual(r.options); // every default is torch's
    for (let t = 0; t < r.steps; t++) {
      opt.zeroGrad();
      const loss = lossFn(r.loss)(model, X, y);
      expect(Math.abs(loss - r.losses[t]) / Math.abs(r.losses[t]), `loss ${t}`).toBeLessThan(TOL);
      opt.step();
      expect(relErr(paramsOf(model), r.params[t]), `params after step ${t}`).toBeLessThan(TOL);
    }
    expectState(opt, r.state, r.step);
    model.dispose();
  });

  it.each(fixture.optimizers.map((r) => [r.name, r] as const))('%s, by train()', (_, r) => {
    const model = new LinearModel(3, { weight: problem.init.w, bias: problem.init.b });
    const opt = new CLASSES[r.type](model.parameters(), r.options as never);
    const { losses } = train(model, opt, X, y, { iterations: r.steps, loss: r.loss });
    expect(relErr(losses, r.losses)).toBeLessThan(TOL);
    expect(relErr(paramsOf(model), r.params[r.steps - 1])).toBeLessThan(TOL);
    expectState(opt, r.state, r.step);
    model.dispose();
  });

  it('stateDict() → loadStateDict() resumes a run exactly where it was (centered RMSprop with momentum; Adagrad with lrDecay)', () => {
    for (const name of ['rmsprop-centered-momentum-wd-sse', 'adagrad-combined-sse']) {
      const r = fixture.optimizers.find((o) => o.name === name)!;
      const first = new LinearModel(3, { weight: problem.init.w, bias: problem.init.b });
      const opt = new CLASSES[r.type](first.parameters(), r.options as never);
      train(first, opt, X, y, { iterations: 10, loss: r.loss });
      const saved = JSON.parse(JSON.stringify(opt.stateDict()));
      const second = new LinearModel(3, { weight: first.weight, bias: first.bias });
      const resumed = new CLASSES[r.type](second.parameters(), { lr: 0.5 } as never);
      resumed.loadStateDict(saved);
      train(second, resumed, X, y, { iterations: r.steps - 10, loss: r.loss });
      expect(relErr(paramsOf(second), r.params[r.steps - 1]), name).toBeLessThan(TOL);
      expectState(resumed, r.state, r.step);
      first.dispose();
      second.dispose();
    }
  });
});

describe('optimizers over part of a model, or over several models', () => {
  const X = Matrix.from(problem.X), y = Vector.from(problem.y);

  it.each(fixture.partial.map((r) => [r.name, r] as const))('%s', (_, r) => {
    const models = r.inits.map((init) => new LinearModel(3, { weight: init.w, bias: init.b }));
    const pick = (m: LinearModel): Parameter[] => {
      const [weight, bias] = m.parameters();
      return r.params === 'weight' ? [weight] : r.params === 'bias' ? [bias] : [weight, bias];
    };
    const opt = new CLASSES[r.type](models.flatMap(pick), r.options as never);
    const untouched = models.map(paramsOf);
    for (let t = 0; t < r.steps; t++) {
      opt.zeroGrad();
      const losses = models.map((m) => sseLoss(m, X, y)); // each model's gradient; torch's loss_A + loss_B
      expect(relErr(losses, r.losses[t]), `losses ${t}`).toBeLessThan(TOL);
      opt.step();
      models.forEach((m, k) => expect(relErr(paramsOf(m), r.trajectory[t][k]), `model ${k} after step ${t}`).toBeLessThan(TOL));
    }
    if (r.params === 'weight') expect(models[0].bias).toBe(untouched[0][3]); // the bias is no parameter of it
    if (r.params === 'bias') expect([...models[0].weight]).toEqual(untouched[0].slice(0, 3));
    expectState(opt, r.state, r.step);
    models.forEach((m) => m.dispose());
  });

  // Adam's step runs two parameters per f64x2 lane pair: an odd range's last one must be written
  // alone, leaving the parameter after the range (here the bias) untouched.
  it('Adam over the weights only (3 of them: an odd range) moves them as torch does and never touches the bias', () => {
    const model = new LinearModel(3, { weight: problem.init.w, bias: problem.init.b });
    const reference = new LinearModel(3, { weight: problem.init.w, bias: problem.init.b });
    const [weight] = model.parameters();
    const opt = new Adam([weight], { lr: 0.05, amsgrad: true });
    const refOpt = new Adam(reference.parameters(), { lr: 0.05, amsgrad: true });
    for (let t = 0; t < 20; t++) {
      opt.zeroGrad();
      refOpt.zeroGrad();
      sseLoss(model, X, y);
      sseLoss(reference, X, y);
      reference.grads[3] = 0; // the bias's gradient zeroed: Adam then leaves it where it is
      opt.step();
      refOpt.step();
      expect(model.bias).toBe(problem.init.b);
      expect([...model.weight]).toEqual([...reference.weight]);
    }
    model.dispose();
    reference.dispose();
  });

  it('train() refuses an optimizer that does not hold exactly the model\'s parameters, and changes nothing', () => {
    const model = new LinearModel(3, { weight: problem.init.w, bias: problem.init.b });
    const [weight] = model.parameters();
    const opt = new RMSprop([weight]);
    expect(() => train(model, opt, X, y, { iterations: 3, loss: 'sse' })).toThrow(/the optimizer must hold exactly this model's parameters/);
    expect(paramsOf(model)).toEqual([...problem.init.w, problem.init.b]);
    expect(opt.stepCount).toBe(0);
    model.dispose();
  });
});

describe("torch's option checks", () => {
  const model = new LinearModel(3);
  it.each(fixture.checks.map((c) => [`${c.type} ${c.option} = ${String(c.options[c.option])}`, c] as const))('%s', (_, c) => {
    const make = () => new CLASSES[c.type](model.parameters(), c.options as never);
    if (c.accepted) {
      expect(make().options).toEqual(c.options);
      return;
    }
    // torch: ValueError "Invalid … value: v"; here a RangeError naming the option and the bound
    expect(make).toThrow(RangeError);
    expect(make).toThrow(new RegExp(`^${c.type}: invalid (learning rate lr = |${c.option} )${String(c.options[c.option])}`));
  });

  it.each([
    ['RMSprop with torch\'s spelling', () => new RMSprop(model.parameters(), { weight_decay: 0.1 } as never), TypeError, /RMSprop: unknown option "weight_decay"/],
    ['RMSprop centered not a boolean', () => new RMSprop(model.parameters(), { centered: 1 } as never), TypeError, /RMSprop: centered must be true or false, got 1/],
    ['RMSprop alpha NaN', () => new RMSprop(model.parameters(), { alpha: Number.NaN }), RangeError, /RMSprop: alpha must be finite, got NaN/],
    ['Adagrad eps as a string', () => new Adagrad(model.parameters(), { eps: '1e-10' } as never), TypeError, /Adagrad: eps must be a number, got "1e-10"/],
    ['Adagrad on no parameters', () => new Adagrad([]), RangeError, /params is empty/],
  ] as const)('%s', (_, make, kind, message) => {
    expect(make).toThrow(kind);
    expect(make).toThrow(message);
  });

  it('loadStateDict refuses another class\'s state, a missing vector, or a wrong length, and changes nothing', () => {
    const m = new LinearModel(3, { weight: [1, 2, 3] });
    const rms = new RMSprop(m.parameters(), { centered: true });
    const ada = new Adagrad(m.parameters(), { initialAccumulatorValue: 0.5 });
    const before = JSON.stringify(rms.stateDict());
    expect(() => rms.loadStateDict(ada.stateDict())).toThrow(/RMSprop/);
    const noAvg = { ...rms.stateDict(), state: { squareAvg: [0, 0, 0, 0], momentumBuffer: null, gradAvg: null } };
    expect(() => rms.loadStateDict(noAvg)).toThrow(/state.gradAvg is missing/);
    const short = { ...ada.stateDict(), state: { sum: [1, 2] } };
    expect(() => ada.loadStateDict(short)).toThrow(/state.sum has 2 values but the optimizer has 4 parameters/);
    expect(JSON.stringify(rms.stateDict())).toBe(before);
    expect(ada.stateDict().state.sum).toEqual([0.5, 0.5, 0.5, 0.5]);
    m.dispose();
  });
});
