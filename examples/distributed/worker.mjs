// A BullMQ worker for the distributed fit: start as many as you like, on any machine that can reach
// Redis (REDIS_URL) and read the CSV at the path the producer gave.
//
//   shard job  { path, range: { start, end }, index, target, weight, chunkRows }
//              → fitStream over the rows that begin in bytes [start, end) → toBytes() as base64.
//              Its result is a pure function of (file, range): run twice, it returns the same bytes.
//   merge job  (the flow's parent, run once every shard has completed)
//              → getChildrenValues() → fromBytes each → merge in shard order → the merged state.
//
// Environment: REDIS_URL (default redis://127.0.0.1:6379), QUEUE (default linreg), CONCURRENCY
// (default 1), LOCK_DURATION and STALLED_INTERVAL in ms (BullMQ's defaults, 30 000 each, unless
// set). SHARD_CHUNK_DELAY_MS is for the test only: a pause after each chunk, so that a worker can be
// killed while it is inside a shard job.
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'bullmq';
import { init, LinearRegression } from 'linreg-wasm';
import { csvFile } from 'linreg-wasm/csv';

const env = process.env;
const connection = { url: env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
const queue = env.QUEUE ?? 'linreg';
const delay = Number(env.SHARD_CHUNK_DELAY_MS ?? 0);
const say = (text) => console.log(`worker ${process.pid}: ${text}`);

await init();

/** A shard: the rows of one byte range of one file, reduced to the mergeable state's bytes. */
async function shard(job) {
  const { path, range, index, target, weight, chunkRows } = job.data;
  const where = `shard ${index} (${path} bytes ${range.start}–${range.end})`;
  say(`${where}: started, attempt ${job.attemptsStarted}, stalled ${job.stalledCounter} time(s) before`);
  const source = csvFile(path, { target, weight, range, chunkRows });
  const names = { featureNames: await source.featureNames, targetName: await source.targetName };
  let chunks = 0, rows = 0, ended = false;
  async function* counted() {
    for await (const chunk of source) {
      chunks++;
      rows += chunk.y.length;
      say(`${where}: chunk ${chunks}, ${rows} rows so far`);
      yield chunk;
      if (delay > 0) await sleep(delay);
    }
    ended = true;
  }
  const model = new LinearRegression();
  try {
    await model.fitStream(counted(), names);
  } catch (error) {
    if (!(ended && chunks === 0)) throw error; // bad data, an unreadable file: the job fails (and is retried)
    say(`${where}: no row begins in this range`);
    return { index, rows: 0, state: null }; // an empty range adds nothing to the merge
  }
  say(`${where}: done, ${rows} rows`);
  return { index, rows, state: Buffer.from(model.toBytes()).toString('base64') };
}

/**
 * The parent: every shard's state, merged in the order of the shard indices (not of completion),
 * so the answer is the same bits however the shards were scheduled, retried or split over machines.
 */
async function merge(job) {
  const values = Object.values(await job.getChildrenValues()).sort((a, b) => a.index - b.index);
  const indices = values.map((v) => v.index).join(',');
  const expected = Array.from({ length: job.data.shards }, (_, i) => i).join(',');
  if (indices !== expected) throw new Error(`merge expected the results of shards ${expected}, got ${indices}`);
  const model = new LinearRegression();
  let rows = 0;
  for (const v of values) {
    rows += v.rows;
    if (v.state) model.merge(LinearRegression.fromBytes(Buffer.from(v.state, 'base64')));
  }
  if (rows === 0) throw new Error('no shard had any row');
  say(`merged ${values.length} shards, ${rows} rows`);
  return {
    shards: values.length,
    rows,
    shardRows: values.map((v) => v.rows),
    coef: Array.from(model.coef),
    intercept: model.intercept,
    state: Buffer.from(model.toBytes()).toString('base64'),
  };
}

const worker = new Worker(queue, (job) => (job.name === 'merge' ? merge(job) : shard(job)), {
  connection,
  concurrency: Number(env.CONCURRENCY ?? 1),
  ...(env.LOCK_DURATION ? { lockDuration: Number(env.LOCK_DURATION) } : {}),
  ...(env.STALLED_INTERVAL ? { stalledInterval: Number(env.STALLED_INTERVAL) } : {}),
});
worker.on('failed', (job, error) => say(`${job?.name} ${job?.id} failed: ${error.message}`));
worker.on('error', (error) => console.error(`worker ${process.pid}: ${error.message}`));
await worker.waitUntilReady();
say(`ready on queue ${queue} at ${connection.url}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await worker.close(); // lets a running job finish first
    process.exit(0);
  });
}
