// Python peers (PyTorch, numpy) run in a child process. Debian's /usr/bin/python3 has torch and
// numpy; the python3 first on PATH may not, so each candidate is asked what it has.
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface PythonInfo {
  exe: string;
  numpy?: string;
  torch?: string;
}

const CANDIDATES = ['/usr/bin/python3', 'python3'];
// Finds the packages without importing them (importing torch takes seconds).
const PROBE = `import json, importlib.util, importlib.metadata as md
out = {}
for name in ("numpy", "torch"):
    if importlib.util.find_spec(name) is not None:
        try: out[name] = md.version(name)
        except Exception: out[name] = "(version unknown)"
print(json.dumps(out))`;

/** The first candidate with both torch and numpy, else the first with numpy, else undefined. */
export function findPython(): PythonInfo | undefined {
  const found: PythonInfo[] = [];
  for (const exe of CANDIDATES) {
    try {
      const out = execFileSync(exe, ['-c', PROBE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
      found.push({ exe, ...(JSON.parse(out) as { numpy?: string; torch?: string }) });
    } catch {
      // not installed or broken: try the next one
    }
  }
  return found.find((p) => p.numpy && p.torch) ?? found.find((p) => p.numpy);
}

/** Every BLAS/OpenMP pool pinned to one thread: our library and every JS peer use one core. */
export const ONE_THREAD = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

/** Runs bench/python/<script> with JSON arguments and parses the JSON it prints last. */
export function runPython<T>(py: PythonInfo, script: string, args: unknown): T {
  const path = fileURLToPath(new URL(`../python/${script}`, import.meta.url));
  const out = execFileSync(py.exe, [path, JSON.stringify(args)], {
    encoding: 'utf8', env: { ...process.env, ...ONE_THREAD }, maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000,
  });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/** A Python script kept running between requests (see {@link startPythonWorker}). */
export interface PythonWorker {
  /** Sends one JSON request and resolves with its answer; rejects with the script's error. */
  request<T>(message: object): Promise<T>;
  /** Closes stdin and waits for the script to exit (kills it after 5 s). */
  close(): Promise<void>;
}

/**
 * Starts bench/python/<script> as a worker with every BLAS/OpenMP pool on one thread: one JSON
 * request per line on its stdin, one answer per line on its stdout, prefixed "@@ " (other output
 * is ignored). It lets Python peers be timed in the same rounds as the JS rows, between them.
 */
export function startPythonWorker(py: PythonInfo, script: string, timeoutMs = 15 * 60_000): PythonWorker {
  const file = fileURLToPath(new URL(`../python/${script}`, import.meta.url));
  const child = spawn(py.exe, [file], { env: { ...process.env, ...ONE_THREAD }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let exited = false;
  const waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  const settle = (): (typeof waiting)[number] | undefined => {
    const w = waiting.shift();
    if (w) clearTimeout(w.timer);
    return w;
  };
  const failAll = (error: Error): void => {
    for (let w = settle(); w; w = settle()) w.reject(error);
  };
  child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('@@ ')) return;
    const w = settle();
    if (!w) return;
    try {
      const answer = JSON.parse(line.slice(3)) as { error?: string };
      if (answer.error) w.reject(new Error(`${script}: ${answer.error}`));
      else w.resolve(answer);
    } catch (error) {
      w.reject(error as Error);
    }
  });
  const exit = new Promise<void>((resolve) => child.once('close', (code, signal) => {
    exited = true;
    const last = stderr.trim().split('\n').pop() ?? '';
    failAll(new Error(`${script} exited (${signal ?? code})${last ? `: ${last}` : ''}`));
    resolve();
  }));
  child.on('error', (error) => failAll(error));
  child.stdin.on('error', () => {}); // a dead worker is reported by 'close'
  return {
    request<T>(message: object): Promise<T> {
      if (exited) return Promise.reject(new Error(`${script} is not running`));
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`${script}: no answer in ${timeoutMs / 1000} s`));
          child.kill();
        }, timeoutMs);
        waiting.push({ resolve: resolve as (v: unknown) => void, reject, timer });
        child.stdin.write(`${JSON.stringify(message)}\n`);
      });
    },
    async close(): Promise<void> {
      if (!exited) child.stdin.end();
      const timer = setTimeout(() => child.kill(), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}
