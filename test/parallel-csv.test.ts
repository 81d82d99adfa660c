// fitCsvParallel (linreg-wasm/parallel, issue 13.3): equals fitStream(csvFile(path)) to 1e-12
// (coefficients, intercept, standard errors, R²) for 1, 2 and 3 workers, with columns chosen by
// name, weights, ignored columns, no intercept, no header, CRLF, a categorical column and dropped
// rows; the same worker count gives the same bits; a bad line found by a worker raises the CsvError
// csvFile(path) raises (same message, line counted from the top of the file, column), the first in
// the file when several ranges fail;
// bad options, a missing file, a bad header are refused before any worker starts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtModules } from '../scripts/built-wasm.js';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LinearRegression } from '../src/index.js';
import { CsvError, csvFile, type CsvOptions } from '../src/csv/index.js';
import { closeParallel, fitCsvParallel, type CsvParallelOptions } from '../src/parallel/index.js';
import { startNodePool } from '../src/parallel/pool-node.js';
import { expectSameFit, rng } from './same-fit.js';

// Counts pool starts: bad input must be refused before any worker starts.
vi.mock('../src/parallel/pool-node.js', async (original) => {
  const mod = await original<typeof import('../src/parallel/pool-node.js')>();
  return { startNodePool: vi.fn(mod.startNodePool) };
});

const wasm = builtModules();
const dir = mkdtempSync(path.join(os.tmpdir(), 'linreg-parallel-csv-'));
afterAll(async () => {
  await closeParallel();
  rmSync(dir, { recursive: true, force: true });
});


interface Gen { rows: number; header?: boolean; delimiter?: string; crlf?: boolean }

/**
 * A CSV of `rows` rows: id, x1, w, x2, x3, y (w in [0.25, 4.25], y = 1.5 + x1 − 2·x2 + 0.5·x3 + noise,
 * R² about 0.85: with R² near 1, the standard errors of any chunked fit, fitStream's included, agree
 * only to ~1e-11, docs/parallel.md "Accuracy").
 */
function writeCsv(name: string, seed: number, { rows, header = true, delimiter = ',', crlf = false }: Gen): string {
  const r = rng(seed), eol = crlf ? '\r\n' : '\n', lines: string[] = [];
  if (header) lines.push(['id', 'x1', 'w', 'x2', 'x3', 'y'].join(delimiter));
  for (let i = 0; i < rows; i++) {
    const x = [0, 1, 2].map(() => Math.round((r() - 0.5) * 2 ** 20) / 2 ** 10);
    const y = 1.5 + x[0] - 2 * x[1] + 0.5 * x[2] + (r() - 0.5) * 1000;
    lines.push([`row-${i}`, x[0], (0.25 + r() * 4).toFixed(3), x[1], x[2], y.toFixed(9)].join(delimiter));
  }
  const file = path.join(dir, name);
  writeFileSync(file, lines.join(eol) + eol);
  return file;
}

/** color (red, green, blue: categorical), x1, x2, y; every 97th row's x2 is empty (dropped by default). */
function writeMixed(name: string, seed: number, rows: number): string {
  const r = rng(seed), colors = ['red', 'green', 'blue'], effect = [0, 30, -20], lines = ['color,x1,x2,y'];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(r() * 3), x1 = Math.round((r() - 0.5) * 2 ** 16) / 2 ** 6, x2 = Math.round((r() - 0.5) * 2 ** 16) / 2 ** 6;
    const y = 2 + x1 - x2 + effect[c] + (r() - 0.5) * 2000;
    lines.push([colors[c], x1, i % 97 === 50 ? '' : x2, y.toFixed(9)].join(','));
  }
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function streamed(file: string, csv: CsvOptions, fitIntercept = true): Promise<LinearRegression> {
  const data = csvFile(file, csv);
  return new LinearRegression({ fitIntercept }).fitStream(data, await data.names);
}


const failure = (run: () => Promise<unknown>) => run().then(() => undefined, (error: unknown) => error);

