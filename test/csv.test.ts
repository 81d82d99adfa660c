// linreg-wasm/csv: values and chunks against hand-written and generated CSV, column selection,
// every source kind, byte ranges that tile a file, one table of bad inputs with their errors, and
// the built entry (uDSV inlined: no bare import; bundles for browsers).
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, createReadStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { build } from 'esbuild';
import { LinearRegression } from '../src/index.js';
import { csvChunks, csvFile, fileRanges, CsvError, type CsvChunk, type CsvOptions, type CsvSource } from '../src/csv/index.js';
import { decimal, numberCell, isMissing } from '../src/csv/cells.js';
import { sortLevels } from '../src/csv/design.js';
import { readRecord, isBlank } from '../src/csv/records.js';

interface Read { X: number[][]; y: number[]; w: number[] | undefined; sizes: number[] }

async function read(source: CsvSource): Promise<Read> {
  const out: Read = { X: [], y: [], w: undefined, sizes: [] };
  for await (const chunk of source) {
    expect(Object.keys(chunk).sort()).toEqual(chunk.sampleWeight ? ['X', 'sampleWeight', 'y'] : ['X', 'y']);
    expect(chunk.X.length).toBe(chunk.y.length);
    out.X.push(...chunk.X.map((r) => Array.from(r)));
    out.y.push(...chunk.y);
    if (chunk.sampleWeight) (out.w ??= []).push(...chunk.sampleWeight);
    out.sizes.push(chunk.y.length);
  }
  return out;
}

const readText = (text: string, options?: CsvOptions) => read(csvChunks(text, options));

async function failure(run: () => Promise<unknown>): Promise<CsvError> {
  const e = await run().then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(CsvError);
  return e as CsvError;
}

const HAND = 'a,b,c,y\n1,2,3,10\n-4.5,5e-1,6,20\n 7 ,8,.9,30.25\n0,-0,1e3,40\n';

describe('values and names', () => {
  it('reads a hand-written CSV: X rows, y, featureNames before the first chunk', async () => {
    const src = csvChunks(HAND);
    expect(await src.featureNames).toEqual(['a', 'b', 'c']);
    expect(await src.targetName).toBe('y');
    expect(await src.weightName).toBeUndefined();
    const r = await read(src);
    expect(r.X).toEqual([[1, 2, 3], [-4.5, 0.5, 6], [7, 8, 0.9], [0, -0, 1000]]);
    expect(Object.is(r.X[3][1], -0)).toBe(true);
    expect(r.y).toEqual([10, 20, 30.25, 40]);
    expect(r.sizes).toEqual([4]);
  });

  it('X rows are views of one row-major Float64Array per chunk', async () => {
    for await (const chunk of csvChunks(HAND, { chunkRows: 3 })) {
      const data = new Float64Array(chunk.X[0].buffer);
      expect(chunk.X.every((row, i) => row.buffer === chunk.X[0].buffer && row.byteOffset === i * 3 * 8)).toBe(true);
      expect(Array.from(data.subarray(0, chunk.X.length * 3))).toEqual(chunk.X.flatMap((r) => Array.from(r)));
    }
  });

  it('selects target, features and weight by name and by index (negative from the end)', async () => {
    const text = 'id,x1,x2,w,price\nA,1,2,0.5,3\nB,4,5,2,6\n';
    const byName = await read(csvChunks(text, { target: 'price', features: ['x2', 'x1'], weight: 'w' }));
    expect(byName).toEqual({ X: [[2, 1], [5, 4]], y: [3, 6], w: [0.5, 2], sizes: [2] });
    const byIndex = await read(csvChunks(text, { target: -1, features: [2, 1], weight: 3 }));
    expect(byIndex).toEqual(byName);
    const src = csvChunks(text, { target: 1, features: ['x2'] });
    expect([await src.featureNames, await src.targetName]).toEqual([['x2'], 'x1']);
    expect((await read(src)).y).toEqual([1, 4]);
    const weighted = csvChunks(text, { target: 'price', features: ['x1'], weight: 'w' });
    expect(await weighted.weightName).toBe('w');
  });

  it('default features: every column but the target and the weight (other columns may hold text)', async () => {
    const src = csvChunks('x1,w,x2,y\n1,1,2,3\n', { weight: 'w', target: 'y' });
    expect(await src.featureNames).toEqual(['x1', 'x2']);
    expect(await read(src)).toEqual({ X: [[1, 2]], y: [3], w: [1], sizes: [1] });
  });

  it('header: false names features x1, x2, … and the target y', async () => {
    const src = csvChunks('1,2,3\n4,5,6\n', { header: false });
    expect([await src.featureNames, await src.targetName]).toEqual([['x1', 'x2'], 'y']);
    expect((await read(src)).X).toEqual([[1, 2], [4, 5]]);
  });

  it('delimiter, quotes (delimiters, quotes and line breaks inside), CRLF, BOM, blank lines, no final newline', async () => {
    const text = '\uFEFFname;"x;1";y\r\n"a ""q"";\r\nb";1;2\r\n\r\nplain;3;4\r\n"c";"5";"6"';
    const src = csvChunks(text, { delimiter: ';', features: ['x;1'] });
    expect(await src.featureNames).toEqual(['x;1']);
    expect(await read(src)).toMatchObject({ X: [[1], [3], [5]], y: [2, 4, 6] });
  });

  it('a \\r that does not end a line is a space around a number, as Number() reads it (uDSV would end the row there)', async () => {
    expect(await readText('a,y\r\n1,2\r\n\r90.25,3\r\n')).toMatchObject({ X: [[1], [90.25]], y: [2, 3] });
    expect(await readText('id,a,y\r\n"p",1,2\r\n"q",\r90.25,3\r\n', { features: ['a'] })).toMatchObject({ X: [[1], [90.25]], y: [2, 3] });
  });

  it('reads plain decimals exactly as Number() does', () => {
    for (const s of ['0', '-0', '+1', '1.', '.5', '-.5', '123456789012345', '0.000000000000001', '999999999999999.9',
      '3.141592653589793', '-98765.4321', '1234567890123456', '1e5', ' 1', '', '-', '.', '1.2.3', '0x10']) {
      const v = decimal(s);
      if (v === v) expect(Object.is(v, Number(s))).toBe(true);
    }
    expect(decimal('1234567890123456')).toBeNaN(); // 16 digits: left to Number()
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 16807) % 2147483647;
      const s = ((seed / 2147483647 - 0.5) * 10 ** (seed % 12)).toFixed(seed % 9);
      if (decimal(s) === decimal(s)) expect(decimal(s)).toBe(Number(s));
    }
  });
});

