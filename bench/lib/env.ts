// The machine, runtime and commit a run was made on, for the head of RESULTS.md.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Env {
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  v8: string;
  date: string;
  commit: string;
}

export function describeEnv(root: string): Env {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: commitOf(root),
  };
}

/** Short hash of HEAD, marked "+ uncommitted changes" when the code measured differs from it. */
function commitOf(root: string): string {
  try {
    const head = git(root, ['rev-parse', '--short', 'HEAD']);
    const dirty = git(root, [
      'status', '--porcelain', '--', 'src', 'assembly', 'bench', 'package.json',
      ':(exclude)bench/RESULTS.md', ':(exclude)bench/RESULTS.quick.md', ':(exclude)bench/plots',
    ]);
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}
