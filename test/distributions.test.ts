// The distributions (src/stats/distributions.ts) against mpmath at 60 digits: every value of
// test/fixtures/distributions.json (scripts/fixtures/distributions.py) to 1e-12 relative — degrees
// of freedom 1 … 1e7 (2.5, 37.3, 250.5 … too), tails down to 1e-300. The fixture also records
// scipy's value where scipy is more than 1e-12 off (t.ppf nearly everywhere, far tails of t.sf, f.sf
// and chi2): the reference is mpmath, not scipy.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chi2Cdf, chi2Survival, fCdf, fSurvival, normalCdf, normalQuantile, normalSurvival, normalTwoSided,
  tCdf, tQuantile, tSurvival, tTwoSided,
} from '../src/stats/distributions.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fx: any = JSON.parse(readFileSync(new URL('./fixtures/distributions.json', import.meta.url), 'utf8'));
const TOL = 1e-12;

type Row = (number | string | null)[];
/** Checks got(row) against want(row) for every row; fails listing the worst rows. */
function expectAll(rows: Row[], got: (r: number[]) => number, want: (r: number[]) => number, label: (r: number[]) => string) {
  const bad: [number, string][] = [];
  let worst = 0;
  for (const row of rows) {
    const r = row as number[], g = got(r), w = want(r);
    const err = w === 0 ? Math.abs(g) : Math.abs(g - w) / Math.abs(w);
    worst = Math.max(worst, err);
    if (!(err <= TOL)) bad.push([err, `${label(r)}: got ${g}, want ${w} (relative error ${err.toExponential(2)})`]);
  }
  if (bad.length) expect.fail(`${bad.length} of ${rows.length} beyond ${TOL}:\n` + bad.sort((a, b) => b[0] - a[0]).slice(0, 10).map((b) => b[1]).join('\n'));
  expect(worst).toBeLessThanOrEqual(TOL);
}

describe('Student t against mpmath', () => {
  const rows: Row[] = fx.t;
  const at = (r: number[]) => `t = ${r[0]}, df = ${r[1]}`;
  it(`tSurvival: P(T > t), ${rows.length} values`, () => expectAll(rows, (r) => tSurvival(r[0], r[1]), (r) => r[2], at));
  it('tCdf: P(T ≤ t) and the lower tail P(T ≤ −t)', () => {
    expectAll(rows, (r) => tCdf(r[0], r[1]), (r) => r[3], at);
    expectAll(rows, (r) => tCdf(-r[0], r[1]), (r) => r[2], at);
    expectAll(rows, (r) => tSurvival(-r[0], r[1]), (r) => r[3], at);
  });
  it('tTwoSided: P(|T| ≥ |t|) = 2·P(T > |t|), either sign', () => {
    expectAll(rows, (r) => tTwoSided(r[0], r[1]), (r) => 2 * r[2], at);
    expectAll(rows, (r) => tTwoSided(-r[0], r[1]), (r) => 2 * r[2], at);
  });
  it(`tQuantile: ${fx.tQuantile.length} quantiles, p from 1e-300 to 1 − 2⁻⁵³`, () => {
    expectAll(fx.tQuantile, (r) => tQuantile(r[0], r[1]), (r) => r[2], (r) => `p = ${r[0]}, df = ${r[1]}`);
  });
  it('tQuantile inverts tSurvival to 1e-12 and gives t₀.₉₇₅,₅ = 2.5705818356363155', () => {
    for (const df of [1, 1.5, 3, 5, 30, 1000, 1e7]) {
      for (const q of [0.3, 0.025, 1e-5, 1e-50, 1e-300]) {
        const t = -tQuantile(q, df); // the upper q-quantile: P(T > t) = q
        expect(Math.abs(tSurvival(t, df) - q)).toBeLessThanOrEqual(TOL * q);
      }
    }
    for (const [p, t] of [[0.975, 2.5705818356363155], [0.025, -2.5705818356363155]]) {
      expect(Math.abs(tQuantile(p, 5) / t - 1)).toBeLessThanOrEqual(2.3e-16); // 1 ulp
    }
  });
});

describe('F against mpmath', () => {
  const rows: Row[] = fx.f;
  const at = (r: number[]) => `f = ${r[0]}, d = (${r[1]}, ${r[2]})`;
  it(`fSurvival: P(F > f), ${rows.length} values`, () => expectAll(rows, (r) => fSurvival(r[0], r[1], r[2]), (r) => r[3], at));
  it('fCdf: P(F ≤ f)', () => expectAll(rows, (r) => fCdf(r[0], r[1], r[2]), (r) => r[4], at));
});

