// Runs the built command, `node dist/cli/linreg.js …`, as a user's shell would (npm test builds it
// first), and the library's own computation of the same fit for the comparisons.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LinearRegression } from '../../src/index.js';
import { csvFile, type CsvOptions } from '../../src/csv/index.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const cli = `${root}dist/cli/linreg.js`;
export const fixture = (name: string): string => `${root}test/fixtures/cli/${name}`;

/** What a run of the command gave. */
export interface Run { code: number | null; stdout: string; stderr: string }

/** `node dist/cli/linreg.js ...args`, stdin closed, stdout and stderr pipes (so not terminals). */
export function linreg(args: string[], cwd = root): Run {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The library's streamed fit of a CSV file with the second pass, as `linreg fit` makes it. */
export async function libraryFit(path: string, options: CsvOptions, fitIntercept = true): Promise<LinearRegression> {
  const data = csvFile(path, options);
  const model = await new LinearRegression({ fitIntercept }).fitStream(data, await data.names);
  return model.scanResiduals(csvFile(path, options));
}

/** Every number of a JSON value as its IEEE-754 bits, so that toEqual compares bits (and −0 ≠ 0). */
export function bits(value: unknown): unknown {
  if (typeof value === 'number') {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    return `0x${view.getBigUint64(0).toString(16)}`;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, bits);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bits(v)]));
  return value;
}
