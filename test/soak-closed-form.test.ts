// Soak: 10 000 create / fill / LinearRegression fit / lstsq / dispose cycles (small sizes,
// alternating fitIntercept, sample weights, rank-deficient data; summary and a JSON round trip
// every seventh cycle). Live bytes must return to the baseline and wasm memory stay flat after
// warm-up. The long version (10⁶ cycles, training too) is `npx tsx scripts/soak.ts`.
import { describe, expect, it } from 'vitest';
import { memoryUsage } from '../src/index.js';
import { closedFormCycle } from '../scripts/soak-cycles.js';

describe('soak: 10 000 closed-form cycles', () => {
  it('live bytes return to the baseline and wasm memory stays flat after warm-up', () => {
    const base = memoryUsage().liveBytes;
    for (let i = 0; i < 1000; i++) closedFormCycle(i);
    expect(memoryUsage().liveBytes).toBe(base);
    const warm = memoryUsage().wasmBytes;
    for (let i = 1000; i < 10_000; i++) {
      closedFormCycle(i);
      if (i % 1000 === 999) {
        expect(memoryUsage().liveBytes, `after cycle ${i}`).toBe(base);
        expect(memoryUsage().wasmBytes, `after cycle ${i}`).toBe(warm);
      }
    }
  });
});
