// linreg-wasm/csv, tables to designs: statsmodels' fit of a mixed table (scripts/fixtures/mixed_table.py)
// from the CSV; then by contract: level order, forced and given levels, missing values (drop and
// count, or the error naming line and column), the limit on levels, one-shot streams, byte ranges,
// and that numeric-only CSVs are read in one pass as before.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LinearRegression } from '../src/index.js';
import { csvChunks, csvFile, fileRanges, CsvError, type CsvOptions, type CsvSource } from '../src/csv/index.js';
import { sortLevels } from '../src/csv/design.js';
import fixture from './fixtures/mixed-table.json' with { type: 'json' };

const TABLE = new URL('./fixtures/mixed-table.csv', import.meta.url).pathname;

async function rows(source: CsvSource): Promise<number[][]> {
  const out: number[][] = [];
  for await (const c of source) c.X.forEach((r, i) => out.push([...r, c.y[i], ...(c.sampleWeight ? [c.sampleWeight[i]] : [])]));
  return out;
}

async function failure(run: () => Promise<unknown>): Promise<CsvError> {
  const e = await run().then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(CsvError);
  return e as CsvError;
}

const close = (got: ArrayLike<number>, want: number[], tol: number) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i] - w), `entry ${i}: ${got[i]} vs ${w}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(w))));
};

describe('statsmodels: ols("y ~ x1 + x2 + C(color) + C(size)") of test/fixtures/mixed-table.csv', () => {
  it("fitStream over csvFile gives its names in its order, params, bse and R² to 1e-10, nobs, and the rows dropped", async () => {
    // patsy puts categorical terms before numeric ones: the features listed in that order give its columns' order
    const data = csvFile(TABLE, { target: 'y', features: ['color', 'size', 'x1', 'x2'] });
    expect(await data.featureNames).toEqual(fixture.names.slice(1));
    const model = await new LinearRegression().fitStream(data, await data.names);
    const s = model.summary();
    expect(s.names).toEqual(['const', ...fixture.names.slice(1)]);
    close(s.params, fixture.params, 1e-10);
    close(s.standardErrors, fixture.bse, 1e-10);
    expect(Math.abs(s.rSquared - fixture.rsquared)).toBeLessThanOrEqual(1e-10);
    expect(s.nobs).toBe(fixture.nobs);
    expect(await data.dropped).toEqual({ rows: fixture.dropped, byColumn: fixture.droppedByColumn });
    expect(await data.levels).toEqual(fixture.levels);
    expect(model.warnings).toEqual([]);
  });

  it("in the CSV's own column order (the default features) the same coefficients, by name", async () => {
    const data = csvFile(TABLE, { target: 'y' });
    expect(await data.featureNames).toEqual(['x1', 'color[T.green]', 'color[T.red]', 'x2', 'size[T.M]', 'size[T.S]', 'size[T.XL]']);
    const s = (await new LinearRegression().fitStream(data, await data.names)).summary();
    const want = new Map(fixture.names.map((name, i) => [name === 'Intercept' ? 'const' : name, fixture.params[i]]));
    s.names.forEach((name, i) => expect(Math.abs(s.params[i] - want.get(name)!)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want.get(name)!))));
    expect(s.nobs).toBe(fixture.nobs);
  });

  it('the same from a string, a Blob, and a stream given the levels; every chunk size', async () => {
    const text = readFileSync(TABLE, 'utf8');
    const opts: CsvOptions = { target: 'y', chunkRows: 17 };
    const want = await rows(csvFile(TABLE, opts));
    expect(want.length).toBe(fixture.nobs);
    expect(await rows(csvChunks(text, opts))).toEqual(want);
    expect(await rows(csvChunks(new Blob([text]), { ...opts, chunkRows: 1 }))).toEqual(want);
    const stream = csvChunks(Readable.from([text.slice(0, 999), text.slice(999)]), { ...opts, levels: fixture.levels });
    expect(await rows(stream)).toEqual(want);
    expect((await stream.dropped).rows).toBe(fixture.dropped);
  });
});

describe('levels: found, sorted as patsy sorts them, encoded against the first', () => {
  it('text by code point (Python str order: digits, capitals, small letters, then é, then astral)', () => {
    expect(sortLevels(['b', 'B', 'a', 'é', 'Z', '1', '10', '2'])).toEqual(['1', '10', '2', 'B', 'Z', 'a', 'b', 'é']);
    expect(sortLevels(['\u{1F600}', '\uFF21', 'a'])).toEqual(['a', '\uFF21', '\u{1F600}']); // JS's < would put the emoji (a surrogate) first
  });

  it('a column of numbers only (pandas reads it as numbers) in numeric order', () => {
    expect(sortLevels(['10', '9', '2', '-1', '2.5'])).toEqual(['-1', '2', '2.5', '9', '10']);
  });

  it('X: 0/1 columns named col[T.level] after the reference, a missing row dropped', async () => {
    const src = csvChunks('x,color,y\n1,red,1\n2,blue,2\n3,green,3\n4,red,4\n5,,5\n6,blue,6\n');
    expect(await src.featureNames).toEqual(['x', 'color[T.green]', 'color[T.red]']);
    expect(await rows(src)).toEqual([[1, 0, 1, 1], [2, 0, 0, 2], [3, 1, 0, 3], [4, 0, 1, 4], [6, 0, 0, 6]]);
    expect(await src.dropped).toEqual({ rows: 1, byColumn: { color: 1 } });
    expect(await src.levels).toEqual({ color: ['blue', 'green', 'red'] });
  });

  it('text anywhere in the first 1000 rows makes a column categorical, whatever its other cells', async () => {
    const src = csvChunks('g,y\n1,1\n2,2\nb,3\n10,4\n');
    expect(await src.featureNames).toEqual(['g[T.10]', 'g[T.2]', 'g[T.b]']); // strings: "1" < "10" < "2" < "b"
    expect(await rows(src)).toEqual([[0, 0, 0, 1], [0, 1, 0, 2], [0, 0, 1, 3], [1, 0, 0, 4]]);
  });

  it('categorical: [col] makes a numeric column categorical (patsy\'s C(col)), levels in numeric order', async () => {
    const src = csvChunks('n,x,y\n10,1,1\n2,2,2\n9,3,3\n2,4,4\n', { categorical: ['n'] });
    expect(await src.featureNames).toEqual(['n[T.9]', 'n[T.10]', 'x']);
    expect(await rows(src)).toEqual([[0, 1, 1, 1], [0, 0, 2, 2], [1, 0, 3, 3], [0, 0, 4, 4]]);
    const byIndex = csvChunks('n,x,y\n10,1,1\n2,2,2\n', { categorical: [0] });
    expect(await byIndex.featureNames).toEqual(['n[T.10]', 'x']);
  });

  it('levels given keep their order (the first is the reference); a cell not among them is a CsvError', async () => {
    const text = 'color,y\nred,1\nblue,2\ngreen,3\n';
    const src = csvChunks(text, { levels: { color: ['red', 'green', 'blue'] } });
    expect(await src.featureNames).toEqual(['color[T.green]', 'color[T.blue]']);
    expect(await rows(src)).toEqual([[0, 0, 1], [0, 1, 2], [1, 0, 3]]);
    const e = await failure(() => rows(csvChunks(text, { levels: { color: ['red', 'blue'] } })));
    expect(e).toMatchObject({ code: 'unknown-level', line: 4, column: 1, columnName: 'color', cell: 'green' });
    expect(e.message).toBe('CSV line 4, column 1 (color): "green" is not one of the levels given for color ("red", "blue")');
  });

  it('header: false: dummies after the x-name, levels keyed by the column index', async () => {
    const src = csvChunks('a,1,5\nb,2,6\na,3,7\n', { header: false });
    expect(await src.featureNames).toEqual(['x1[T.b]', 'x2']);
    expect(await src.levels).toEqual({ 0: ['a', 'b'] });
    expect(await rows(csvChunks('a,1,5\nb,2,6\n', { header: false, levels: { 0: ['b', 'a'] } }))).toEqual([[1, 1, 5], [0, 2, 6]]);
  });

  it('quoted levels, CRLF, a categorical last column, blank lines: as the exact reader reads them', async () => {
    const text = 'y,x,color\r\n1,1,"red"\r\n2,2,"a,b"\r\n\r\n3,3,red\r\n4,4,"say ""hi"""\r\n5,5,blue\r\n';
    const src = csvChunks(text, { target: 'y' });
    expect(await src.featureNames).toEqual(['x', 'color[T.blue]', 'color[T.red]', 'color[T.say "hi"]']);
    expect(await rows(src)).toEqual([[1, 0, 1, 0, 1], [2, 0, 0, 0, 2], [3, 0, 1, 0, 3], [4, 0, 0, 1, 4], [5, 1, 0, 0, 5]]);
    const plain = csvChunks('y,color\r\n1,red\r\n2,blue\r\n3,red\r\n', { target: 'y' }); // uDSV leaves \r on the last cell
    expect(await plain.featureNames).toEqual(['color[T.red]']);
  });

  it('50 000 rows through the fast path (many pieces, CRLF and LF, quotes or none) equal a direct encoding', async () => {
    const L = ['north', 'east', 'south', 'west', 'é'];
    for (const [eol, quote] of [['\n', ''], ['\r\n', ''], ['\r\n', '"'], ['\n', '"']]) {
      const lines = ['x,region,y'], want: number[][] = [];
      for (let i = 0; i < 50_000; i++) {
        const level = L[(i * 7) % 5], x = (i % 97) / 8, gap = i % 1013 === 5;
        lines.push(`${gap ? 'NA' : x},${quote}${level}${quote},${i}`);
        const sorted = ['east', 'north', 'south', 'west', 'é'];
        if (!gap) want.push([x, ...sorted.slice(1).map((l) => (l === level ? 1 : 0)), i]);
      }
      const src = csvChunks(lines.join(eol) + eol, { chunkRows: 4096 });
      expect(await rows(src), JSON.stringify([eol, quote])).toEqual(want);
      expect((await src.dropped).rows).toBe(50_000 - want.length);
    }
  });
});

describe('missing values: empty, blank, NA, NaN', () => {
  const text = 'a,g,w,y\n1,p,1,1\n,p,1,2\n3,NA,1,3\n4,q,NaN,4\n5,q,1,  \n6, NA ,,\n7,nan,1,7\n8,N/A,1,8\n';

  it("missing: 'drop' (the default) skips the row and counts it, in all and per column (a row can count twice)", async () => {
    const src = csvChunks(text, { weight: 'w' });
    expect(await src.featureNames).toEqual(['a', 'g[T.nan]', 'g[T.p]', 'g[T.q]']); // nan and N/A are text: the reference N/A sorts first
    expect(await rows(src)).toEqual([[1, 0, 1, 0, 1, 1], [7, 1, 0, 0, 7, 1], [8, 0, 0, 0, 8, 1]]);
    expect(await src.dropped).toEqual({ rows: 5, byColumn: { a: 1, g: 2, y: 2, w: 2 } });
  });

  it("missing: 'error' stops at the first, naming line, column and cell, in a numeric, a categorical or the target column", async () => {
    const cases: [string, Partial<CsvError>, string][] = [
      [text, { code: 'missing-value', line: 3, column: 1, columnName: 'a', cell: '' }, 'CSV line 3, column 1 (a) is missing (empty)'],
      ['g,y\np,1\nNA,2\n', { code: 'missing-value', line: 3, column: 1, columnName: 'g', cell: 'NA' }, 'CSV line 3, column 1 (g) is missing ("NA")'],
      ['a,y\n1,1\n2,NaN\n', { code: 'missing-value', line: 3, column: 2, columnName: 'y', cell: 'NaN' }, 'CSV line 3, column 2 (y) is missing ("NaN")'],
    ];
    for (const [csv, facts, start] of cases) {
      const e = await failure(() => rows(csvChunks(csv, { missing: 'error', weight: csv === text ? 'w' : undefined })));
      expect(e).toMatchObject(facts);
      expect(e.message).toBe(`${start}: with missing: 'error' every used cell needs a value (the default, 'drop', skips such rows)`);
    }
  });

  it('columns not used may hold anything, missing or not', async () => {
    expect(await rows(csvChunks('id,a,y\n,1,2\nNA,3,4\n', { features: ['a'] }))).toEqual([[1, 2], [3, 4]]);
  });
});

describe('limits and errors', () => {
  it('more levels than maxLevels (default 1000) is a CsvError at the line of the one too many', async () => {
    const lines = ['id,y'];
    for (let i = 0; i < 1005; i++) lines.push(`k${i},${i}`);
    const e = await failure(() => rows(csvChunks(lines.join('\n'))));
    expect(e).toMatchObject({ code: 'too-many-levels', line: 1002, column: 1, columnName: 'id', cell: 'k1000' });
    expect(e.message).toBe('CSV line 1002, column 1 (id): "k1000" would be level 1001 of id, more than maxLevels (1000): a categorical column becomes one column of X per level but the first; raise maxLevels, or leave the column out of features');
    await expect(csvChunks(lines.join('\n')).names).rejects.toThrow(/would be level 1001/); // found in the first pass, before any chunk
    expect((await csvChunks(lines.join('\n'), { maxLevels: 2000 }).featureNames).length).toBe(1004);
    expect(await failure(() => rows(csvChunks('g,y\na,1\nb,2\nc,3\n', { maxLevels: 2 })))).toMatchObject({ line: 4, cell: 'c' });
  });

  it('text in a numeric column past the first 1000 rows: a CsvError that says why and what to do', async () => {
    const lines = ['x,y'];
    for (let i = 0; i < 1500; i++) lines.push(`${i === 1200 ? 'abc' : i},${i}`);
    const e = await failure(() => rows(csvChunks(lines.join('\n'))));
    expect(e).toMatchObject({ code: 'not-a-number', line: 1202, column: 1, cell: 'abc' });
    expect(e.message).toBe('CSV line 1202, column 1 (x): "abc" is not a number (x is read as numbers: its first 1000 rows hold no text; give categorical: ["x"] to read it as categorical)');
    const forced = csvChunks(lines.join('\n'), { categorical: ['x'], maxLevels: 2000 });
    expect((await forced.featureNames).length).toBe(1499);
  });

  it.each([
    [{ categorical: 'g' }, TypeError, 'categorical must be an array of column names or indices'],
    [{ levels: ['a'] }, TypeError, 'levels must be an object { column: [level, …] }'],
    [{ levels: { g: 'a' } }, TypeError, 'levels.g must be an array of strings'],
    [{ levels: { g: [] } }, RangeError, 'levels.g is empty: give at least one level (the first is the reference)'],
    [{ levels: { g: ['a', 'b', 'a'] } }, RangeError, 'levels.g holds "a" twice'],
    [{ levels: { g: ['a', 'NA'] } }, RangeError, 'levels.g holds "NA", which is a missing value (empty, NA or NaN), not a level'],
    [{ missing: 'skip' }, RangeError, 'missing must be \'drop\' or \'error\', got "skip"'],
    [{ maxLevels: 0 }, RangeError, 'maxLevels must be a positive integer, got 0'],
  ] as const)('options %j: %s', (options, kind, message) => {
    expect(() => csvChunks('g,y\na,1\n', options as CsvOptions)).toThrow(kind);
    expect(() => csvChunks('g,y\na,1\n', options as CsvOptions)).toThrow(message);
  });

  it('categorical or levels naming a column that is not a feature; a design with no column', async () => {
    await expect(csvChunks('g,y\na,1\n', { categorical: ['y'] }).names).rejects.toThrow('categorical (y) names column 2 (y), which is not a feature: only features can be categorical');
    await expect(csvChunks('g,y\na,1\n', { levels: { zz: ['a'] } }).names).rejects.toThrow('CSV: no column named "zz" for the levels; the header has "g", "y"');
    await expect(csvChunks('g,y\na,1\na,2\n').names).rejects.toThrow('CSV: the design has no columns: every feature is categorical with a single level (g), which the intercept carries');
  });
});

describe('one-shot streams: levels must be given', () => {
  const text = 'x,color,y\n1,red,1\n2,blue,2\n3,red,3\n';
  const stream = () => Readable.from([text]);

  it('a text column without levels: CsvError naming the first text cell and the option to give', async () => {
    const src = csvChunks(stream());
    const e = await failure(() => src.names);
    expect(e).toMatchObject({ code: 'levels-needed', line: 2, column: 2, columnName: 'color', cell: 'red' });
    expect(e.message).toBe('CSV line 2, column 2 (color): "red" is text, so color is categorical, but a stream is read once and its levels must be known before the first row is encoded: give them, levels: { "color": [...] } (the first is the reference), or read a string, Blob or file, whose levels are found in a first pass');
    await expect(rows(csvChunks(stream(), { categorical: ['x'], levels: { color: ['blue', 'red'] } }))).rejects.toThrow('CSV: x is categorical (categorical option), but a stream is read once');
  });

  it('with levels: one pass, the same rows as the string', async () => {
    const src = csvChunks(stream(), { levels: { color: ['blue', 'red'] } });
    expect(await src.featureNames).toEqual(['x', 'color[T.red]']);
    expect(await rows(src)).toEqual(await rows(csvChunks(text)));
  });

  it('a string, Blob or file is read twice only when a categorical column\'s levels are to be found', async () => {
    class Counted extends Blob {
      opened = 0;
      override stream(): ReturnType<Blob['stream']> { this.opened++; return super.stream(); }
    }
    const numeric = new Counted(['a,b,y\n1,2,3\n4,,6\n7,8,9\n']);
    expect(await rows(csvChunks(numeric))).toEqual([[1, 2, 3], [7, 8, 9]]);
    expect(numeric.opened).toBe(1);
    const mixed = new Counted([text]);
    await rows(csvChunks(mixed));
    expect(mixed.opened).toBe(2);
    const given = new Counted([text]);
    await rows(csvChunks(given, { levels: { color: ['blue', 'red'] } }));
    expect(given.opened).toBe(1);
  });
});

describe('byte ranges and merged fits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linreg-csv-design-'));
  const path = join(dir, 'shops.csv');
  const lines = ['x,shop,y'];
  for (let i = 0; i < 3000; i++) {
    const shop = i < 2500 ? ['a', 'b', 'c'][i % 3] : 'd'; // 'd' only in the last rows
    lines.push(`${(i % 17) / 4},${shop},${1 + 2 * ((i % 17) / 4) + { a: 0, b: 1, c: -1, d: 3 }[shop]! + ((i * 7919) % 13) / 50}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');

  it('every range finds the whole file\'s levels (one design), and its levels can be given instead; the merge is the single fit', async () => {
    const whole = csvFile(path);
    const single = await new LinearRegression().fitStream(whole, await whole.names);
    const levels = await whole.levels;
    expect(levels).toEqual({ shop: ['a', 'b', 'c', 'd'] });
    for (const given of [undefined, levels]) {
      let merged: LinearRegression | undefined;
      for (const range of await fileRanges(path, 3)) {
        const part = csvFile(path, { range, levels: given });
        expect(await part.featureNames).toEqual(['x', 'shop[T.b]', 'shop[T.c]', 'shop[T.d]']);
        const fit = await new LinearRegression().fitStream(part, await part.names);
        merged = merged ? merged.merge(fit) : fit;
      }
      close(merged!.summary().params, Array.from(single.summary().params), 1e-10);
      expect(merged!.summary().nobs).toBe(3000);
    }
  });

  it('a first range too short to see the text column still reads it as categorical (kinds come from the file\'s first rows)', async () => {
    const small = join(dir, 'late-text.csv');
    writeFileSync(small, 'x,g,y\n1,1,1\n2,2,2\n3,3,3\n4,b,4\n5,b,5\n');
    const names: string[][] = [];
    for (const range of [{ start: 0, end: 12 }, { start: 12 }]) names.push(await csvFile(small, { range }).featureNames);
    expect(names).toEqual([['x', 'g[T.2]', 'g[T.3]', 'g[T.b]'], ['x', 'g[T.2]', 'g[T.3]', 'g[T.b]']]);
  });
});