describe('fitCsvParallel equals fitStream(csvFile(path)) (1e-12)', () => {
  const cases: [string, () => string, CsvOptions, boolean][] = [
    ['20 000 rows, columns by name, id ignored, 4 096-row chunks', () => writeCsv('plain.csv', 1, { rows: 20_000 }), { target: 'y', features: ['x1', 'x2', 'x3'], weight: 'w', chunkRows: 4096 }, true],
    ['weights, no intercept, CRLF', () => writeCsv('crlf.csv', 2, { rows: 3001, crlf: true }), { weight: 'w', features: [1, 3, 4] }, false],
    ['no header, ";", target and weight by index, 70 000 rows in default chunks', () => writeCsv('nohead.csv', 3, { rows: 70_000, header: false, delimiter: ';' }), { header: false, delimiter: ';', target: 5, weight: 2, features: [1, 3, 4] }, true],
    ['5 rows (ranges without a row)', () => writeCsv('tiny.csv', 4, { rows: 5 }), { features: ['x1', 'x2'] }, true],
    ['a text column (categorical, its levels found once), empty cells (rows dropped), 30 000 rows', () => writeMixed('mixed.csv', 8, 30_000), {}, true],
  ];
  it.each(cases)('%s: workers 1, 2, 3; a worker count gives the same bits again', async (_, make, csv, fitIntercept) => {
    const file = make();
    const want = await streamed(file, csv, fitIntercept);
    for (const workers of [1, 2, 3]) {
      const got = await fitCsvParallel(file, { ...csv, workers, fitIntercept, wasm });
      expectSameFit(got, want);
      expect(got.fitIntercept).toBe(fitIntercept);
      const again = await fitCsvParallel(file, { ...csv, workers, fitIntercept, wasm });
      expect(Array.from(again.coef)).toEqual(Array.from(got.coef));
      expect(again.summary().standardErrors).toEqual(got.summary().standardErrors);
    }
  });

  it('a file: URL reads as its path; the result is a partial fit that merges and saves its state', async () => {
    const file = writeCsv('url.csv', 5, { rows: 900 });
    const got = await fitCsvParallel(new URL(`file://${file}`), { workers: 2, wasm, weight: 'w', features: ['x1', 'x2', 'x3'] });
    const want = await streamed(file, { weight: 'w', features: ['x1', 'x2', 'x3'] });
    expectSameFit(got, want);
    expect(got.summary().names).toEqual(['const', 'x1', 'x2', 'x3']);
    expect(LinearRegression.fromBytes(got.toBytes()).coef).toEqual(got.coef);
    const other = await streamed(file, { weight: 'w', features: ['x1', 'x2', 'x3'] });
    expect(got.merge(other).summary().nobs).toBe(1800);
  });
});

describe('a bad line found by a worker: the CsvError csvFile(path) raises', () => {
  // 40 000 rows (~2 MB): the bad lines lie past what is read before the workers start (64 KiB)
  const base = writeCsv('base.csv', 6, { rows: 40_000 });
  const lines = readFileSync(base, 'utf8').split('\n');
  const spoil = (name: string, edits: [number, (line: string) => string][]): string => {
    const copy = lines.slice();
    for (const [line, edit] of edits) copy[line - 1] = edit(copy[line - 1]);
    const file = path.join(dir, name);
    writeFileSync(file, copy.join('\n'));
    return file;
  };
  const cell = (j: number, text: string) => (line: string) => line.split(',').map((c, k) => (k === j ? text : c)).join(',');
  const cases: [string, [number, (line: string) => string][], Partial<CsvError>][] = [
    ['a word three quarters into the file (line 30 001)', [[30_001, cell(3, 'abc')]], { code: 'not-a-number', line: 30_001, column: 4, columnName: 'x2', cell: 'abc' }],
    ['an empty cell in the first range, past the first 64 KiB', [[5_000, cell(5, '')]], { line: 5_000, column: 6, columnName: 'y' }],
    ['a short row in the last range (line 39 990)', [[39_990, (l) => l.split(',').slice(0, 4).join(',')]], { code: 'ragged', line: 39_990 }],
    ['two bad lines in two ranges, the later one met first by a worker: the first in the file is named', [[35_000, cell(1, 'x')], [21_000, cell(4, '1e999')]], { code: 'not-a-number', line: 21_000, column: 5, cell: '1e999' }],
  ];
  it.each(cases)('%s', async (name, edits, facts) => {
    const file = spoil(`${name.replace(/\W+/g, '-')}.csv`, edits);
    const csv = { weight: 'w', features: ['x1', 'x2', 'x3'], missing: 'error' as const };
    const want = (await failure(() => streamed(file, csv))) as CsvError;
    expect(want).toBeInstanceOf(CsvError);
    expect(want).toMatchObject(facts);
    for (const workers of [2, 3]) {
      const got = await failure(() => fitCsvParallel(file, { ...csv, workers, wasm }));
      expect(got).toBeInstanceOf(CsvError);
      expect(got).toMatchObject({ message: want.message, code: want.code, line: want.line, column: want.column, columnName: want.columnName, cell: want.cell });
    }
  });
});

