// The mergeable state (issue 13): partialFit, merge, fitStream, and the state's JSON and bytes.
// Chunked fits must equal the single in-memory fit to 1e-12 (coefficients, standard errors, R²)
// whatever the chunk sizes and merge tree; NIST StRD fitted in chunks keeps LRE ≥ 12.
import { readFileSync, readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LinearRegression, polynomialFeatures } from '../src/index.js';
import { expectSameFit, rng } from './same-fit.js';

/** LRE = −log10(|est − cert| / |cert|), capped at 15 (as test/nist.test.ts). */
function lre(est: number, cert: number): number {
  const err = cert === 0 ? Math.abs(est) : Math.abs(est - cert) / Math.abs(cert);
  return err === 0 ? 15 : Math.min(15, -Math.log10(err));
}


interface Data { X: number[][]; y: number[]; w?: number[] }

function data(seed: number, n: number, p: number, opts: { weights?: boolean; dummies?: boolean; duplicate?: boolean; offset?: number } = {}): Data {
  const r = rng(seed);
  const X = Array.from({ length: n }, (_, i) => {
    const row = Array.from({ length: p }, () => (opts.offset ?? 0) + Math.round((r() - 0.5) * 2 ** 20) / 2 ** 10);
    if (opts.dummies) row.push(...[0, 1, 2].map((k) => (i % 3 === k ? 1 : 0)));
    if (opts.duplicate) row.push(row[0]);
    return row;
  });
  const y = X.map((row) => 1.5 + row.reduce((t, v, j) => t + v * (j + 1) * 0.25, 0) + (r() - 0.5));
  return { X, y, w: opts.weights ? X.map(() => 0.25 + r() * 4) : undefined };
}

// Rows [a, b) as a chunk
const slice = (d: Data, a: number, b: number) => ({ X: d.X.slice(a, b), y: d.y.slice(a, b), ...(d.w ? { sampleWeight: d.w.slice(a, b) } : {}) });
const weightOf = (c: { sampleWeight?: number[] }) => (c.sampleWeight ? { sampleWeight: c.sampleWeight } : undefined);

function splits(n: number, r: () => number, count: number): number[] {
  const cuts = new Set<number>([0, n]);
  while (cuts.size < count + 1) cuts.add(1 + Math.floor(r() * (n - 1)));
  return [...cuts].sort((a, b) => a - b);
}


const single = (d: Data, fitIntercept = true) => new LinearRegression({ fitIntercept }).fit(d.X, d.y, d.w ? { sampleWeight: d.w } : undefined);

describe('partialFit equals the single fit (1e-12)', () => {
  const cases: [string, Data, boolean][] = [
    ['plain', data(1, 600, 4), true],
    ['weighted', data(2, 600, 3, { weights: true }), true],
    ['offset far from 0', data(3, 500, 3, { offset: 1e6 }), true],
    ['no intercept', data(4, 500, 3), false],
    ['dummies beside the intercept (rank-deficient)', data(5, 600, 2, { dummies: true }), true],
    ['dummies without intercept (implicit constant)', data(6, 600, 2, { dummies: true }), false],
    ['a duplicated column, weighted', data(7, 600, 3, { duplicate: true, weights: true }), true],
  ];
  it.each(cases)('%s: chunks of 1, 7 and 250 rows, and random splits', (_, d, fitIntercept) => {
    const want = single(d, fitIntercept);
    for (const size of [1, 7, 250]) {
      const m = new LinearRegression({ fitIntercept });
      for (let i = 0; i < d.y.length; i += size) { const c = slice(d, i, i + size); m.partialFit(c.X, c.y, weightOf(c)); }
      expectSameFit(m, want);
    }
    const r = rng(42), cuts = splits(d.y.length, r, 6);
    const m = new LinearRegression({ fitIntercept });
    for (let k = 0; k + 1 < cuts.length; k++) { const c = slice(d, cuts[k], cuts[k + 1]); m.partialFit(c.X, c.y, weightOf(c)); }
    expectSameFit(m, want);
    if (want.rank < want.nFeaturesIn) expect(m.warnings[0]).toMatch(/rank-deficient/);
  });

  it.each(cases)('%s: random merge trees of shards give the same fit', (_, d, fitIntercept) => {
    const want = single(d, fitIntercept);
    for (const seed of [1, 2, 3]) {
      const r = rng(seed), cuts = splits(d.y.length, r, 8);
      let shards = cuts.slice(0, -1).map((a, k) => { const c = slice(d, a, cuts[k + 1]); return new LinearRegression({ fitIntercept }).partialFit(c.X, c.y, weightOf(c)); });
      while (shards.length > 1) {
        const i = Math.floor(r() * (shards.length - 1));
        const merged = shards[i].merge(shards[i + 1]);
        shards = [...shards.slice(0, i), merged, ...shards.slice(i + 2)];
      }
      expectSameFit(shards[0], want);
    }
  });

  it('large chunks go through the wasm QR and still find a dummy trap spread over shards', () => {
    const d = data(8, 30000, 3, { dummies: true });
    const want = single(d);
    const a = new LinearRegression().partialFit(d.X.slice(0, 12000), d.y.slice(0, 12000));
    const b = new LinearRegression().partialFit(d.X.slice(12000), d.y.slice(12000));
    expect(want.rank).toBe(5);
    expect(a.merge(b).rank).toBe(5);
    expectSameFit(a, want, 1e-11);
    expect(a.dependencies.map((t) => t.column)).toEqual(want.dependencies.map((t) => t.column));
  });
});

