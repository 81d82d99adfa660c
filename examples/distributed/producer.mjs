// Adds one BullMQ flow for a least-squares fit over CSV files: one shard job per byte range (the
// children), and a merge job (the parent) that BullMQ runs once every shard has completed. Then
// waits for the merge and prints the fit.
//
//   node producer.mjs data.csv [more.csv …] [--shards N] [--target y] [--weight w] [--chunk-rows R]
//
// One file is split into --shards byte ranges of about equal size (default 8); several files give
// --shards ranges each (default 1: a shard per file). Workers read the files at the paths given
// here (made absolute): share them (NFS, a bucket mounted at the same path) or copy them.
// REDIS_URL (default redis://127.0.0.1:6379) and QUEUE (default linreg) as for the workers.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import { init, LinearRegression } from 'linreg-wasm';
import { fileRanges } from 'linreg-wasm/csv';

const { values: opts, positionals: files } = parseArgs({
  allowPositionals: true,
  options: { shards: { type: 'string' }, target: { type: 'string' }, weight: { type: 'string' }, 'chunk-rows': { type: 'string' } },
});
if (files.length === 0) {
  console.error('usage: node producer.mjs data.csv [more.csv …] [--shards N] [--target y] [--weight w] [--chunk-rows R]');
  process.exit(2);
}
const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
const queueName = process.env.QUEUE ?? 'linreg';
const perFile = Number(opts.shards ?? (files.length === 1 ? 8 : 1));
const { target, weight } = opts; // y: the last column unless named; no weights unless named
const chunkRows = Number(opts['chunk-rows'] ?? 65536);

// Retries for a shard that throws (a file briefly unreadable, say). A worker that dies inside a
// shard is another path: its lock expires, another worker's stalled check puts the job back in the
// queue, and it runs again from its first row.
const shardOptions = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, failParentOnFailure: true };

const children = [];
for (const file of files.map((f) => resolve(f))) {
  for (const range of await fileRanges(file, perFile)) {
    const index = children.length;
    children.push({ name: 'shard', queueName, data: { path: file, range, index, target, weight, chunkRows }, opts: shardOptions });
  }
}

const flows = new FlowProducer({ connection });
const events = new QueueEvents(queueName, { connection });
await events.waitUntilReady();
const { job } = await flows.add({ name: 'merge', queueName, data: { shards: children.length }, children });
console.log(`flow added: merge job ${job.id} over ${children.length} shards of ${files.join(', ')}`);

try {
  const result = await job.waitUntilFinished(events);
  await init();
  const model = LinearRegression.fromBytes(Buffer.from(result.state, 'base64'));
  console.log(`${result.rows} rows in ${result.shards} shards (${result.shardRows.join(' + ')})`);
  console.log(String(model.summary()));
} catch (error) {
  console.error(`the fit failed: ${error.message}`);
  const queue = new Queue(queueName, { connection });
  for (const key of (await job.getDependencies()).failed ?? []) {
    const child = await queue.getJob(key.split(':').pop());
    if (child) console.error(`  shard ${child.data.index}: ${child.failedReason} (after ${child.attemptsMade} attempts)`);
  }
  await queue.close();
  process.exitCode = 1;
}
await events.close();
await flows.close();