describe('bad input is refused before any worker starts', () => {
  const good = writeCsv('good.csv', 7, { rows: 50 });
  const write = (name: string, text: string) => { const f = path.join(dir, name); writeFileSync(f, text); return f; };
  const bad: [string, unknown, Record<string, unknown>, new (...args: never[]) => Error, RegExp | string][] = [
    ['workers missing', good, {}, TypeError, /options.workers is required/],
    ['workers 0', good, { workers: 0 }, RangeError, 'workers must be an integer ≥ 1, got 0'],
    ['workers 1.5', good, { workers: 1.5 }, RangeError, 'workers must be an integer ≥ 1, got 1.5'],
    ['workers "2"', good, { workers: '2' }, TypeError, /workers/],
    ['a range (the ranges are fitCsvParallel\'s)', good, { workers: 2, range: { start: 0 } }, TypeError, 'fitCsvParallel: unknown option "range": the byte ranges are its own, one per worker'],
    ['an unknown option (csvFile\'s check)', good, { workers: 2, threads: 2 }, TypeError, /unknown CSV option "threads"/],
    ['fitIntercept not a boolean', good, { workers: 2, fitIntercept: 'yes' }, TypeError, 'fitIntercept must be true or false, got "yes"'],
    ['chunkRows 0 (csvFile\'s check)', good, { workers: 2, chunkRows: 0 }, RangeError, 'chunkRows must be a positive integer, got 0'],
    ['a quote as delimiter', good, { workers: 2, delimiter: '"' }, RangeError, /delimiter must be one character/],
    ['a path that is a number', 42, { workers: 2 }, TypeError, 'fitCsvParallel: path must be a file path or a file: URL, got 42'],
    ['a missing file', path.join(dir, 'nope.csv'), { workers: 2 }, Error, /ENOENT/],
    ['a target the header lacks', good, { workers: 2, target: 'price' }, CsvError, `${good}: no column named "price" for the target; the header has "id", "x1", "w", "x2", "x3", "y"`],
    ['weight = target', good, { workers: 2, weight: 'y' }, RangeError, /weight and target are the same column/],
    ['an empty file', write('empty.csv', ''), { workers: 2 }, CsvError, /empty.csv is empty$/],
    ['a header and no rows', write('head.csv', 'a,y\n'), { workers: 2 }, CsvError, /head.csv has a header but no rows$/],
    ['a bad second line', write('early.csv', 'a,y\n1,2\n3,x\n'), { workers: 2 }, CsvError, /early.csv line 3, column 2 \(y\): "x" is not a number/],
    ['missing: \'maybe\' (csvFile\'s check)', good, { workers: 2, missing: 'maybe' }, RangeError, /missing must be 'drop' or 'error'/],
  ];
  it.each(bad)('%s', async (_, file, options, kind, message) => {
    await closeParallel();
    const starts = vi.mocked(startNodePool).mock.calls.length;
    const error = await failure(() => fitCsvParallel(file as string, { ...options, wasm } as unknown as CsvParallelOptions));
    expect(error).toBeInstanceOf(kind);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    expect(vi.mocked(startNodePool).mock.calls.length).toBe(starts);
  });
});