/** A CSV of n rows with an id column (quoted, with commas, quotes, line breaks, UTF-8), numbers in many spellings, blank lines. */
function generated(n: number, { crlf = false, newlinesInIds = true, blankLines = true } = {}): { text: string; X: number[][]; y: number[]; w: number[] } {
  let seed = 42;
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const spell = (v: number, k: number) => [v.toFixed(k % 7), String(v), v.toExponential(k % 5), ` ${v.toFixed(2)} `, `${Math.round(v)}`][k % 5];
  const eol = crlf ? '\r\n' : '\n';
  const lines = ['id,x1,x2,w,x3,y'];
  const X: number[][] = [], y: number[] = [], w: number[] = [];
  for (let i = 0; i < n; i++) {
    const cells = [0, 1, 2, 3, 4].map((k) => spell((rand() - 0.5) * 10 ** ((i + k) % 6), i + k));
    const id = [`r${i}`, `"r,${i}"`, `"é ""${i}"""`, newlinesInIds ? `"line${eol}break ${i}"` : `"日本${i}"`][i % 4];
    lines.push([id, cells[0], cells[1], cells[2], cells[3], cells[4]].join(','));
    if (blankLines && i % 17 === 5) lines.push('');
    X.push([cells[0], cells[1], cells[3]].map(Number));
    w.push(Number(cells[2]));
    y.push(Number(cells[4]));
  }
  return { text: lines.join(eol) + eol, X, y, w };
}

const GEN_OPTIONS: CsvOptions = { target: 'y', features: ['x1', 'x2', 'x3'], weight: 'w' };

