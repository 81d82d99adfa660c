// The README's main command: examples/seed.ts against the built package, as a user runs it.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const run = (file: string): string => execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8' });

describe('examples', () => {
  const out = run('examples/seed.ts');

  it('seed.ts prints the notebook\'s lines (to the digits numpy shows) both step by step and with train()', () => {
    // The notebook's own printout (../shared/seed), W_hat at numpy's 8 decimals.
    for (const line of [
      'W_hat = [ 3.46839621 11.60579438 17.92580962]',
      'W_hat = [2.91750236 6.49675418 8.25862308]',
      'W_hat = [2.91616599 6.49297673 8.25240454]',
      'W_hat = [2.9161651  6.49297422 8.25240041]',
    ]) expect(out.split(line).length - 1).toBeGreaterThanOrEqual(2);
    const lines = out.split('\n').filter((l) => l.startsWith('t = '));
    expect(lines.length).toBe(20);
    expect(lines[0]).toMatch(/^t = 0, loss = 13914\.1505196267\d*, W_hat = /);
    const relative = out.match(/largest relative difference, (step by step|train\(\)): +(\S+)/g)!;
    expect(relative.length).toBe(2);
    relative.forEach((r) => expect(Number(r.split(/\s+/).pop())).toBeLessThan(1e-9));
  });

  it('seed.ts explains the analytical solution: rank 2, numpy\'s minimum-norm answer, descent = it + null-space part', () => {
    expect(out).toContain('rank of [1, X]: 2');
    expect(out).toContain('x2 ≈ x1 + 1; x3 ≈ x1 + 2');
    const fixture = JSON.parse(readFileSync(new URL('fixtures/seed-torch-reference.json', import.meta.url), 'utf8'));
    const ours = out.match(/minimum-norm solution \[b, w1, w2, w3\] = \[([^\]]+)\]/)![1].trim().split(/\s+/).map(Number);
    ours.forEach((v, i) => expect(v).toBeCloseTo(fixture.lstsq_obs.coef[i], 7));
    const gap = Number(out.match(/largest relative difference: (\S+): the two answers/)![1]);
    expect(gap).toBeLessThan(1e-9);
  });

  it('readme.ts prints what the README says it prints', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const printed = readme.match(/prints \(`npx tsx examples\/readme\.ts`\)\n\n```\n([\s\S]*?)```/)![1];
    expect(run('examples/readme.ts')).toBe(printed);
  });
});
