// The seed scenario every runtime runs against the built package: train(), the step-by-step API,
// predict(), LinearRegression and summary(). Numbers travel as the hex of their float64 bits, so
// JSON cannot round them and runtimes can be compared bit for bit.
import * as lib from 'linreg-wasm';
import fixture from '../fixtures/seed-torch-reference.json';
import { runtimeId } from './runtime-id.js';

/** What one runtime reports; every field must equal Node's exactly. */
export interface ScenarioResult {
  runtime: string;
  train: { lossesHash: string; losses: string[]; weight: string[]; bias: string; logged: string[] };
  steps: { losses: string[]; weight: string[]; bias: string };
  predict: string[];
  linearRegression: { coef: string[]; intercept: string; predict: string[] };
  /** What `linreg-wasm/wasm` exports: '[object WebAssembly.Module]' everywhere. */
  wasmSubpath: string;
  /** `summary()` from linreg-wasm/stats, every number as bits (with LinearRegression). */
  stats: unknown;
  /**
   * The main entry alone: `model.summary()` of a fit with { statistics: 'full' } (HC3), its
   * printed table, and `model.influence()`, every number as bits.
   */
  fullStats: unknown;
  /** Shuffled mini-batches (the seeded order), RMSprop (optimizers.wasm), a schedule and early stopping. */
  miniBatches: { losses: string[]; stoppedAt: number; weight: string[]; bias: string; stateDict: string };
}

const view = new DataView(new ArrayBuffer(8));

/** The IEEE-754 bits of `x` as 16 hex digits. */
export function bits(x: number): string {
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

const allBits = (xs: ArrayLike<number>): string[] => Array.from(xs, bits);

/** FNV-1a over the bytes of a Float64Array (both halves of each value, little-endian words). */
function hash(xs: Float64Array): string {
  const words = new Uint32Array(xs.buffer, xs.byteOffset, xs.length * 2);
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < words.length; i++) {
    h1 = Math.imul(h1 ^ words[i], 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ words[words.length - 1 - i], 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

function freshModel(): lib.LinearModel {
  return new lib.LinearModel(3, { weight: fixture.init.w, bias: fixture.init.b });
}

/**
 * The harness's entry point: the scenario, tagged with the runtime that ran it. `stats: false`
 * leaves out the linreg-wasm/stats import (the main entry's statistics still run).
 */
export function run(options: { stats?: boolean } = {}): Promise<ScenarioResult> {
  return seedScenario(runtimeId(), options.stats ?? true);
}

/** Runs the seed scenario on the package `linreg-wasm` as this runtime resolves it. */
export async function seedScenario(runtime: string, withStats = true): Promise<ScenarioResult> {
  await lib.init();
  await lib.init(); // idempotent
  const X = lib.Matrix.from(fixture.X);
  const y = lib.Vector.from(fixture.y_obs);

  const model = freshModel();
  const logged: number[] = [];
  const { losses } = lib.train(model, new lib.SGD(model.parameters(), { lr: fixture.lr }), X, y, {
    iterations: fixture.n_iter, loss: 'sse', logEvery: 1000, onLog: (l) => logged.push(l.loss, ...l.weight, l.bias),
  });
  const sampled = losses.filter((_, t) => t % 100 === 0 || t === losses.length - 1);

  const stepModel = freshModel();
  const opt = new lib.SGD(stepModel.parameters(), { lr: fixture.lr, momentum: 0.9 });
  const stepLosses: number[] = [];
  for (let t = 0; t < 200; t++) {
    opt.zeroGrad();
    stepLosses.push(lib.sseLoss(stepModel, X, y));
    opt.step();
  }

  const result: ScenarioResult = {
    runtime,
    train: { lossesHash: hash(losses), losses: allBits(sampled), weight: allBits(model.weight), bias: bits(model.bias), logged: allBits(logged) },
    steps: { losses: allBits(stepLosses), weight: allBits(stepModel.weight), bias: bits(stepModel.bias) },
    predict: allBits(model.predict(X)),
    linearRegression: fitLinearRegression(),
    wasmSubpath: Object.prototype.toString.call((await import('linreg-wasm/wasm')).default),
    stats: withStats ? await summarise() : 'left out',
    fullStats: fullStatistics(),
    miniBatches: miniBatches(),
  };
  for (const owned of [model, stepModel, X, y]) owned.dispose();
  return result;
}

// The seeded shuffle must give the same order everywhere: any other order changes every bit below.
function miniBatches(): ScenarioResult['miniBatches'] {
  const model = freshModel();
  const opt = new lib.RMSprop(model.parameters(), { lr: 0.01, centered: true, momentum: 0.5 });
  const scheduler = new lib.StepLR(opt, { stepSize: 2, gamma: 0.5 });
  const { losses, stoppedAt } = lib.train(model, opt, fixture.X, fixture.y_obs, {
    epochs: 8, batchSize: 3, shuffle: true, seed: 2026, dropLast: false, loss: 'mse', scheduler, tol: 1e-4, nIterNoChange: 3,
  });
  const result = {
    losses: allBits(losses), stoppedAt, weight: allBits(model.weight), bias: bits(model.bias),
    stateDict: JSON.stringify(opt.stateDict()), // JSON's shortest round-trip digits: the same in every engine
  };
  model.dispose();
  return result;
}

function fitLinearRegression(): ScenarioResult['linearRegression'] {
  const fitted = new lib.LinearRegression({ fitIntercept: true }).fit(fixture.X, fixture.y_obs);
  return { coef: allBits(fitted.coef), intercept: bits(fitted.intercept), predict: allBits(fitted.predict(fixture.X)) };
}

// Every number in a value, as bits; strings and booleans as they are.
function bitsDeep(value: unknown): unknown {
  if (typeof value === 'number') return bits(value);
  if (ArrayBuffer.isView(value)) return allBits(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(bitsDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bitsDeep(v)]));
  return value;
}

// The statsmodels-style table (t and F distributions in JS): a full-rank two-feature design.
async function summarise(): Promise<unknown> {
  const { summary } = await import('linreg-wasm/stats');
  const X = fixture.X.map((row, i) => [row[0], ((i * 7) % 5) / 3]);
  const model = new lib.LinearRegression({ fitIntercept: true }).fit(X, fixture.y_obs);
  return bitsDeep(summary(model, { level: 0.9 }));
}

// statsmodels' whole table from the main entry: diagnostics, HC3, the printed text, influence.
function fullStatistics(): unknown {
  const X = fixture.X.map((row, i) => [row[0], ((i * 7) % 5) / 3]);
  const model = new lib.LinearRegression().fit(X, fixture.y_obs, { statistics: 'full', featureNames: ['x', 'z'] });
  const s = model.summary({ covType: 'HC3' });
  return { summary: bitsDeep(s.toJSON()), table: String(s), influence: bitsDeep(model.influence(X, fixture.y_obs)) };
}