describe('chunks', () => {
  const g = generated(300);
  it.each([1, 7, 64, 299, 300, 65_536])('chunkRows %i: the same rows, in chunks of chunkRows (the last has the rest)', async (chunkRows) => {
    const r = await readText(g.text, { ...GEN_OPTIONS, chunkRows });
    expect(r.X).toEqual(g.X);
    expect(r.y).toEqual(g.y);
    expect(r.w).toEqual(g.w);
    const sizes = Array.from({ length: Math.ceil(300 / chunkRows) }, (_, i) => Math.min(chunkRows, 300 - i * chunkRows));
    expect(r.sizes).toEqual(sizes);
  });

  it.each([false, true])('CRLF %s: a large file (many pieces for the fast path) reads the same', async (crlf) => {
    const big = generated(20_000, { crlf });
    const r = await readText(big.text, { ...GEN_OPTIONS, chunkRows: 4096 });
    expect(r.y).toEqual(big.y);
    expect(r.X).toEqual(big.X);
  });

  it('the text cut anywhere (bytes, mid-character, mid-quote, between \\r and \\n) reads the same', async () => {
    const small = generated(40, { crlf: true });
    const bytes = new TextEncoder().encode(small.text);
    let seed = 3;
    for (let trial = 0; trial < 60; trial++) {
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < bytes.length;) {
        seed = (seed * 48271) % 2147483647;
        const size = 1 + (seed % (trial < 20 ? 5 : 200));
        pieces.push(bytes.subarray(at, at + size));
        at += size;
      }
      const r = await read(csvChunks(pieces, { ...GEN_OPTIONS, chunkRows: 9 }));
      expect(r.y).toEqual(small.y);
      expect(r.X).toEqual(small.X);
    }
  });
});