describe('rank warnings speak in the design\'s names', () => {
  it('a level seen only in a dropped row is a column of zeros (patsy keeps it too): the warning names it', async () => {
    const lines = ['x,color,y'];
    for (let i = 0; i < 40; i++) lines.push(`${i},${['red', 'blue'][i % 2]},${i * 2 + (i % 2)}`);
    lines.push(',purple,3');
    const data = csvChunks(lines.join('\n'));
    expect(await data.featureNames).toEqual(['x', 'color[T.purple]', 'color[T.red]']);
    const model = await new LinearRegression().fitStream(data, await data.names);
    expect(model.warnings.join(' ')).toMatch(/color\[T\.purple\]/);
  });

  it('two text columns that group the rows alike: the warning names their dummies', async () => {
    const lines = ['x,a,b,y'];
    for (let i = 0; i < 30; i++) lines.push(`${i % 7},${['p', 'q', 'r'][i % 3]},${['u', 'v', 'w'][i % 3]},${i}`);
    const data = csvChunks(lines.join('\n'));
    const model = await new LinearRegression().fitStream(data, await data.names);
    expect(await data.featureNames).toEqual(['x', 'a[T.q]', 'a[T.r]', 'b[T.v]', 'b[T.w]']);
    expect(model.warnings[0]).toMatch(/^X is rank-deficient \(rank 3 of 5 columns\): b\[T\.v\] ≈ a\[T\.q\]; b\[T\.w\] ≈ a\[T\.r\]\./);
  });
});