describe('NIST StRD in chunks (polynomial designs with their exact low parts): LRE ≥ 12', () => {
  const dir = new URL('./fixtures/nist-strd/', import.meta.url);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const sets: any[] = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
  it.each(sets.map((d) => [d.name, d] as const))('%s, in chunks of 5 rows merged pairwise', (_, d) => {
    const n = d.y.length;
    const design = d.degree === null ? { hi: d.x as number[][], lo: undefined } : (() => {
      const { hi, lo } = polynomialFeatures(d.x.map((r: number[]) => r[0]), d.degree);
      const out = { hi: Array.from({ length: n }, (_, i) => Array.from(hi.data.subarray(i * d.degree, (i + 1) * d.degree))), lo: Array.from({ length: n }, (_, i) => Array.from(lo.data.subarray(i * d.degree, (i + 1) * d.degree))) };
      hi.dispose(); lo.dispose();
      return out;
    })();
    let shards: LinearRegression[] = [];
    for (let i = 0; i < n; i += 5) {
      shards.push(new LinearRegression({ fitIntercept: d.intercept }).partialFit(design.hi.slice(i, i + 5), d.y.slice(i, i + 5), design.lo ? { xLow: design.lo.slice(i, i + 5) } : undefined));
    }
    while (shards.length > 1) shards = shards.reduce<LinearRegression[]>((acc, s, i) => (i % 2 ? (acc[acc.length - 1].merge(s), acc) : [...acc, s]), []);
    const s = shards[0].summary();
    const c = d.certified;
    expect(Math.min(...c.parameters.map((v: number, j: number) => lre(s.params[j], v)))).toBeGreaterThanOrEqual(12);
    expect(Math.min(...c.standardDeviations.map((v: number, j: number) => lre(s.standardErrors[j], v)))).toBeGreaterThanOrEqual(10);
    expect(lre(s.rSquared, c.rSquared)).toBeGreaterThanOrEqual(10);
  });
});

describe('fitStream', () => {
  const d = data(9, 400, 3, { weights: true });
  const chunks = () => [0, 100, 250, 399].map((a, k, all) => slice(d, a, all[k + 1] ?? 400));
  const want = single(d);

  it('reads arrays, generators, async generators, Node Readables and web ReadableStreams', async () => {
    async function* slow() { for (const c of chunks()) { await new Promise((r) => setTimeout(r, 1)); yield c; } }
    function* sync() { yield* chunks(); }
    const web = () => new ReadableStream({ start(ctl) { for (const c of chunks()) ctl.enqueue(c); ctl.close(); } });
    for (const source of [chunks(), sync(), slow(), Readable.from(chunks()), web()]) {
      const m = await new LinearRegression().fitStream(source as Iterable<never>);
      expectSameFit(m, want);
    }
  });

  it('changes the model only once the stream is read to its end; errors name the chunk', async () => {
    const m = await new LinearRegression().fitStream(chunks());
    const before = JSON.stringify(m);
    async function* broken() { yield chunks()[0]; yield { X: [[1, 2]], y: [1] }; }
    await expect(m.fitStream(broken())).rejects.toThrow(/^chunk 1: X has 2 columns but the model has seen 3 features/);
    await expect(m.fitStream([{ X: [[1, 2, NaN]], y: [1] }])).rejects.toThrow(/chunk 0: X\[0\]\[2\] is NaN/);
    await expect(m.fitStream([{ X: [[1, 2, 3]] }] as never)).rejects.toThrow(/chunk 0 must be an object \{ X, y, sampleWeight\?, xLow\? \}/);
    await expect(m.fitStream([])).rejects.toThrow(/the stream had no chunks/);
    // a large chunk is not scanned first: the NaN shows in its reduction, and is named then
    const big = data(12, 5000, 3);
    big.X[4321][1] = NaN;
    await expect(m.fitStream([{ X: big.X, y: big.y }])).rejects.toThrow(/chunk 0: X\[4321\]\[1\] is NaN/);
    big.X[4321][1] = 0; big.y[17] = Infinity;
    await expect(m.fitStream([{ X: big.X, y: big.y }])).rejects.toThrow(/chunk 0: y\[17\] is Infinity/);
    await expect(m.fitStream(42 as never)).rejects.toThrow(TypeError);
    expect(JSON.stringify(m)).toBe(before);
  });
});

