// Python peers (PyTorch, numpy) run in a child process. Debian's /usr/bin/python3 has torch and
// numpy; the python3 first on PATH may not, so each candidate is asked what it has.
import { execFileSync } from 'node:child_process';
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