describe('the fast path (uDSV) reads what the exact reader reads', () => {
  // The exact reader (records.ts, used for the header and to re-read any piece uDSV's rows were
  // refused in) read over the whole text, with a plain design step (text columns in the first 1000
  // rows are categorical, levels sorted, rows with a gap dropped), is the reference: rows, or the
  // first error's message.
  const used = (n: number) => (n >= 3 ? [0, ...Array.from({ length: n - 2 }, (_, k) => k + 2)] : [0, 1]); // column 1 ignored
  function reference(text: string, missing: 'drop' | 'error'): string {
    let rec = readRecord(text, 0, ',', true)!;
    const names = rec.cells, n = names.length, feats = used(n).slice(0, -1), target = n - 1;
    const records: { cells: string[]; line: number }[] = [];
    let at = rec.next, line = 1 + rec.lines, broken = '';
    while (at < text.length) {
      try {
        rec = readRecord(text, at, ',', true)!;
      } catch {
        broken = `CSV line ${line}: a quoted field opened on this line is never closed`;
        break;
      }
      if (!isBlank(rec)) {
        if (rec.cells.length !== n) {
          broken = `CSV line ${line}: ${rec.cells.length} field${rec.cells.length === 1 ? '' : 's'}, but the header has ${n}${n > rec.cells.length ? '' : ' (is "," inside an unquoted field?)'}`;
          break;
        }
        records.push({ cells: rec.cells, line });
      }
      line += rec.lines;
      at = rec.next;
    }
    const sample = records.slice(0, 1000);
    const kinds = feats.map((j) => sample.some((r) => !isMissing(r.cells[j]) && Number.isNaN(+r.cells[j])));
    const levels = feats.map(() => new Set<string>());
    const rows: (number | string)[][] = [];
    let dropped = 0;
    try {
      for (const r of records) {
        let gap = false;
        const num = (j: number, hint: string) => {
          if (!isMissing(r.cells[j])) return numberCell(r.cells[j], { where: 'CSV', line: r.line, j, name: names[j] }, hint);
          if (missing === 'error') {
            const shown = r.cells[j] === '' ? 'empty' : r.cells[j].trim() === '' ? 'blank' : JSON.stringify(r.cells[j].trim());
            throw new Error(`CSV line ${r.line}, column ${j + 1} (${names[j]}) is missing (${shown}): with missing: 'error' every used cell needs a value (the default, 'drop', skips such rows)`);
          }
          gap = true;
          return 0;
        };
        const row: (number | string)[] = feats.map((j, f) => {
          if (!kinds[f]) return num(j, ` (${names[j]} is read as numbers: its first 1000 rows hold no text; give categorical: [${JSON.stringify(names[j])}] to read it as categorical)`);
          if (isMissing(r.cells[j])) return num(j, '');
          levels[f].add(r.cells[j]);
          return r.cells[j];
        });
        row.push(num(target, ''));
        if (gap) dropped++;
        else rows.push(row);
      }
    } catch (e) {
      return (e as Error).message;
    }
    if (broken) return broken;
    if (feats.every((_, f) => kinds[f] && levels[f].size === 1)) return `CSV: the design has no columns: every feature is categorical with a single level (${feats.map((j) => names[j]).join(', ')}), which the intercept carries`;
    if (records.length === 0) return 'CSV has a header but no rows';
    if (rows.length === 0) return `CSV: every row has a missing value (${dropped} dropped; missing in`;
    const sorted = levels.map((l) => sortLevels(l));
    return JSON.stringify(rows.map((row) => row.flatMap((v, f) => (f < feats.length && kinds[f]
      ? sorted[f].slice(1).map((l) => (l === v ? 1 : 0)) : [v as number]))));
  }
  async function fast(text: string, n: number, chunkRows: number, missing: 'drop' | 'error'): Promise<string> {
    try {
      const rows: number[][] = [];
      for await (const c of csvChunks(text, { chunkRows, missing, features: n >= 3 ? used(n).slice(0, -1) : undefined })) {
        c.X.forEach((r, i) => rows.push([...r, c.y[i]]));
      }
      return JSON.stringify(rows);
    } catch (e) {
      const m = (e as Error).message;
      return m.includes('every row has a missing value') ? m.slice(0, m.indexOf(' missing in') + 11) : m;
    }
  }
  const WORDS = ['a', 'b', 'B', 'é', 'NA', '', 'NaN', ' ', 'NA ', '"b"', '"a,b"', '"NA"', '"é\r\n"'];
  it.each([
    ['numbers, mutated', ['1', '0', '.', '-', ',', ',', '\n', '"', ' ', 'e', '\r', 'x'], 0.3, 0],
    ['quotes, mutated', ['"', '"', ',', '\n', '\r\n', '1', ' ', '""'], 0.3, 0],
    ['mostly well-formed', ['1', ',', '\n', '"', ' ', '\r'], 0.05, 0],
    ['levels and missing values, mutated', ['1', ',', '\n', '"', ' ', '\r', 'NA'], 0.1, 0.4],
    ['levels and missing values, well-formed', ['1'], 0, 0.3],
  ] as const)('random CSV: %s', async (_, alphabet, rate, words) => {
    let seed = 2024;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let t = 0; t < 1500; t++) {
      const n = 2 + Math.floor(rand() * 3), eol = rand() < 0.3 ? '\r\n' : '\n';
      const wordy = Array.from({ length: n }, (_, j) => j < n - 1 && rand() < words);
      let text = Array.from({ length: n }, (_, j) => (rand() < 0.2 ? `"c,${j}"` : `c${j}`)).join(',') + eol;
      for (let i = Math.floor(rand() * 8); i > 0; i--) {
        let line = Array.from({ length: n }, (_, j) => (j === 1 && n >= 3 && rand() < 0.3 ? '"a,b\n""c"""'
          : wordy[j] || rand() < words / 4 ? WORDS[Math.floor(rand() * WORDS.length)]
          : rand() < 0.1 ? `"${(rand() * 100).toFixed(1)}"` : (rand() * 100).toFixed(Math.floor(rand() * 3)))).join(',');
        for (let m = 0; m < 2; m++) {
          if (rand() < rate) {
            const k = Math.floor(rand() * (line.length + 1));
            line = line.slice(0, k) + alphabet[Math.floor(rand() * alphabet.length)] + line.slice(k + (rand() < 0.5 ? 1 : 0));
          }
        }
        text += line + (rand() < 0.1 ? '\r\n' : eol) + (rand() < 0.05 ? eol : '');
      }
      if (rand() < 0.3) text = text.slice(0, -1);
      const chunkRows = 1 + Math.floor(rand() * 4);
      for (const missing of ['drop', 'error'] as const) {
        expect(await fast(text, n, chunkRows, missing), `${missing} ${JSON.stringify(text)}`).toBe(reference(text, missing));
      }
    }
  });
});