describe('the state: merge rules, JSON and bytes', () => {
  const d = data(10, 300, 3);
  const part = () => new LinearRegression().partialFit(d.X.slice(0, 150), d.y.slice(0, 150), { featureNames: ['a', 'b', 'c'] });

  it('refuses what cannot merge, naming why, and changes nothing', () => {
    const m = part(), before = JSON.stringify(m);
    expect(() => m.merge(new LinearRegression().fit(d.X, d.y))).toThrow(/fitted with fit\(\), which keeps no mergeable state/);
    expect(() => m.merge(new LinearRegression())).toThrow(/has seen no data yet/);
    expect(() => m.merge(new LinearRegression({ fitIntercept: false }).partialFit(d.X, d.y))).toThrow(/fitIntercept false into one with fitIntercept true/);
    expect(() => m.merge(new LinearRegression().partialFit(d.X.map((r) => r.slice(0, 2)), d.y))).toThrow(/2 features into one of 3/);
    expect(() => m.merge(new LinearRegression().partialFit(d.X, d.y))).toThrow(/different feature names \(x1, x2, x3 into a, b, c\)/);
    expect(() => m.merge({} as LinearRegression)).toThrow(/merge needs a LinearRegression/);
    expect(() => m.partialFit(d.X.map((r) => r.slice(0, 2)), d.y)).toThrow(/2 columns but the model has seen 3 features/);
    expect(() => new LinearRegression().fit(d.X, d.y).partialFit(d.X, d.y)).toThrow(/fitted with fit\(\)/);
    expect(JSON.stringify(m)).toBe(before);
  });

  it('round-trips through JSON and bytes to the same bits, and stays mergeable', () => {
    const m = part();
    const rest = new LinearRegression().partialFit(d.X.slice(150), d.y.slice(150), { featureNames: ['a', 'b', 'c'] });
    const viaJson = LinearRegression.fromJSON(JSON.parse(JSON.stringify(m)));
    const viaBytes = LinearRegression.fromBytes(m.toBytes());
    expect(viaBytes.toBytes()).toEqual(m.toBytes());
    expect(viaJson.toBytes()).toEqual(m.toBytes());
    expect(Array.from(viaBytes.coef)).toEqual(Array.from(m.coef));
    const direct = part().merge(rest), a = viaJson.merge(rest), b = viaBytes.merge(rest);
    expect(a.toBytes()).toEqual(direct.toBytes());
    expect(b.toBytes()).toEqual(direct.toBytes());
    expectSameFit(direct, new LinearRegression().fit(d.X, d.y), 1e-12, { names: false }); // named a, b, c here
  });

  it('refuses corrupt, truncated, foreign and future bytes with typed errors', () => {
    const bytes = part().toBytes();
    const flipped = bytes.slice(); flipped[40] ^= 1;
    expect(() => LinearRegression.fromBytes(flipped)).toThrow(/corrupt or truncated/);
    expect(() => LinearRegression.fromBytes(bytes.slice(0, 100))).toThrow(RangeError);
    expect(() => LinearRegression.fromBytes(new Uint8Array(64))).toThrow(/not a linreg-wasm state/);
    const future = bytes.slice(); future[4] = 2;
    expect(() => LinearRegression.fromBytes(future)).toThrow(/unsupported state version 2; this build reads version 1/);
    expect(() => LinearRegression.fromBytes([1, 2] as never)).toThrow(TypeError);
    expect(() => new LinearRegression().fit(d.X, d.y).toBytes()).toThrow(/has none/);
  });
});

describe('scanResiduals: the second pass for what only the rows give', () => {
  it.each([[true, false], [true, true], [false, false]])('equals fit(…, { statistics: "full" }) (intercept %s, weights %s)', async (fitIntercept, weights) => {
    const d = data(11, 900, 3, { weights });
    const chunks = () => [0, 1, 300, 301, 700].map((a, k, all) => slice(d, a, all[k + 1] ?? 900));
    const m = await new LinearRegression({ fitIntercept }).fitStream(chunks());
    expect(m.summary().durbinWatson).toBeNull();
    await expect(m.scanResiduals(chunks().slice(1))).rejects.toThrow(/the source has 899 rows but the model was fitted on 900/);
    await m.scanResiduals(chunks());
    const want = new LinearRegression({ fitIntercept }).fit(d.X, d.y, { statistics: 'full', ...(d.w ? { sampleWeight: d.w } : {}) });
    for (const covType of ['nonrobust', 'HC0', 'HC1', 'HC2', 'HC3'] as const) {
      const got = m.summary({ covType }), exp = want.summary({ covType });
      // the tests' nonlinear transforms (omnibus's) amplify the 1e-14 between the fits' residuals
      for (const key of ['durbinWatson', 'skew', 'kurtosis', 'omnibus', 'jarqueBera', 'fStatistic'] as const) {
        expect(Math.abs((got[key] as number) - (exp[key] as number)) / Math.abs(exp[key] as number), key).toBeLessThanOrEqual(1e-10);
      }
      Array.from(exp.standardErrors).forEach((se, j) => expect(Math.abs(got.standardErrors[j] - se) / se, `${covType} se[${j}]`).toBeLessThanOrEqual(1e-12));
    }
    const again = LinearRegression.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(again.summary({ covType: 'HC3' }).standardErrors).toEqual(m.summary({ covType: 'HC3' }).standardErrors);
  });
});
