// linreg predict: a model saved by `linreg fit --save` applied to the rows of a CSV file, whose
// columns are found by the model's feature names; the predictions (and, with --intervals,
// statsmodels' summary_frame columns) as CSV, streamed through a temporary file so that nothing
// is written on error.
import { createReadStream, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { LinearRegression } from '../index.js';
import type { CsvChunk } from '../csv/index.js';
import { InputError, fsReason } from './errors.js';
import { Streamed } from './outputs.js';
import { ReadBar } from './progress.js';
import { named, openTable, read } from './table.js';

/** The options of `linreg predict`, parsed. */
export interface PredictFlags {
  intervals?: number;
  output?: string;
  delimiter?: string;
  progress: boolean;
}

const FRAME = ['mean', 'mean_se', 'mean_ci_lower', 'mean_ci_upper', 'obs_ci_lower', 'obs_ci_upper'] as const;

/** Runs `linreg predict`; writes the CSV itself (to --output or stdout) and returns ''. */
export async function predictCommand(modelFile: string, file: string, f: PredictFlags): Promise<string> {
  const { model, featureNames } = loadModel(modelFile);
  const table = openTable(file, { ...designColumns(featureNames, modelFile), ...(f.delimiter ? { delimiter: f.delimiter } : {}) });
  const out = new Streamed(f.output ?? join(tmpdir(), `linreg-predict-${process.pid}.csv`));
  const reading = read(table);
  const bar = new ReadBar(f.progress, 'predict', table.size, reading.bytesRead);
  let rows = 0;
  try {
    await out.write(`${f.intervals === undefined ? 'prediction' : FRAME.join(',')}\n`);
    await named(table, async () => {
      for await (const chunk of reading.source) {
        const X = rowsOf(chunk, featureNames.length);
        await out.write(f.intervals === undefined ? predictions(model, X) : intervals(model, X, f.intervals));
        rows += X.length;
        bar.rowsRead(rows);
      }
    });
    await out.end();
  } catch (error) {
    out.discard();
    throw error;
  } finally {
    bar.stop();
    reading.close();
  }
  out.commit();
  if (!f.output) {
    try {
      await pipeline(createReadStream(out.path), process.stdout, { end: false });
    } finally {
      rmSync(out.path, { force: true });
    }
  }
  return '';
}

/** @throws InputError when the file is not a model saved by linreg fit --save (or toJSON). */
function loadModel(path: string): { model: LinearRegression; featureNames: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`${path}: not JSON (${error.message}); give a model saved by linreg fit --save`);
    throw new InputError(`${path}: ${fsReason(error as NodeJS.ErrnoException)}`);
  }
  let model: LinearRegression;
  try {
    model = LinearRegression.fromJSON(json);
  } catch (error) {
    throw new InputError(`${path}: ${(error as Error).message}`);
  }
  const fitted = (json as { fitted: unknown }).fitted;
  if (fitted === null) throw new InputError(`${path}: the model was never fitted`);
  if (Array.isArray(fitted)) throw new InputError(`${path}: a model of several targets; linreg predict takes a model of one (linreg fit --save)`);
  return { model, featureNames: (fitted as { featureNames: string[] }).featureNames };
}

/**
 * The csvChunks columns that hold the model's features. csvChunks reads a target and at least one
 * feature: the first feature is read as the "target" and put back in front of the others.
 */
function designColumns(featureNames: string[], modelFile: string): { target: string; features: string[] } {
  if (featureNames.length < 2) throw new InputError(`${modelFile}: linreg predict needs a model of at least 2 features for now (this one has ${featureNames.length})`);
  return { target: featureNames[0], features: featureNames.slice(1) };
}

function rowsOf(chunk: CsvChunk, p: number): Float64Array[] {
  const block = new Float64Array(chunk.y.length * p);
  return Array.from(chunk.y, (first, i) => {
    const row = block.subarray(i * p, (i + 1) * p);
    row[0] = first;
    row.set(chunk.X[i], 1);
    return row;
  });
}

function predictions(model: LinearRegression, X: Float64Array[]): string {
  const yhat = model.predict(X);
  let text = '';
  for (let i = 0; i < yhat.length; i++) text += `${yhat[i]}\n`;
  return text;
}

function intervals(model: LinearRegression, X: Float64Array[], level: number): string {
  const r = model.predictInterval(X, { level });
  let text = '';
  for (let i = 0; i < r.mean.length; i++) {
    text += `${r.mean[i]},${r.meanSe[i]},${r.meanLower[i]},${r.meanUpper[i]},${r.obsLower[i]},${r.obsUpper[i]}\n`;
  }
  return text;
}
