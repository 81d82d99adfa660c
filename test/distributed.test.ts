// The distributed fit of examples/distributed/ (issue 13.4) on a real Redis: Debian's redis-server
// on 127.0.0.1, three worker processes, the example's producer adding one BullMQ flow (8 shard jobs
// over byte ranges of one CSV, a merge job as their parent). One worker is killed with SIGKILL while
// it is inside a shard; its lock runs out, another worker's stalled check puts the shard back in the
// queue, and another worker runs it from its first row. The merged fit must equal the single fit to
// 1e-12, with every row counted once: the merged nobs is the CSV's row count exactly.
//
// The workers import the built package (dist/): `npm test` builds it first.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinearRegression } from '../src/index.js';

const EXAMPLE = fileURLToPath(new URL('../examples/distributed/', import.meta.url));
const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';
const ROWS = 60_000, SHARDS = 8, CHUNK_ROWS = 1000, WORKERS = 3;
// Test-only pacing: 100 ms after each 1000-row chunk, so a shard takes ~0.8 s and the kill (sent when
// a worker reports its first chunk) lands with ~7 chunks still to read. Short lock and stalled check
// so that the dead worker's shard comes back within ~3 s instead of BullMQ's 30 s defaults.
const WORKER_ENV = { SHARD_CHUNK_DELAY_MS: '100', LOCK_DURATION: '2000', STALLED_INTERVAL: '500' };

const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const required = inCI || process.env.LINREG_REQUIRE_REDIS === '1';
const haveRedis = spawnSync(REDIS_SERVER, ['--version']).status === 0;
const missingRedis = `the distributed test needs Redis, and \`${REDIS_SERVER} --version\` does not run. Install it with `
  + '`sudo apt-get install -y redis-server` (Debian/Ubuntu), or point REDIS_SERVER at a redis-server binary.';
if (!haveRedis && !required) console.warn(`SKIPPED: ${missingRedis} (LINREG_REQUIRE_REDIS=1 makes this a failure; in CI it is one)`);

/** Seeded data: 4 features on different scales, two of them correlated; y with noise. */
function data(seed: number): { X: number[][]; y: number[]; csv: string } {
  let s = seed >>> 0;
  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const X: number[][] = [], y: number[] = [], lines = ['a,b,c,d,y'];
  for (let i = 0; i < ROWS; i++) {
    const a = Math.round((r() - 0.5) * 2 ** 20) / 2 ** 10, b = a * 0.75 + Math.round(r() * 2 ** 12) / 2 ** 8;
    const row = [a, b, 1e4 + Math.round(r() * 2 ** 16) / 2 ** 6, Math.round((r() - 0.5) * 2 ** 10) / 2 ** 14];
    const yi = 3.25 + 0.5 * row[0] - 1.75 * row[1] + 0.01 * row[2] + 40 * row[3] + (r() - 0.5) * 3;
    X.push(row); y.push(yi); lines.push([...row, yi].join(','));
  }
  return { X, y, csv: `${lines.join('\n')}\n` };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

interface Proc { child: ChildProcess; lines: string[]; stderr: string[]; listeners: ((line: string) => void)[] }

/** Spawns a process that keeps its stdout lines; `onLine` sees each as it comes. */
function start(cmd: string, args: string[], env: Record<string, string>, onLine?: (line: string, p: Proc) => void): Proc {
  const child = spawn(cmd, args, { cwd: EXAMPLE, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { child, lines: [], stderr: [], listeners: [] };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    p.lines.push(line);
    onLine?.(line, p);
    p.listeners.forEach((f) => f(line));
  });
  createInterface({ input: child.stderr! }).on('line', (line) => p.stderr.push(line));
  return p;
}

/** Resolves with the first stdout line matching `re`; rejects after `ms` or when the process exits first. */
function waitForLine(p: Proc, re: RegExp, ms: number, what: string): Promise<string> {
  const seen = p.lines.find((l) => re.test(l));
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const fail = (why: string) => () => reject(new Error(`${what}: nothing matching ${re} ${why}\nstdout:\n${p.lines.join('\n')}\nstderr:\n${p.stderr.join('\n')}`));
    const timer = setTimeout(fail(`in ${ms} ms`), ms);
    p.child.once('exit', () => { clearTimeout(timer); setTimeout(fail('before it exited'), 100); });
    p.listeners.push((line) => { if (re.test(line)) { clearTimeout(timer); resolve(line); } });
  });
}

