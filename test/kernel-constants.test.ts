// The optimizer kernels' constants exist twice: in assembly/optim.ts (CFG_*, the flag bits, KIND_*)
// and in src/wasm/kernels.ts (Cfg, Flag, Kind), which the TypeScript side writes config blocks
// with. AssemblyScript cannot import the TypeScript side's module, so this test reads the kernel's
// source and checks every constant against its mirror, both ways.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Cfg, Flag, Kind } from '../src/wasm/kernels.js';

const source = readFileSync(new URL('../assembly/optim.ts', import.meta.url), 'utf8');
const declared = new Map([...source.matchAll(/^export const ([A-Z_\d]+) = (\d+);/gm)].map(([, name, value]) => [name, Number(value)]));
/** CFG_WEIGHT_DECAY → weightDecay. */
const camel = (name: string): string => name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function kernelSide(prefix: string): Record<string, number> {
  return Object.fromEntries([...declared].filter(([n]) => (prefix ? n.startsWith(prefix) : !/^(CFG|KIND)_/.test(n)))
    .map(([n, v]) => [camel(n.slice(prefix.length)), v]));
}

describe('the kernel constants agree between assembly/optim.ts and src/wasm/kernels.ts', () => {
  it('reads the kernel\'s constants', () => {
    expect(declared.size).toBeGreaterThanOrEqual(15);
  });

  it('config slots (CFG_* = Cfg, and Cfg.slots is one past the last)', () => {
    const { slots, ...named } = Cfg;
    expect(named).toEqual(kernelSide('CFG_'));
    expect(slots).toBe(Math.max(...Object.values(named)) + 1);
  });

  it('flag bits (distinct powers of two)', () => {
    expect(Flag).toEqual(kernelSide(''));
    const bits = Object.values(Flag);
    expect(bits.every((b) => b > 0 && (b & (b - 1)) === 0)).toBe(true);
    expect(new Set(bits).size).toBe(bits.length);
  });

  it('optimizer kinds (KIND_* = Kind)', () => {
    expect(Kind).toEqual(kernelSide('KIND_'));
  });
});
