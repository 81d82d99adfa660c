import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LinearModel, Matrix, SGD, Vector, sseLoss, train } from '../src/index.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/seed-torch-reference.json', import.meta.url), 'utf8'));

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300));
  return worst;
}

function freshModel(): LinearModel {
  return new LinearModel(3, { weight: fixture.init.w, bias: fixture.init.b });
}

describe('the seed notebook, against its PyTorch run', () => {
  const X = Matrix.from(fixture.X);
  const y = Vector.from(fixture.y_obs);

  it('step by step (zeroGrad, sseLoss, step) matches every logged step and the final parameters to 1e-9', () => {
    const model = freshModel();
    const opt = new SGD(model.parameters(), { lr: fixture.lr });
    const logged: { t: number; loss: number; w: number[]; b: number }[] = [];
    for (let t = 0; t < fixture.n_iter; t++) {
      opt.zeroGrad();
      const loss = sseLoss(model, X, y);
      opt.step();
      if (t % 1000 === 0) logged.push({ t, loss, w: Array.from(model.weight), b: model.bias });
    }
    expect(logged.map((l) => l.t)).toEqual(fixture.log.map((l: { t: number }) => l.t));
    logged.forEach((l, k) => {
      const ref = fixture.log[k];
      expect(relErr([l.loss], [ref.loss])).toBeLessThan(1e-9);
      expect(relErr([...l.w, l.b], [...ref.w, ref.b])).toBeLessThan(1e-9);
    });
    expect(relErr([...model.weight, model.bias], [...fixture.final.w, fixture.final.b])).toBeLessThan(1e-9);
  });

  it('train() matches the same log through onLog and the final parameters to 1e-9', () => {
    const model = freshModel();
    const logged: { iteration: number; loss: number; weight: Float64Array; bias: number }[] = [];
    const { losses } = train(model, new SGD(model.parameters(), { lr: fixture.lr }), X, y, {
      iterations: fixture.n_iter, loss: 'sse', logEvery: 1000, onLog: (l) => logged.push(l),
    });
    expect(losses.length).toBe(fixture.n_iter);
    expect(logged.map((l) => l.iteration)).toEqual(fixture.log.map((l: { t: number }) => l.t));
    logged.forEach((l, k) => {
      const ref = fixture.log[k];
      expect(losses[l.iteration]).toBe(l.loss);
      expect(relErr([l.loss], [ref.loss])).toBeLessThan(1e-9);
      expect(relErr([...l.weight, l.bias], [...ref.w, ref.b])).toBeLessThan(1e-9);
    });
    expect(relErr([...model.weight, model.bias], [...fixture.final.w, fixture.final.b])).toBeLessThan(1e-9);
  });

  it('train() and the step-by-step loop give the same bits', () => {
    const a = freshModel();
    const b = freshModel();
    const optA = new SGD(a.parameters(), { lr: fixture.lr });
    const stepLosses: number[] = [];
    for (let t = 0; t < 500; t++) {
      optA.zeroGrad();
      stepLosses.push(sseLoss(a, X, y));
      optA.step();
    }
    const { losses } = train(b, new SGD(b.parameters(), { lr: fixture.lr }), X, y, { iterations: 500, loss: 'sse' });
    expect(Array.from(losses)).toEqual(stepLosses);
    expect(Array.from(b.weight)).toEqual(Array.from(a.weight));
    expect(b.bias).toBe(a.bias);
    expect(Array.from(b.grad.weight)).toEqual(Array.from(a.grad.weight));
  });
});