describe('χ² against mpmath', () => {
  const rows: Row[] = fx.chi2;
  const at = (r: number[]) => `x = ${r[0]}, k = ${r[1]}`;
  it(`chi2Survival: P(X² > x), ${rows.length} values`, () => expectAll(rows, (r) => chi2Survival(r[0], r[1]), (r) => r[2], at));
  it('chi2Cdf: P(X² ≤ x)', () => expectAll(rows, (r) => chi2Cdf(r[0], r[1]), (r) => r[3], at));
});

describe('normal against mpmath', () => {
  const at = (r: number[]) => `z = ${r[0]}`;
  it('normalSurvival, normalCdf, normalTwoSided', () => {
    expectAll(fx.normal, (r) => normalSurvival(r[0]), (r) => r[1], at);
    expectAll(fx.normal, (r) => normalCdf(-r[0]), (r) => r[1], at);
    expectAll(fx.normal.filter((r: number[]) => r[0] >= 0), (r) => normalTwoSided(-r[0]), (r) => 2 * r[1], at);
  });
  it('normalQuantile, p from 1e-300 to 1 − 2⁻⁵³', () => {
    expectAll(fx.normalQuantile, (r) => normalQuantile(r[0]), (r) => r[1], (r) => `p = ${r[0]}`);
  });
  it('t with df = Infinity is the normal', () => {
    for (const z of [0.3, 1.96, 8, 37]) {
      expect(tSurvival(z, Infinity)).toBe(normalSurvival(z));
      expect(tTwoSided(-z, Infinity)).toBe(normalTwoSided(z));
    }
    expect(tQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
  });
});

describe('edge values', () => {
  it('zeros, infinities, NaN', () => {
    expect([tTwoSided(0, 5), tSurvival(0, 5), tCdf(0, 5), tTwoSided(Infinity, 5), tTwoSided(-Infinity, 5)]).toEqual([1, 0.5, 0.5, 0, 0]);
    expect([tSurvival(Infinity, 3), tSurvival(-Infinity, 3), tCdf(-Infinity, 3)]).toEqual([0, 1, 0]);
    expect([fSurvival(0, 2, 5), fSurvival(-1, 2, 5), fCdf(0, 2, 5), fSurvival(Infinity, 2, 5)]).toEqual([1, 1, 0, 0]);
    expect([chi2Survival(0, 3), chi2Cdf(0, 3), chi2Survival(Infinity, 3), chi2Cdf(Infinity, 3)]).toEqual([1, 0, 0, 1]);
    expect([tQuantile(0, 4), tQuantile(1, 4), tQuantile(0.5, 4)]).toEqual([-Infinity, Infinity, 0]);
    expect([normalQuantile(0), normalQuantile(1), normalSurvival(Infinity), normalSurvival(-Infinity)]).toEqual([-Infinity, Infinity, 0, 1]);
    for (const v of [tTwoSided(NaN, 5), tTwoSided(1, 0), tTwoSided(1, -1), tTwoSided(1, NaN), tSurvival(NaN, 3),
      fSurvival(NaN, 1, 2), fSurvival(1, 0, 2), fSurvival(1, 2, NaN), chi2Survival(1, 0), chi2Cdf(NaN, 2),
      tQuantile(NaN, 3), tQuantile(1.5, 3), tQuantile(-0.1, 3), tQuantile(0.5, 0), normalQuantile(NaN), normalSurvival(NaN)]) {
      expect(v).toBeNaN();
    }
  });
  it('arguments whose squares overflow or underflow keep their digits', () => {
    // df = 1 is the Cauchy distribution: P(T > t) = atan(1/t)/π ≈ 1/(πt) (to 1e-13: ln p ≈ −690)
    for (const t of [1e150, 1e200, 1e300]) expect(Math.abs(tSurvival(t, 1) * Math.PI * t - 1)).toBeLessThan(1e-13);
    // p just above ½: t ≈ (p − ½)/f(0), f(0) = 2/(π√3) at df = 3
    expect(Math.abs(tQuantile(0.5000000000000001, 3) * (2 / (Math.PI * Math.sqrt(3))) / 1.1102230246251565e-16 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(tQuantile(1e-300, 1) * Math.PI * 1e-300 + 1)).toBeLessThan(1e-14);
  });
});

describe('no runtime dependencies', () => {
  it('nothing under src/ imports a package (no @stdlib)', () => {
    const root = new URL('../src/', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    const importers = files.filter((f) => /from\s+['"]@stdlib|import\(\s*['"]@stdlib|require\(\s*['"]@stdlib/.test(readFileSync(f, 'utf8')));
    expect(importers).toEqual([]);
    const stats = files.filter((f) => f.includes('/stats/'));
    for (const f of stats) {
      const specifiers = [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
      expect(specifiers.filter((s) => !s.startsWith('.')), f).toEqual([]);
    }
  });
});