describe('sources', () => {
  const g = generated(100);
  const bytes = new TextEncoder().encode(g.text);
  const dir = mkdtempSync(join(tmpdir(), 'linreg-csv-'));
  const path = join(dir, 'data.csv');
  writeFileSync(path, g.text);
  const webStream = (pieces: (Uint8Array | string)[]) => new ReadableStream<Uint8Array | string>({
    start(c) { for (const p of pieces) c.enqueue(p); c.close(); },
  });
  const halves = [bytes.subarray(0, 1001), bytes.subarray(1001)];

  it.each([
    ['string', () => g.text],
    ['web ReadableStream of bytes', () => webStream(halves)],
    ['web ReadableStream of strings', () => webStream([g.text.slice(0, 500), g.text.slice(500)])],
    ['Node Readable (fs)', () => createReadStream(path, { highWaterMark: 97 })],
    ['Node Readable.from(strings)', () => Readable.from([g.text.slice(0, 77), g.text.slice(77)])],
    ['Blob', () => new Blob([g.text])],
    ['iterable of Uint8Array', () => halves],
  ] as const)('%s', async (_, make) => {
    const r = await read(csvChunks(make(), GEN_OPTIONS));
    expect(r.y).toEqual(g.y);
    expect(r.X).toEqual(g.X);
    expect(r.w).toEqual(g.w);
  });

  it('csvFile reads a path; names first, then the rows; a file, string or Blob can be read again', async () => {
    const src = csvFile(path, GEN_OPTIONS);
    expect(await src.featureNames).toEqual(['x1', 'x2', 'x3']);
    expect((await read(src)).y).toEqual(g.y);
    expect((await read(src)).y).toEqual(g.y);
    const blob = csvChunks(new Blob([g.text]), GEN_OPTIONS);
    expect((await read(blob)).y).toEqual((await read(blob)).y);
  });

  it('a stream is read once: reading it again is a TypeError; its names stay known', async () => {
    const src = csvChunks(webStream(halves), GEN_OPTIONS);
    await read(src);
    await expect(read(src)).rejects.toThrow(/stream and has been read already/);
    expect(await src.featureNames).toEqual(['x1', 'x2', 'x3']);
  });

  it('stopping early closes the file; a missing file rejects with the file system error', async () => {
    for await (const chunk of csvFile(path, { ...GEN_OPTIONS, chunkRows: 5 })) { expect(chunk.y.length).toBe(5); break; }
    await expect(read(csvFile(join(dir, 'missing.csv')))).rejects.toThrow(/ENOENT/);
  });

  it('feeds LinearRegression: the concatenated chunks fit the generating plane exactly', async () => {
    const lines = ['u,v,target'];
    for (let i = 0; i < 500; i++) lines.push(`${i % 13},${(i * 7) % 11 - 5},${1 + 2 * (i % 13) - 3 * ((i * 7) % 11 - 5)}`);
    const src = csvChunks(lines.join('\n'), { chunkRows: 64 });
    const r = await read(src);
    const model = new LinearRegression().fit(r.X, r.y, { featureNames: await src.featureNames, targetName: await src.targetName });
    expect(Array.from(model.coef).map((c) => Math.round(c * 1e9) / 1e9)).toEqual([2, -3]);
    expect(model.intercept).toBeCloseTo(1, 9);
    expect(model.summary().names).toEqual(['const', 'u', 'v']);
  });

  it('feeds fitStream straight from a file, with the header\'s names', async () => {
    const lines = ['u,v,target'];
    for (let i = 0; i < 500; i++) lines.push(`${i % 13},${(i * 7) % 11 - 5},${1 + 2 * (i % 13) - 3 * ((i * 7) % 11 - 5)}`);
    writeFileSync(join(dir, 'plane.csv'), lines.join('\n'));
    const data = csvFile(join(dir, 'plane.csv'), { chunkRows: 64 });
    expect(await data.names).toEqual({ featureNames: ['u', 'v'], targetName: 'target' });
    const model = await new LinearRegression().fitStream(data, await data.names);
    expect(Array.from(model.coef).map((c) => Math.round(c * 1e9) / 1e9)).toEqual([2, -3]);
    expect(model.summary().names).toEqual(['const', 'u', 'v']);
    const plain = await new LinearRegression().fitStream(csvFile(join(dir, 'plane.csv'), { target: 'target' }));
    expect(Array.from(plain.coef)).toEqual(Array.from(model.coef));
  });
});

