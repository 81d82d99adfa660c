// `linreg fit` end to end on the seed and NIST Longley: the printed table is the library's String(summary),
// --json holds the library's numbers to the bit, --save gives the library's saved model, and Longley's
// coefficients are NIST's certified values.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import longley from '../fixtures/nist-strd/Longley.json';
import { bits, fixture, libraryFit, linreg } from './run.js';

const seed = fixture('seed.csv'), longleyCsv = fixture('longley.csv');

describe('linreg fit', () => {
  it('prints the seed fit as statsmodels does, with the rank warning in column names', async () => {
    const r = linreg(['fit', seed, '--y', 'y']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const model = await libraryFit(seed, { target: 'y' });
    expect(r.stdout).toBe(`${String(model.summary())}\n`);
    expect(r.stdout).toContain('OLS Regression Results');
    expect(r.stdout).toMatch(/x2 ≈ x1 \+ 1/);
  });

  it('gives the library\'s numbers to the bit in --json (seed and Longley, nonrobust and HC3, level 0.9)', async () => {
    for (const [file, y, extra, opts] of [
      [seed, 'y', [], {}],
      [longleyCsv, 'TOTEMP', [], {}],
      [longleyCsv, 'TOTEMP', ['--cov', 'HC3', '--level', '0.9'], { covType: 'HC3', level: 0.9 }],
    ] as const) {
      const r = linreg(['fit', file, '--y', y, '--json', ...extra]);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      const model = await libraryFit(file, { target: y });
      expect(bits(out.summary)).toEqual(bits(model.summary(opts).toJSON()));
      expect(bits(out.model)).toEqual(bits(JSON.parse(JSON.stringify(model.toJSON()))));
      expect(out.rows).toBe(model.summary().nobs);
    }
  });

  it('names Longley\'s columns and finds NIST\'s certified coefficients', () => {
    const out = JSON.parse(linreg(['fit', longleyCsv, '--y', 'TOTEMP', '--json']).stdout);
    expect(out.summary.names).toEqual(['const', 'GNPDEFL', 'GNP', 'UNEMP', 'ARMED', 'POP', 'YEAR']);
    out.summary.params.forEach((b: number, j: number) => {
      const cert = longley.certified.parameters[j];
      expect(Math.abs(b - cert) / Math.abs(cert)).toBeLessThan(1e-12);
    });
    out.summary.standardErrors.forEach((se: number, j: number) => {
      expect(Math.abs(se - longley.certified.standardDeviations[j]) / longley.certified.standardDeviations[j]).toBeLessThan(1e-10);
    });
  });

  it('--exclude, --x and --no-intercept choose the design as the library would', async () => {
    const a = JSON.parse(linreg(['fit', longleyCsv, '--y', 'TOTEMP', '--exclude', 'YEAR,POP', '--json']).stdout);
    const b = JSON.parse(linreg(['fit', longleyCsv, '--y', 'TOTEMP', '--x', 'GNPDEFL,GNP,UNEMP,ARMED', '--json']).stdout);
    const lib = await libraryFit(longleyCsv, { target: 'TOTEMP', features: ['GNPDEFL', 'GNP', 'UNEMP', 'ARMED'] });
    expect(bits(a.summary)).toEqual(bits(lib.summary().toJSON()));
    expect(bits(b.summary)).toEqual(bits(lib.summary().toJSON()));
    const c = JSON.parse(linreg(['fit', longleyCsv, '--y', 'TOTEMP', '--x', 'GNP,YEAR', '--no-intercept', '--json']).stdout);
    const noInt = await libraryFit(longleyCsv, { target: 'TOTEMP', features: ['GNP', 'YEAR'] }, false);
    expect(bits(c.summary)).toEqual(bits(noInt.summary().toJSON()));
    expect(c.summary.names).toEqual(['GNP', 'YEAR']);
  });

  it('--weights fits WLS; --save writes the library\'s model; --one-pass leaves the diagnostics out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linreg-cli-'));
    const saved = join(dir, 'model.json');
    const r = linreg(['fit', longleyCsv, '--y', 'TOTEMP', '--x', 'GNP,UNEMP,ARMED', '--weights', 'POP', '--save', saved]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('WLS Regression Results');
    const lib = await libraryFit(longleyCsv, { target: 'TOTEMP', features: ['GNP', 'UNEMP', 'ARMED'], weight: 'POP' });
    expect(r.stdout).toBe(`${String(lib.summary())}\n`);
    const { csv, ...json } = JSON.parse(readFileSync(saved, 'utf8'));
    expect(bits(json)).toEqual(bits(JSON.parse(JSON.stringify(lib.toJSON()))));
    expect(csv).toEqual({ features: ['GNP', 'UNEMP', 'ARMED'], levels: {} });
    const one = linreg(['fit', longleyCsv, '--y', 'TOTEMP', '--one-pass', '--json']);
    expect(JSON.parse(one.stdout).summary.durbinWatson).toBeNull();
    expect(JSON.parse(one.stdout).passes).toBe(1);
  });
});
