// Streaming CSV parsers on a numeric CSV, for linreg-wasm/csv's choice (issue 13). The file is held
// in memory as the 64 KiB pieces a file stream delivers, decoded once (Node's StringDecoder, as a
// Readable with setEncoding('utf8') gives them; decoding is timed apart); each case parses those
// strings in its streaming mode and ends with every cell of every row as a number (conversion
// included). Row count and the sum of all cells must agree between cases. The cases take turns
// (one run of each per round, so a burst of load on the shared machine hits all alike); median of
// `--runs` rounds after one warm-up round.
//
//   npx tsx bench/csv-parsers.ts             10⁶ rows × 11 columns (~120 MB), writes bench/csv-parsers.md
//   npx tsx bench/csv-parsers.ts --quick     10⁵ rows, prints only
//   options: --rows N --runs N --write (write the .md for any size) --only name,name
import { existsSync, mkdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { inferSchema, initParser } from 'udsv';
import { parse as csvParse } from 'csv-parse';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const quick = flag('quick');
const ROWS = option('rows', quick ? 100_000 : 1_000_000);
const RUNS = option('runs', 5);
const COLS = 11;
const CHUNK = 65_536;
const WRITE = flag('write') || (!quick && ROWS === 1_000_000);
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? args[onlyArg + 1].split(',') : undefined;

// Untyped packages (papaparse, d3-dsv ship no .d.ts) are loaded by a variable specifier.
const load = (name: string): Promise<any> => import(name);

/** Deterministic file: header x1..x10,y, then rows of 10 features (6 decimals) and y = linear + noise. */
function generate(path: string, rows: number): void {
  let seed = 12345;
  const rand = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const fd = openSync(path, 'w');
  writeSync(fd, `${Array.from({ length: COLS - 1 }, (_, j) => `x${j + 1}`).join(',')},y\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    let y = 3;
    for (let j = 0; j < COLS - 1; j++) {
      const x = (rand() - 0.5) * 200;
      y += (j + 1) * x;
      buf += `${x.toFixed(6)},`;
    }
    buf += `${(y + rand() - 0.5).toFixed(6)}\n`;
    if (buf.length > 1 << 20) { writeSync(fd, buf); buf = ''; }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

interface Tally { rows: number; sum: number }
type Case = (texts: string[]) => Promise<Tally>;

/** The pieces as a Readable with setEncoding('utf8') yields them. */
function decodeAll(chunks: Buffer[]): string[] {
  const decoder = new StringDecoder('utf8');
  const out = chunks.map((c) => decoder.write(c));
  const tail = decoder.end();
  if (tail) out.push(tail);
  return out;
}

/** Decoding alone, as a stream does it (each piece dropped after use): StringDecoder or TextDecoder (a web stream's). */
function decodeEach(chunks: Buffer[], how: 'string' | 'text'): number {
  let chars = 0;
  if (how === 'string') {
    const decoder = new StringDecoder('utf8');
    for (const c of chunks) chars += decoder.write(c).length;
  } else {
    const decoder = new TextDecoder();
    for (const c of chunks) chars += decoder.decode(c, { stream: true }).length;
  }
  return chars;
}

const cases: Record<string, Case> = {
  // uDSV's incremental API: chunk(text, parser, onRow); the schema is inferred from the first chunk.
  'uDSV (strings + Number)': async (texts) => {
    const t: Tally = { rows: 0, sum: 0 };
    let parser: ReturnType<typeof initParser> | undefined;
    const onRow = (row: string[]): void => {
      t.rows++;
      for (let j = 0; j < row.length; j++) t.sum += +row[j];
    };
    for (const text of texts) {
      parser ??= initParser(inferSchema(text));
      parser.chunk<string[]>(text, parser.stringArrs, onRow);
    }
    parser!.end();
    return t;
  },
  'uDSV (typedArrs)': async (texts) => {
    const t: Tally = { rows: 0, sum: 0 };
    let parser: ReturnType<typeof initParser> | undefined;
    const onRow = (row: number[]): void => {
      t.rows++;
      for (let j = 0; j < row.length; j++) t.sum += row[j];
    };
    for (const text of texts) {
      parser ??= initParser(inferSchema(text));
      parser.chunk<number[]>(text, parser.typedArrs, onRow);
    }
    parser!.end();
    return t;
  },
  // PapaParse's Node streaming mode (a Readable given to Papa.parse), a callback per parsed chunk.
  'PapaParse (strings + Number)': (texts) => papa(texts, false),
  'PapaParse (dynamicTyping)': (texts) => papa(texts, true),
  // csv-parse's Node Transform stream, records as 'data' events.
  'csv-parse (strings + Number)': (texts) => csvParseCase(texts, false),
  'csv-parse (cast)': (texts) => csvParseCase(texts, true),
  // d3-dsv parses whole strings only; fed line-complete pieces (cut at the last newline, which is
  // wrong for quoted newlines: it has no streaming mode of its own).
  'd3-dsv (csvParseRows per piece)': async (texts) => {
    const { csvParseRows } = await load('d3-dsv');
    const t: Tally = { rows: -1, sum: 0 };
    const onRow = (row: string[]): null => {
      if (t.rows++ < 0) return null;
      for (let j = 0; j < row.length; j++) t.sum += +row[j];
      return null;
    };
    let carry = '';
    for (const text of texts) {
      const s = carry + text;
      const cut = s.lastIndexOf('\n') + 1;
      csvParseRows(s.slice(0, cut), onRow);
      carry = s.slice(cut);
    }
    if (carry) csvParseRows(carry, onRow);
    return t;
  },
  // What the entry itself does: uDSV plus the checks (every cell finite, non-empty; no ragged
  // rows) into Float64Array chunks of 65 536 rows.
  'linreg-wasm/csv csvChunks': async (texts) => {
    const { csvChunks } = await import('../src/csv/index.js');
    const t: Tally = { rows: 0, sum: 0 };
    for await (const chunk of csvChunks(Readable.from(texts))) {
      for (const row of chunk.X) for (let j = 0; j < row.length; j++) t.sum += row[j];
      for (let i = 0; i < chunk.y.length; i++) t.sum += chunk.y[i];
      t.rows += chunk.y.length;
    }
    return t;
  },
};

async function papa(texts: string[], dynamicTyping: boolean): Promise<Tally> {
  const Papa = (await load('papaparse')).default;
  const t: Tally = { rows: -1, sum: 0 };
  await new Promise<void>((resolve, reject) => {
    Papa.parse(Readable.from(texts), {
      dynamicTyping,
      chunk(results: { data: unknown[][] }) {
        for (const row of results.data) {
          if (t.rows++ < 0 || row.length < COLS) continue;
          if (dynamicTyping) for (let j = 0; j < row.length; j++) t.sum += row[j] as number;
          else for (let j = 0; j < row.length; j++) t.sum += +(row[j] as string);
        }
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  return t;
}

function csvParseCase(texts: string[], cast: boolean): Promise<Tally> {
  const t: Tally = { rows: 0, sum: 0 };
  return new Promise((resolve, reject) => {
    const parser = csvParse({ cast, from_line: 2 });
    parser.on('data', (row: unknown[]) => {
      t.rows++;
      if (cast) for (let j = 0; j < row.length; j++) t.sum += row[j] as number;
      else for (let j = 0; j < row.length; j++) t.sum += +(row[j] as string);
    });
    parser.on('end', () => resolve(t));
    parser.on('error', reject);
    Readable.from(texts).pipe(parser);
  });
}

function timeSync(f: () => unknown): number {
  const ts: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function version(name: string): string {
  return JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'linreg-csv-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `numeric-${ROWS}x${COLS}.csv`);
  if (!existsSync(path)) generate(path, ROWS);
  const bytes = readFileSync(path);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) chunks.push(bytes.subarray(i, i + CHUNK));
  console.log(`${path}: ${ROWS} rows × ${COLS} columns, ${(bytes.length / 1e6).toFixed(1)} MB, ${RUNS} runs`);

  const decodeMs = { StringDecoder: timeSync(() => decodeEach(chunks, 'string')), TextDecoder: timeSync(() => decodeEach(chunks, 'text')) };
  console.log(`decoding: StringDecoder ${decodeMs.StringDecoder.toFixed(0)} ms, TextDecoder ${decodeMs.TextDecoder.toFixed(0)} ms`);
  const texts = decodeAll(chunks);
  const chosen = Object.entries(cases).filter(([name]) => !ONLY || ONLY.some((o) => name.toLowerCase().includes(o.toLowerCase())));
  const tallies = new Map<string, Tally>();
  const times = new Map<string, number[]>(chosen.map(([name]) => [name, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const [name, run] of chosen) {
      const t0 = performance.now();
      const tally = await run(texts);
      const ms = performance.now() - t0;
      const first = tallies.get(name);
      if (!first) tallies.set(name, tally);
      else if (first.rows !== tally.rows || first.sum !== tally.sum) throw new Error(`${name}: runs disagree`);
      if (round > 0) times.get(name)!.push(ms); // round 0 warms up
    }
  }
  const results = chosen.map(([name]) => {
    const ts = times.get(name)!;
    return { name, ms: median(ts), min: Math.min(...ts), max: Math.max(...ts), tally: tallies.get(name)! };
  });
  for (const r of results) {
    console.log(`${r.name.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms  (${r.min.toFixed(0)}–${r.max.toFixed(0)})  ` +
      `${(bytes.length / r.ms / 1e3).toFixed(1)} MB/s  rows ${r.tally.rows}  sum ${r.tally.sum.toExponential(12)}`);
  }
  const reference = results[0]?.tally;
  for (const r of results) {
    if (r.tally.rows !== ROWS) throw new Error(`${r.name}: ${r.tally.rows} rows, expected ${ROWS}`);
    if (reference && Math.abs(r.tally.sum - reference.sum) > 1e-9 * Math.abs(reference.sum) + 1e-6) {
      throw new Error(`${r.name}: sum ${r.tally.sum} differs from ${reference.sum}`);
    }
  }
  const fileMs = await timeFile(path);
  console.log(`csvFile(path) from disk: ${fileMs.ms.toFixed(0)} ms (${fileMs.min.toFixed(0)}–${fileMs.max.toFixed(0)})`);
  const sizes = await bundleSizes();
  for (const [name, b] of Object.entries(sizes)) console.log(`${name}: ${b} B min+gzip`);
  if (WRITE) writeReport(results, bytes.length, decodeMs, fileMs, sizes);
}

/** csvFile over the file on disk (in the page cache after the first run): reading and decoding included. */
async function timeFile(path: string): Promise<{ ms: number; min: number; max: number }> {
  const { csvFile } = await import('../src/csv/index.js');
  const times: number[] = [];
  for (let round = 0; round <= RUNS; round++) {
    const t0 = performance.now();
    let rows = 0;
    for await (const chunk of csvFile(path)) rows += chunk.y.length;
    if (rows !== ROWS) throw new Error(`csvFile read ${rows} rows`);
    if (round > 0) times.push(performance.now() - t0);
  }
  return { ms: median(times), min: Math.min(...times), max: Math.max(...times) };
}

/** What each parser's streaming API adds to a browser bundle (esbuild, minified, gzip -9). */
async function bundleSizes(): Promise<Record<string, number>> {
  const { build } = await import('esbuild');
  const { gzipSync } = await import('node:zlib');
  const entries: Record<string, string> = {
    udsv: "export { inferSchema, initParser } from 'udsv';",
    papaparse: "export { default } from 'papaparse';",
    'csv-parse': "export { parse } from 'csv-parse/browser/esm';",
    'd3-dsv': "export { csvParseRows } from 'd3-dsv';",
    'linreg-wasm/csv': "export * from './src/csv/index.ts';",
  };
  const out: Record<string, number> = {};
  for (const [name, contents] of Object.entries(entries)) {
    const r = await build({
      stdin: { contents, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
      bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
    });
    out[name] = gzipSync(r.outputFiles[0].contents, { level: 9 }).length;
  }
  return out;
}

/** How each parser streams, in Node and in browsers (read from their documentation and code). */
const STREAMING: Record<string, string> = {
  udsv: 'incremental `parser.chunk(text)` over pieces from any source: the same code in Node and browsers; no dependencies',
  papaparse: 'Node: a Readable given to `Papa.parse`; browsers: File/Blob (FileReader slices) or a URL, a web ReadableStream needs an adapter',
  'csv-parse': 'Node: a Transform stream; browsers: the `csv-parse/browser/esm` build, which bundles a Node stream polyfill',
  'd3-dsv': 'none: parses whole strings (here fed pieces cut at the last line break, wrong for a quoted line break at a cut)',
};

function writeReport(
  results: { name: string; ms: number; min: number; max: number }[], bytes: number, decodeMs: Record<string, number>,
  fileMs: { ms: number; min: number; max: number }, sizes: Record<string, number>,
): void {
  const pkgName = (name: string): string => name.startsWith('uDSV') ? 'udsv' : name.startsWith('PapaParse') ? 'papaparse'
    : name.startsWith('csv-parse') ? 'csv-parse' : name.startsWith('d3-dsv') ? 'd3-dsv' : 'linreg-wasm/csv';
  const pkg = (name: string): string => pkgName(name) === 'linreg-wasm/csv' ? 'this repository' : `${pkgName(name)} ${version(pkgName(name))}`;
  const rate = (ms: number) => `${(bytes / ms / 1e3).toFixed(1)} | ${(ROWS / ms * 1e3 / 1e6).toFixed(2)} M`;
  const sorted = [...results].sort((a, b) => a.ms - b.ms);
  const lines = [
    '# Streaming CSV parsers on a numeric CSV',
    '',
    `Generated by \`npx tsx bench/csv-parsers.ts\` on ${new Date().toISOString().slice(0, 10)}; do not edit by hand.`,
    '',
    `Input: ${ROWS.toLocaleString('en')} rows × ${COLS} numeric columns (6 decimals) plus a header, ` +
      `${(bytes / 1e6).toFixed(1)} MB, held in memory as the ${CHUNK / 1024} KiB pieces a file stream delivers and ` +
      "decoded once as a Readable with setEncoding('utf8') does (Node's StringDecoder: " +
      `${decodeMs.StringDecoder.toFixed(0)} ms for the file; TextDecoder, what a web stream of bytes gets: ` +
      `${decodeMs.TextDecoder.toFixed(0)} ms). Timed: each parser's streaming mode from those strings to every ` +
      'cell as a number (conversion included). Row count and the sum of all cells agree between cases. The ' +
      `cases take turns, one run each per round; median of ${RUNS} rounds after a warm-up round, one process.`,
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
      `Node ${process.version}. The machine is shared with other jobs and noisy: medians move by 10–20% between ` +
      'runs; the min–max column is this run\'s spread.',
    '',
    '| parser (mode) | package | median ms | min–max ms | MB/s | rows/s |',
    '|---|---|---:|---:|---:|---:|',
    ...sorted.map((r) => `| ${r.name} | ${pkg(r.name)} | ${r.ms.toFixed(0)} | ${r.min.toFixed(0)}–${r.max.toFixed(0)} | ${rate(r.ms)} |`),
    `| linreg-wasm/csv csvFile(path), from disk (page cache) | this repository | ${fileMs.ms.toFixed(0)} | ` +
      `${fileMs.min.toFixed(0)}–${fileMs.max.toFixed(0)} | ${rate(fileMs.ms)} |`,
    '',
    '"strings + Number" hands the parser\'s string cells to `+cell`; "typedArrs", "dynamicTyping" and "cast" are the ' +
      'parsers\' own conversions. The linreg-wasm/csv rows are uDSV plus what the entry adds: every used cell ' +
      'checked (finite, not empty, no ragged row), converted by an exact fast path for plain decimals, written ' +
      'into Float64Array chunks of 65 536 rows.',
    '',
    '| package | streams how | browser bundle (min+gzip) |',
    '|---|---|---:|',
    ...['udsv', 'papaparse', 'csv-parse', 'd3-dsv'].map((p) => `| ${p} ${version(p)} | ${STREAMING[p]} | ${sizes[p]} B |`),
    `| linreg-wasm/csv (uDSV inside) | any text source, in pieces | ${sizes['linreg-wasm/csv']} B |`,
    '',
  ];
  writeFileSync(new URL('./csv-parsers.md', import.meta.url), lines.join('\n'));
  // The same numbers, shorter, in docs/csv.md between its markers.
  const doc = new URL('../docs/csv.md', import.meta.url);
  const short = [
    `| parser (mode) | MB/s | rows/s | median for ${ROWS.toLocaleString('en')} rows |`,
    '|---|---:|---:|---:|',
    ...sorted.map((r) => `| ${r.name} | ${(bytes / r.ms / 1e3).toFixed(0)} | ${(ROWS / r.ms * 1e3 / 1e6).toFixed(2)} M | ${(r.ms / 1e3).toFixed(2)} s |`),
    `| linreg-wasm/csv csvFile(path), from disk | ${(bytes / fileMs.ms / 1e3).toFixed(0)} | ${(ROWS / fileMs.ms * 1e3 / 1e6).toFixed(2)} M | ${(fileMs.ms / 1e3).toFixed(2)} s |`,
  ].join('\n');
  const text = readFileSync(doc, 'utf8').replace(/(<!-- csv-bench:begin -->\n)[\s\S]*?(<!-- csv-bench:end -->)/, `$1${short}\n$2`);
  writeFileSync(doc, text);
  console.log('wrote bench/csv-parsers.md and the table in docs/csv.md');
}

await main();