describe('byte ranges', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linreg-csv-range-'));
  // No line breaks inside quotes (the ranges' premise); CRLF, UTF-8 and quoted commas in the ids.
  const g = generated(400, { crlf: true, newlinesInIds: false });
  const path = join(dir, 'data.csv');
  writeFileSync(path, g.text);
  const size = statSync(path).size;

  async function readRanges(cuts: number[]): Promise<{ y: number[]; perRange: number[] }> {
    const bounds = [0, ...cuts, size];
    const y: number[] = [], perRange: number[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const r = await read(csvFile(path, { ...GEN_OPTIONS, range: { start: bounds[i], end: bounds[i + 1] }, chunkRows: 50 }));
      y.push(...r.y);
      perRange.push(r.y.length);
    }
    return { y, perRange };
  }

  it('random split points: every row exactly once, in order', async () => {
    let seed = 11;
    for (let trial = 0; trial < 25; trial++) {
      const count = 1 + (trial % 9);
      const cuts = Array.from({ length: count }, () => (seed = (seed * 48271) % 2147483647) % size).sort((a, b) => a - b);
      expect((await readRanges(cuts)).y).toEqual(g.y);
    }
  });

  it('cuts at line starts, at line breaks, inside the header, repeated, at 0 and at the end', async () => {
    const text = readFileSync(path);
    const lf = text.indexOf(10), second = text.indexOf(10, lf + 1);
    for (const cuts of [[lf], [lf + 1], [lf - 1, lf, lf + 1, lf + 2], [second, second + 1], [3], [0, 0, size], [size - 1], [size - 2]]) {
      expect((await readRanges(cuts)).y, `cuts ${cuts}`).toEqual(g.y);
    }
    expect((await readRanges([lf + 1])).perRange).toEqual([0, 400]);
  });

  it('fileRanges tiles the file; the header comes from line 1 for every range', async () => {
    const ranges = await fileRanges(path, 6);
    expect(ranges[0].start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(size);
    let y: number[] = [];
    for (const range of ranges) {
      const src = csvFile(path, { ...GEN_OPTIONS, range });
      expect(await src.featureNames).toEqual(['x1', 'x2', 'x3']);
      y = y.concat((await read(src)).y);
    }
    expect(y).toEqual(g.y);
  });

  it('an error in a range names the range and the line counted from its first row', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,y\n1,2\n3,4\n5,x\n7,8\n');
    const e = await failure(() => read(csvFile(bad, { range: { start: 8 } })));
    expect(e.message).toBe(`${bad} bytes 8–end line 2, column 2 (y): "x" is not a number`);
    expect(e.line).toBe(2);
  });
});

