import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DivergenceError, LinearModel, Matrix, SGD, Vector, sseLoss, train } from '../src/index.js';

const seed = JSON.parse(readFileSync(new URL('./fixtures/seed-torch-reference.json', import.meta.url), 'utf8'));
const X = Matrix.from(seed.X);
const y = Vector.from(seed.y_obs);
const fresh = () => new LinearModel(3, { weight: seed.init.w, bias: seed.init.b });

function divergence(run: () => unknown): DivergenceError {
  try {
    run();
  } catch (error) {
    if (error instanceof DivergenceError) return error;
    throw error;
  }
  throw new Error('expected a DivergenceError');
}

describe('train() on a learning rate that diverges (the seed with lr 0.05)', () => {
  const model = fresh();
  const opt = new SGD(model.parameters(), { lr: 0.05 });
  const error = divergence(() => train(model, opt, X, y, { iterations: 10_000, loss: 'sse' }));

  it('throws DivergenceError with the iteration, the last finite loss and the losses so far', () => {
    expect(error.iteration).toBeGreaterThan(0);
    expect(error.iteration).toBeLessThan(10_000);
    expect(Number.isFinite(error.lastFiniteLoss)).toBe(true);
    expect(error.losses!.length).toBe(error.iteration + 1);
    expect(Number.isFinite(error.losses![error.iteration])).toBe(false);
    expect(error.losses![error.iteration - 1]).toBe(error.lastFiniteLoss);
    expect(error.message).toMatch(/training diverged: the loss became (Infinity|NaN) at iteration \d+/);
  });

  it('leaves the model and optimizer where the last finite loss was computed', () => {
    expect([...model.weight, model.bias].every(Number.isFinite)).toBe(true);
    expect(opt.stepCount).toBe(error.iteration - 1);
    expect(sseLoss(fresh0(model), X, y)).toBe(error.lastFiniteLoss);
    // The same run step by step reaches the same parameters after iteration − 1 steps.
    const twin = fresh();
    const twinOpt = new SGD(twin.parameters(), { lr: 0.05 });
    for (let t = 0; t < error.iteration - 1; t++) {
      twinOpt.zeroGrad();
      sseLoss(twin, X, y);
      twinOpt.step();
    }
    expect(Array.from(model.weight)).toEqual(Array.from(twin.weight));
    expect(model.bias).toBe(twin.bias);
  });

  it('suggests a learning rate under the stability limit 1/λmax(AᵀA), and it trains', () => {
    // λmax(AᵀA) of A = [X, 1] is ≈ 99.6 on the seed data, so the limit is ≈ 0.01004 (lr 0.01 works).
    expect(error.suggestedLr).toBeGreaterThan(0.01);
    expect(error.suggestedLr).toBeLessThan(0.0101);
    const m = fresh();
    const { losses } = train(m, new SGD(m.parameters(), { lr: 0.9 * error.suggestedLr! }), X, y, { iterations: 10_000, loss: 'sse' });
    expect(losses[9999]).toBeLessThan(11.35);
  });
});

// A copy of the model's parameters in a new model with zero gradients (sseLoss accumulates).
function fresh0(model: LinearModel): LinearModel {
  return new LinearModel(model.nFeatures, { weight: model.weight, bias: model.bias });
}

describe('onLog calling back into the library', () => {
  it('may read the model and train other models; changing the trained model is refused', () => {
    const model = fresh();
    const opt = new SGD(model.parameters(), { lr: 0.01 });
    const seen: string[] = [];
    train(model, opt, X, y, {
      iterations: 3000, loss: 'sse', logEvery: 1000,
      onLog: () => {
        expect(model.predict(X).length).toBe(10);
        const side = fresh();
        train(side, new SGD(side.parameters(), { lr: 0.01 }), X, y, { iterations: 10, loss: 'sse' });
        for (const [name, act] of [
          ['sseLoss', () => sseLoss(model, X, y)], ['step', () => opt.step()], ['zeroGrad', () => opt.zeroGrad()],
          ['train', () => train(model, opt, X, y, { iterations: 1, loss: 'sse' })], ['dispose', () => model.dispose()],
        ] as const) {
          expect(act, name).toThrow(/being (trained|used by train)/);
          seen.push(name);
        }
      },
    });
    expect(seen.length).toBe(15);
    // And the run is the same as one without callbacks.
    const quiet = fresh();
    train(quiet, new SGD(quiet.parameters(), { lr: 0.01 }), X, y, { iterations: 3000, loss: 'sse' });
    expect(Array.from(model.weight)).toEqual(Array.from(quiet.weight));
  });
});
