// `linreg train` and `linreg predict` end to end: the losses and parameters of train() to the bit, the
// closed form beside them, and predictions with statsmodels' intervals equal to the library's.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Adam, LinearModel, LinearRegression, SGD, train } from '../../src/index.js';
import seed from '../fixtures/seed-torch-reference.json';
import longley from '../fixtures/nist-strd/Longley.json';
import { bits, fixture, linreg } from './run.js';

describe('linreg train', () => {
  it('runs the seed notebook\'s SGD and matches train() to the bit; prints it beside the closed form', () => {
    const args = ['train', fixture('seed.csv'), '--y', 'y', '--optimizer', 'sgd', '--lr', '0.01', '--iterations', '10000', '--loss', 'sse'];
    const out = JSON.parse(linreg([...args, '--json']).stdout);
    const model = new LinearModel(3);
    const { losses } = train(model, new SGD(model.parameters(), { lr: 0.01 }), seed.X, seed.y_obs, { iterations: 10_000, loss: 'sse' });
    expect(bits(out.losses)).toEqual(bits(Array.from(losses)));
    expect(bits(out.weight)).toEqual(bits(Array.from(model.weight)));
    expect(bits(out.bias)).toEqual(bits(model.bias));
    const closed = new LinearRegression().fit(seed.X, seed.y_obs);
    expect(bits(out.closedForm.coef)).toEqual(bits(Array.from(closed.coef)));
    const text = linreg(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/parameter\s+gradient descent\s+closed form\s+difference/);
    expect(text.stdout).toMatch(/^x2 +\S+ +\S+ +\S+$/m);
    expect(text.stdout).toContain('rank-deficient');
  });

  it('Adam with betas and weight decay, on Longley\'s named columns', () => {
    const out = JSON.parse(linreg(['train', fixture('longley.csv'), '--y', 'TOTEMP', '--x', 'UNEMP,ARMED', '--optimizer', 'adam',
      '--lr', '5', '--betas', '0.8,0.99', '--weight-decay', '0.001', '--iterations', '300', '--json']).stdout);
    const X = longley.x.map((r) => [r[2], r[3]]);
    const model = new LinearModel(2);
    const { losses } = train(model, new Adam(model.parameters(), { lr: 5, betas: [0.8, 0.99], weightDecay: 0.001 }), X, longley.y, { iterations: 300, loss: 'mse' });
    expect(out.features).toEqual(['UNEMP', 'ARMED']);
    expect(bits(out.losses)).toEqual(bits(Array.from(losses)));
    expect(bits(out.weight)).toEqual(bits(Array.from(model.weight)));
  });

  it('a diverging run exits 3 with the library\'s message, and options of another optimizer are refused', () => {
    const r = linreg(['train', fixture('longley.csv'), '--y', 'TOTEMP', '--optimizer', 'sgd', '--lr', '1', '--iterations', '100']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^linreg: training diverged: .*Lower the learning rate.*\n$/);
    const bad = linreg(['train', fixture('seed.csv'), '--y', 'y', '--optimizer', 'sgd', '--betas', '0.9,0.99']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('linreg: --betas is an option of adam and adamw, not of sgd\n');
  });
});

describe('linreg predict', () => {
  it('applies a saved model to a CSV by column names; --intervals gives predictInterval\'s columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linreg-cli-'));
    const saved = join(dir, 'model.json');
    expect(linreg(['fit', fixture('longley.csv'), '--y', 'TOTEMP', '--exclude', 'POP', '--save', saved]).code).toBe(0);
    const model = LinearRegression.fromJSON(JSON.parse(readFileSync(saved, 'utf8')));
    const X = longley.x.map((r) => [r[0], r[1], r[2], r[3], r[5]]);
    const plain = linreg(['predict', saved, fixture('longley.csv')]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(`prediction\n${Array.from(model.predict(X), String).join('\n')}\n`);
    const out = join(dir, 'predictions.csv');
    const r = linreg(['predict', saved, fixture('longley.csv'), '--intervals', '0.9', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const pi = model.predictInterval(X, { level: 0.9 });
    const rows = X.map((_, i) => [pi.mean[i], pi.meanSe[i], pi.meanLower[i], pi.meanUpper[i], pi.obsLower[i], pi.obsUpper[i]].map(String).join(','));
    expect(readFileSync(out, 'utf8')).toBe(`mean,mean_se,mean_ci_lower,mean_ci_upper,obs_ci_lower,obs_ci_upper\n${rows.join('\n')}\n`);
  });

  it('needs no target column, takes a one-feature model, and names new.csv\'s own lines and columns in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linreg-cli-'));
    const saved = join(dir, 'model.json');
    expect(linreg(['fit', fixture('longley.csv'), '--y', 'TOTEMP', '--x', 'GNP', '--save', saved]).code).toBe(0);
    const model = LinearRegression.fromJSON(JSON.parse(readFileSync(saved, 'utf8')));
    writeFileSync(join(dir, 'new.csv'), 'id,GNP\r\n1,234289\r\n\r\n2,"259426"\r\n');
    const r = linreg(['predict', saved, join(dir, 'new.csv')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`prediction\n${model.predict([[234289]])[0]}\n${model.predict([[259426]])[0]}\n`);
    writeFileSync(join(dir, 'bad.csv'), 'id,GNP\n1,234289\n2\n');
    const ragged = linreg(['predict', saved, join(dir, 'bad.csv'), '-o', join(dir, 'p.csv')]);
    expect(ragged.code).toBe(2);
    expect(ragged.stderr).toMatch(/^linreg: \S*bad\.csv line 3: 1 fields, but the header has 2\n$/);
    writeFileSync(join(dir, 'nan.csv'), 'id,GNP\n1,234289\n2,n/a\n');
    const nan = linreg(['predict', saved, join(dir, 'nan.csv'), '-o', join(dir, 'p.csv')]);
    expect(nan.code).toBe(2);
    expect(nan.stderr).toMatch(/^linreg: \S*nan\.csv line 3, column 2 \(GNP\): "n\/a" is not a number \(the model reads GNP as numbers\)\n$/);
    expect(existsSync(join(dir, 'p.csv'))).toBe(false);
    const missing = linreg(['predict', saved, fixture('seed.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^linreg: \S*seed\.csv line 1: no column named "GNP" for the feature; the header has "x1", "x2", "x3", "y"\n$/);
  });
});