describe('bad input: one table, the error each raises', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},${i + 1},${2 * i}`).join('\n');
  const cases: [string, string, CsvOptions | undefined, Partial<CsvError>, string][] = [
    ['non-numeric cell (the target)', 'a,b,y\n1,2,3\n4,5,x\n', undefined, { code: 'not-a-number', line: 3, column: 3, columnName: 'y', cell: 'x' }, 'CSV line 3, column 3 (y): "x" is not a number'],
    ['NaN spelled out, missing: error', 'a,b,y\n1,NaN,3\n', { missing: 'error' }, { code: 'missing-value', line: 2, column: 2, cell: 'NaN' }, 'CSV line 2, column 2 (b) is missing ("NaN"): with missing: \'error\' every used cell needs a value (the default, \'drop\', skips such rows)'],
    ['Infinity', 'a,b,y\n1,2,-Infinity\n', undefined, { code: 'not-a-number', line: 2, column: 3 }, 'CSV line 2, column 3 (y): "-Infinity" is not a finite number'],
    ['overflow to Infinity', 'a,b,y\n1,1e999,3\n', undefined, { code: 'not-a-number', column: 2 }, 'CSV line 2, column 2 (b): "1e999" is not a finite number'],
    ['empty cell, missing: error', 'a,b,y\n1,2,3\n4,,6\n', { missing: 'error' }, { code: 'missing-value', line: 3, column: 2, columnName: 'b' }, 'CSV line 3, column 2 (b) is missing (empty): with missing: \'error\' every used cell needs a value (the default, \'drop\', skips such rows)'],
    ['blank (spaces) cell, missing: error', 'a,b,y\n1,2,  \n', { missing: 'error' }, { code: 'missing-value', line: 2, column: 3 }, 'CSV line 2, column 3 (y) is missing (blank): with missing: \'error\' every used cell needs a value (the default, \'drop\', skips such rows)'],
    ['empty weight, missing: error', 'a,w,y\n1,,3\n', { weight: 'w', missing: 'error' }, { code: 'missing-value', column: 2, columnName: 'w' }, 'CSV line 2, column 2 (w) is missing (empty): with missing: \'error\' every used cell needs a value (the default, \'drop\', skips such rows)'],
    ['every row dropped', 'a,w,y\n1,,3\nNA,1,2\n', { weight: 'w' }, { code: 'empty' }, 'CSV: every row has a missing value (2 dropped; missing in a 1, w 1): nothing is left to fit'],
    ['short row', 'a,b,y\n1,2,3\n4,5\n7,8,9\n', undefined, { code: 'ragged', line: 3 }, 'CSV line 3: 2 fields, but the header has 3'],
    ['short last row, no newline', 'a,b,y\n1,2,3\n4,5', undefined, { code: 'ragged', line: 3 }, 'CSV line 3: 2 fields, but the header has 3'],
    ['short row, next starts with the delimiter', 'a,y\n1\n,7\n', undefined, { code: 'ragged', line: 2 }, 'CSV line 2: 1 field, but the header has 2'],
    ['one short row alone (no delimiter in the text)', 'a,y\n73e15\r\n', undefined, { code: 'ragged', line: 2 }, 'CSV line 2: 1 field, but the header has 2'],
    ['long row', 'a,b,y\n1,2,3\n4,5,6,7\n', undefined, { code: 'ragged', line: 3 }, 'CSV line 3: 4 fields, but the header has 3 (is "," inside an unquoted field?)'],
    ['long row, the last column unused', 'a,b,note\n1,2,x\n4,5,y,z\n', { target: 'b', features: ['a'] }, { code: 'ragged', line: 3 }, 'CSV line 3: 4 fields, but the header has 3 (is "," inside an unquoted field?)'],
    ['short row in quoted text', 'id,a,y\n"p",1,2\n"q",3\n', { features: ['a'] }, { code: 'ragged', line: 3 }, 'CSV line 3: 2 fields, but the header has 3'],
    ['missing target name', 'a,b,y\n1,2,3\n', { target: 'price' }, { code: 'missing-column', line: 1 }, 'CSV: no column named "price" for the target; the header has "a", "b", "y"'],
    ['missing feature name', 'a,b,y\n1,2,3\n', { features: ['a', 'c'] }, { code: 'missing-column' }, 'CSV: no column named "c" for the feature; the header has "a", "b", "y"'],
    ['target index out of range', 'a,b,y\n1,2,3\n', { target: 3 }, { code: 'missing-column' }, 'CSV: the target column index 3 is out of range: the CSV has 3 columns (0 to 2, or -1 for the last)'],
    ['a name without a header', '1,2,3\n', { header: false, target: 'y' }, { code: 'missing-column' }, 'CSV: the target column "y" is a name, but the CSV has no header (header: false): give its index'],
    ['duplicate header name', 'a,a,y\n1,2,3\n', { features: ['a'] }, { code: 'missing-column' }, 'CSV: the header names "a" twice (columns 1 and 2): give the feature by index'],
    ['empty file', '', undefined, { code: 'empty' }, 'CSV is empty'],
    ['header only', 'a,b,y\n', undefined, { code: 'empty' }, 'CSV has a header but no rows'],
    ['blank lines only after the header', 'a,b,y\n\n\n', undefined, { code: 'empty' }, 'CSV has a header but no rows'],
    ['blank line 1', '\na,b,y\n1,2,3\n', undefined, { code: 'empty', line: 1 }, 'CSV line 1 is blank: the CSV must begin with its header'],
    ['unclosed quote', 'a,b,y\n1,2,3\n"4,5,6\n7,8,9\n', undefined, { code: 'unclosed-quote', line: 3 }, 'CSV line 3: a quoted field opened on this line is never closed'],
    ['error after blank lines and quoted line breaks', 'id,a,y\n"x\ny",1,2\n\n\r\nz,3,4\n\nw,5,oops\n', { features: ['a'] }, { code: 'not-a-number', line: 8, column: 3 }, 'CSV line 8, column 3 (y): "oops" is not a number'],
    ['error deep in a large text', `a,b,y\n${rows(100_000)}\n1,2,three\n`, undefined, { code: 'not-a-number', line: 100_002 }, 'CSV line 100002, column 3 (y): "three" is not a number'],
    ['error deep, after blank lines', `a,b,y\n${rows(50_000)}\n\n${rows(50_000)}\n1,,2\n`, { missing: 'error' }, { code: 'missing-value', line: 100_003 }, 'CSV line 100003, column 2 (b) is missing (empty): with missing: \'error\' every used cell needs a value (the default, \'drop\', skips such rows)'],
  ];
  it.each(cases)('%s', async (_, text, options, fields, message) => {
    const e = await failure(() => readText(text, options));
    expect(e.message).toBe(message);
    expect(e).toMatchObject({ name: 'CsvError', ...fields });
  });

  it('the names reject with the header errors, and nothing is left unhandled when nobody asks', async () => {
    const src = csvChunks('', {});
    await expect(src.featureNames).rejects.toThrow('CSV is empty');
    csvChunks('a,b\n1,2\n', { target: 'zzz' }); // never read: no unhandled rejection
  });

  it.each([
    [{ chunkRows: 0 }, RangeError, 'chunkRows must be a positive integer, got 0'],
    [{ chunkRows: 1.5 }, RangeError, 'chunkRows must be a positive integer, got 1.5'],
    [{ delimiter: ',,' }, RangeError, 'delimiter must be one character other than a quote or a line break, got ",,"'],
    [{ delimiter: '"' }, RangeError, 'delimiter must be one character other than a quote or a line break, got "\\""'],
    [{ header: 'yes' }, TypeError, 'header must be true or false, got string'],
    [{ target: 1.5 }, RangeError, 'a column index must be an integer, got 1.5'],
    [{ features: 'a' }, TypeError, 'features must be an array of column names or indices'],
    [{ sep: ';' }, TypeError, 'unknown CSV option "sep"; the options are target, features, weight, chunkRows, header, delimiter, categorical, levels, missing, maxLevels'],
  ] as const)('options %j: %s', (options, kind, message) => {
    expect(() => csvChunks('a,y\n1,2\n', options as CsvOptions)).toThrow(kind);
    expect(() => csvChunks('a,y\n1,2\n', options as CsvOptions)).toThrow(message);
  });

  it('column conflicts and inputs of another kind', async () => {
    await expect(csvChunks('a,w\n1,2\n', { weight: 'w' }).featureNames).rejects.toThrow('weight and target are the same column (w): the target is the last column unless given');
    await expect(csvChunks('a,b,y\n1,2,3\n', { features: ['a', 'y'] }).featureNames).rejects.toThrow(RangeError);
    await expect(csvChunks('y\n1\n').featureNames).rejects.toThrow('CSV: no feature columns; give at least one (the target is y)');
    expect(() => csvChunks(42 as never)).toThrow('csvChunks needs CSV text: a string, Blob, ReadableStream, Node Readable or (async) iterable of strings / bytes, got number');
    await expect(read(csvChunks([{}] as never))).rejects.toThrow('CSV input piece 0 must be a string or a Uint8Array, got object');
    expect(() => csvFile('x.csv', { range: { start: 5, end: 2 } })).toThrow('range.end (2) is before range.start (5)');
    expect(() => csvFile('x.csv', { range: { start: -1 } })).toThrow(RangeError);
  });
});

describe('the built entry (dist/csv/index.js, after npm run build)', () => {
  const entry = new URL('../dist/csv/index.js', import.meta.url);
  let code = '';
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error('dist/csv/index.js is missing: run npm run build first');
    code = readFileSync(entry, 'utf8');
  });

  it('imports no package: uDSV is inlined; the only import is csvFile\'s node: modules by a variable name', () => {
    const specifiers = [...code.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[\w*{},\s]+from\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/gm)]
      .map((m) => m[1] ?? m[2] ?? m[3]);
    expect(specifiers).toEqual([]);
    expect(code).toContain('var builtin = (name) => import(name);');
    expect(code).toMatch(/builtin\("node:fs"\)/);
    expect(code).toContain('function initParser('); // uDSV itself
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.exports['./csv']).toEqual({ types: './dist/csv/index.d.ts', default: './dist/csv/index.js' });
  });

  it('the .d.ts files name no package', () => {
    const dts = ['index', 'errors', 'options', 'parse', 'source', 'file', 'head', 'records', 'cells', 'design', 'rows'].map((f) => readFileSync(new URL(`../dist/csv/${f}.d.ts`, import.meta.url), 'utf8'));
    for (const text of dts) for (const m of text.matchAll(/from\s+'([^']+)'/g)) expect(m[1]).toMatch(/^\.\//);
  });

  it('bundles for browsers (esbuild --platform=browser), from dist and from src', async () => {
    for (const file of [entry.pathname, new URL('../src/csv/index.ts', import.meta.url).pathname]) {
      const out = await build({ entryPoints: [file], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
      expect(out.errors).toEqual([]);
      expect(out.outputFiles[0].text).not.toMatch(/from\s*["']node:/);
    }
  });

  it('reads a file the same as src/', async () => {
    const mod = await import(/* @vite-ignore */ entry.href) as typeof import('../src/csv/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'linreg-csv-dist-'));
    writeFileSync(join(dir, 'd.csv'), HAND);
    const src = mod.csvFile(join(dir, 'd.csv'));
    expect(await src.featureNames).toEqual(['a', 'b', 'c']);
    const chunks: CsvChunk[] = [];
    for await (const c of src) chunks.push(c);
    expect(chunks.flatMap((c) => Array.from(c.y))).toEqual([10, 20, 30.25, 40]);
  });
});