async function stop(p: Proc | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = once(p.child, 'exit');
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// One worker's log line about a shard: started (attempt, stalls before), a chunk read, or done.
const SHARD_LINE = /^worker (\d+): shard (\d+) \([^)]*\): (?:started, attempt (\d+), stalled (\d+)|chunk (\d+),|done, (\d+) rows)/;
interface ShardEvent { pid: number; shard: number; kind: 'started' | 'chunk' | 'done'; attempt?: number; stalled?: number; rows?: number }
function shardEvent(line: string): ShardEvent | null {
  const m = SHARD_LINE.exec(line);
  if (!m) return null;
  const base = { pid: Number(m[1]), shard: Number(m[2]) };
  if (m[3] !== undefined) return { ...base, kind: 'started', attempt: Number(m[3]), stalled: Number(m[4]) };
  if (m[5] !== undefined) return { ...base, kind: 'chunk' };
  return { ...base, kind: 'done', rows: Number(m[6]) };
}

describe.skipIf(!haveRedis && !required)('distributed fit: BullMQ flow on redis-server, a worker killed inside a shard', () => {
  const queueName = `linreg-test-${process.pid}`;
  let dir: string | undefined, csvPath: string, d: ReturnType<typeof data>;
  let redis: Proc | undefined, env: Record<string, string>;
  const workers: Proc[] = [];
  let victim: { pid: number; shard: number; at: number; retriedAt?: number } | undefined;
  const stalledIds: string[] = [];
  let queue: Queue | undefined, events: QueueEvents | undefined;

  beforeAll(async () => {
    if (!haveRedis) return; // the test fails with the install hint
    dir = mkdtempSync(join(tmpdir(), 'linreg-distributed-'));
    csvPath = join(dir, 'data.csv');
    d = data(13);
    writeFileSync(csvPath, d.csv);
    const port = await freePort();
    redis = start(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {});
    await waitForLine(redis, /Ready to accept connections/, 10_000, 'redis-server');
    env = { REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE: queueName };
    const connection = { url: env.REDIS_URL };
    queue = new Queue(queueName, { connection });
    events = new QueueEvents(queueName, { connection });
    events.on('stalled', ({ jobId }) => stalledIds.push(jobId));
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => stop(w)));
    await events?.close();
    await queue?.close();
    await stop(redis);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('merges to the single fit (1e-12), every row once, after a SIGKILL mid-shard and BullMQ\'s retry', async () => {
    if (!haveRedis) throw new Error(missingRedis);
    const t0 = Date.now();
    // The first worker to report a chunk of a shard is killed there, ~7 chunks before its end.
    const killFirstInShard = (line: string, p: Proc) => {
      const e = shardEvent(line);
      if (victim && e?.kind === 'started' && e.shard === victim.shard) victim.retriedAt ??= Date.now();
      if (victim || !e || e.kind !== 'chunk') return;
      victim = { pid: e.pid, shard: e.shard, at: Date.now() };
      p.child.kill('SIGKILL');
    };
    for (let i = 0; i < WORKERS; i++) workers.push(start(process.execPath, ['worker.mjs'], { ...env, ...WORKER_ENV }, killFirstInShard));
    await Promise.all(workers.map((w) => waitForLine(w, /ready on queue/, 15_000, 'worker')));

    const producer = start(process.execPath, ['producer.mjs', csvPath, '--shards', String(SHARDS), '--target', 'y', '--chunk-rows', String(CHUNK_ROWS)], env);
    const timer = setTimeout(() => producer.child.kill(), 40_000); // a flow that never ends fails with the logs below
    const [code] = await once(producer.child, 'exit');
    clearTimeout(timer);
    const all = () => `producer:\n${producer.lines.join('\n')}\n${producer.stderr.join('\n')}\n${workers.map((w) => `worker:\n${w.lines.join('\n')}\n${w.stderr.join('\n')}`).join('\n')}`;
    expect(code, all()).toBe(0);
    const seconds = (Date.now() - t0) / 1000;

    // The timeline, from the workers' own logs.
    const log = workers.flatMap((w) => w.lines.map(shardEvent).filter((e): e is ShardEvent => e !== null));
    expect(victim, 'a worker was killed inside a shard').toBeDefined();
    const dead = workers.find((w) => w.child.pid === victim!.pid)!;
    expect(dead.child.signalCode).toBe('SIGKILL');
    const ofVictim = log.filter((e) => e.shard === victim!.shard);
    expect(ofVictim.filter((e) => e.pid === victim!.pid).map((e) => e.kind), all()).toEqual(['started', 'chunk']);
    const retry = ofVictim.filter((e) => e.kind === 'started' && e.pid !== victim!.pid);
    expect(retry.map((e) => [e.attempt, e.stalled]), 'the retried shard ran again once: attempt 2, stalled once').toEqual([[2, 1]]);
    for (let s = 0; s < SHARDS; s++) {
      const done = log.filter((e) => e.shard === s && e.kind === 'done');
      expect(done.length, `shard ${s} completed exactly once`).toBe(1);
      if (s === victim!.shard) expect(done[0].pid).toBe(retry[0].pid);
    }
    expect(log.filter((e) => e.kind === 'done').reduce((t, e) => t + e.rows!, 0)).toBe(ROWS);

    // BullMQ's side: one stalled event (the dead worker's shard), 8 shards and the merge completed, nothing failed.
    const parentId = /merge job (\S+)/.exec(producer.lines.join('\n'))![1];
    const parent = (await queue!.getJob(parentId))!;
    const children = Object.values(await parent.getChildrenValues()) as { index: number; rows: number; state: string }[];
    expect(children.map((c) => c.index).sort((a, b) => a - b)).toEqual([...Array(SHARDS).keys()]);
    expect(children.reduce((t, c) => t + c.rows, 0)).toBe(ROWS);
    expect(stalledIds.length, `stalled events: ${stalledIds.join(', ')}`).toBe(1);
    const counts = await queue!.getJobCounts('completed', 'failed', 'active', 'wait', 'delayed', 'waiting-children');
    expect(counts).toEqual({ completed: SHARDS + 1, failed: 0, active: 0, wait: 0, delayed: 0, 'waiting-children': 0 });

    // The merged state against the single fit on all rows.
    const result = parent.returnvalue as { rows: number; shards: number; state: string };
    expect([result.rows, result.shards]).toEqual([ROWS, SHARDS]);
    const merged = LinearRegression.fromBytes(Buffer.from(result.state, 'base64'));
    // The reference is the single in-memory fit by QR. method 'auto' takes the normal equations on
    // these 60 000 rows, and its standard errors of a and b (the correlated pair) are 3e-11 from exact rational arithmetic
    // (the QR fit's, and the merged state's, are within 4e-15 of it): a reference 30 times looser than
    // the tolerance it would check.
    const single = new LinearRegression({ method: 'qr' }).fit(d.X, d.y);
    const size = Math.max(...Array.from(single.coef, Math.abs), Math.abs(single.intercept));
    const rel = (a: number, b: number, scale = Math.abs(b)) => Math.abs(a - b) / scale;
    Array.from(single.coef).forEach((c, j) => expect(rel(merged.coef[j], c, size), `coef[${j}]`).toBeLessThanOrEqual(1e-12));
    expect(rel(merged.intercept, single.intercept, size), 'intercept').toBeLessThanOrEqual(1e-12);
    const sm = merged.summary(), ss = single.summary();
    Array.from(ss.standardErrors).forEach((se, j) => expect(rel(sm.standardErrors[j], se), `se[${j}]`).toBeLessThanOrEqual(1e-12));
    expect(sm.nobs, 'merged nobs = the CSV\'s rows, none lost or counted twice').toBe(ROWS);
    expect(producer.lines.join('\n')).toContain(`${ROWS} rows in ${SHARDS} shards`);
    const at = (t: number) => `${((t - t0) / 1000).toFixed(1)} s`;
    console.log(`distributed: ${WORKERS} workers, ${SHARDS} shards; worker ${victim!.pid} killed in shard ${victim!.shard} at `
      + `${at(victim!.at)}, the shard restarted on worker ${retry[0].pid} at ${at(victim!.retriedAt!)}; merged at ${seconds.toFixed(1)} s`);
  });
});
