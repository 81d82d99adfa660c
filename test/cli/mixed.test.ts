// The mixed table (numbers, two text columns, missing cells) of scripts/fixtures/mixed_table.py:
// `linreg fit` gives statsmodels' formula fit ols('y ~ x1 + x2 + C(color) + C(size)'), drops and
// counts the same rows, and equals the library to the bit; predict encodes new rows with the saved
// levels; --missing error and an unknown level are one line and exit 2.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinearRegression } from '../../src/index.js';
import reference from '../fixtures/mixed-table.json';
import { bits, libraryFit, linreg, root } from './run.js';

const table = join(root, 'test/fixtures/mixed-table.csv');
const PATSY_ORDER = ['color', 'size', 'x1', 'x2'];

describe('linreg fit on a table with text columns and missing cells', () => {
  it('is statsmodels\' formula fit, with patsy\'s names, and the library\'s numbers to the bit', async () => {
    const r = linreg(['fit', table, '--y', 'y', '--x', PATSY_ORDER.join(','), '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.summary.names).toEqual(['const', ...reference.names.slice(1)]);
    out.summary.params.forEach((b: number, j: number) => expect(Math.abs(b - reference.params[j])).toBeLessThan(1e-10));
    out.summary.standardErrors.forEach((se: number, j: number) => expect(Math.abs(se - reference.bse[j])).toBeLessThan(1e-10));
    expect(Math.abs(out.summary.rSquared - reference.rsquared)).toBeLessThan(1e-10);
    expect(out.summary.nobs).toBe(reference.nobs);
    expect(out.dropped).toEqual({ rows: reference.dropped, byColumn: reference.droppedByColumn });
    expect(out.levels).toEqual(reference.levels);
    const model = await libraryFit(table, { target: 'y', features: PATSY_ORDER });
    expect(bits(out.summary)).toEqual(bits(model.summary().toJSON()));
  });

  it('prints the table and the dropped rows; the CSV\'s own column order by default', () => {
    const r = linreg(['fit', table, '--y', 'y']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^color\[T\.green\] +0\.8555 /m);
    expect(r.stdout).toContain('Rows dropped for a missing value: 7 of 210 (x1 2, color 1, x2 2, size 2, y 1)');
    const names = JSON.parse(linreg(['fit', table, '--y', 'y', '--json']).stdout).features;
    expect(names).toEqual(['x1', 'color[T.green]', 'color[T.red]', 'x2', 'size[T.M]', 'size[T.S]', 'size[T.XL]']);
  });

  it('--levels sets the reference; --categorical reads a numeric column as levels', () => {
    const out = JSON.parse(linreg(['fit', table, '--y', 'y', '--levels', 'size=S,M,L,XL', '--json']).stdout);
    expect(out.features).toEqual(['x1', 'color[T.green]', 'color[T.red]', 'x2', 'size[T.M]', 'size[T.L]', 'size[T.XL]']);
    const dir = mkdtempSync(join(tmpdir(), 'linreg-cli-'));
    writeFileSync(join(dir, 'grade.csv'), 'grade,x,y\n1,0.5,2\n2,0.1,3.5\n3,0.9,6\n1,0.3,1.7\n2,0.7,4.1\n3,0.2,5.2\n');
    const g = JSON.parse(linreg(['fit', join(dir, 'grade.csv'), '--y', 'y', '--categorical', 'grade', '--json']).stdout);
    expect(g.features).toEqual(['grade[T.2]', 'grade[T.3]', 'x']);
  });

  it('--missing error stops at the first missing cell with one line, exit 2', () => {
    const r = linreg(['fit', table, '--y', 'y', '--missing', 'error']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^linreg: \S*mixed-table\.csv line 5, column 1 \(x1\) is missing \(empty\)[^\n]*\n$/);
  });

  it('train reads the same design', () => {
    const out = JSON.parse(linreg(['train', table, '--y', 'y', '--optimizer', 'adam', '--lr', '0.05', '--iterations', '2000', '--json']).stdout);
    expect(out.features).toHaveLength(7);
    expect(out.rows).toBe(203);
    expect(out.dropped.rows).toBe(7);
    out.weight.forEach((w: number, j: number) => expect(Math.abs(w - out.closedForm.coef[j])).toBeLessThan(1e-3));
  });
});

describe('linreg predict with a saved categorical model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linreg-cli-'));
  const saved = join(dir, 'model.json');

  it('encodes new rows with the saved levels (the reference level included)', () => {
    expect(linreg(['fit', table, '--y', 'y', '--save', saved]).code).toBe(0);
    const json = JSON.parse(readFileSync(saved, 'utf8'));
    expect(json.csv).toEqual({ features: ['x1', 'color', 'x2', 'size'], levels: reference.levels });
    writeFileSync(join(dir, 'new.csv'), 'size,x2,color,x1\nL,0.5,blue,1\nXL,-1,red,0.25\nM,0,green,2\n');
    const r = linreg(['predict', saved, join(dir, 'new.csv')]);
    expect(r.stderr).toBe('');
    // x1, color[T.green], color[T.red], x2, size[T.M], size[T.S], size[T.XL]
    const X = [[1, 0, 0, 0.5, 0, 0, 0], [0.25, 0, 1, -1, 0, 0, 1], [2, 1, 0, 0, 1, 0, 0]];
    const model = LinearRegression.fromJSON(json);
    expect(r.stdout).toBe(`prediction\n${Array.from(model.predict(X), String).join('\n')}\n`);
  });

  it('an unseen level or a missing cell is one line and exit 2', () => {
    writeFileSync(join(dir, 'purple.csv'), 'x1,color,x2,size\n1,blue,0.5,L\n1,purple,0.5,L\n');
    const p = linreg(['predict', saved, join(dir, 'purple.csv')]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/^linreg: \S*purple\.csv line 3, column 2 \(color\): "purple" is not one of the levels[^\n]*\n$/);
    writeFileSync(join(dir, 'gap.csv'), 'x1,color,x2,size\n1,blue,0.5,L\n1,blue,NA,L\n');
    const g = linreg(['predict', saved, join(dir, 'gap.csv')]);
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/^linreg: \S*gap\.csv line 3, column 3 \(x2\) is missing[^\n]*\n$/);
  });
});
