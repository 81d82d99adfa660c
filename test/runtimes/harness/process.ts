// Spawning a runtime and reading the result it prints; finding a free port; waiting for a server.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** What a finished process printed, and how long it took from spawn to exit. */
export interface ProcessRun { stdout: string; stderr: string; code: number | null; ms: number }

/** Runs `command args` in `cwd`, killing it after `timeoutMs`. */
export function runProcess(command: string, args: string[], options: { cwd: string; timeoutMs?: number; env?: Record<string, string> }): Promise<ProcessRun> {
  const t0 = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code) => { clearTimeout(timer); resolveRun({ stdout, stderr, code, ms: performance.now() - t0 }); });
  });
}

/** The JSON after the `@@RESULT@@` marker the CLI driver prints; throws with the output otherwise. */
export function parseResult<T>(run: ProcessRun, what: string): T {
  const line = run.stdout.split('\n').find((l) => l.startsWith('@@RESULT@@'));
  if (run.code !== 0 || !line) {
    throw new Error(`${what} exited with ${run.code} and no result:\n${run.stdout}\n${run.stderr}`.trim());
  }
  return JSON.parse(line.slice('@@RESULT@@'.length)) as T;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls `url` until it answers (any HTTP status) or `child` exits or `timeoutMs` passes. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, log: () => string, pollMs = 25): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering:\n${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${log()}`);
}
