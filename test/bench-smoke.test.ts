// The bench code still runs: its tiny configuration (in-process workloads only, writes nothing),
// every row has a ratio or says why not, and the README table script respects its markers.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFor } from '../bench/lib/config.js';
import { runSuite } from '../bench/lib/suite.js';
import { updateReadme } from '../bench/readme-table.js';
import { fillRegression } from '../bench/lib/data.js';
import { maxCoefDiff, referenceFit } from '../bench/lib/reference.js';
import { plainCentredNormalEquations, plainNormalEquations, plainTrain } from '../bench/peers/plain.js';

describe('bench smoke run', () => {
  it('runs the tiny configuration and gives every measured row a ratio naming both sides', async () => {
    const out = await runSuite(configFor('smoke'));
    expect(out.results.map((r) => r.section.id)).toEqual(['seed', 'fused', 'closed', 'sizes', 'minibatch']);
    for (const r of out.results) {
      expect(r.section.intro.join('\n')).not.toContain('This workload failed');
      for (const table of r.section.tables) {
        const ratioColumn = table.columns.findIndex((c) => c.startsWith('ratio'));
        expect(ratioColumn).toBeGreaterThan(0);
        for (const row of table.rows) {
          const measured = /\d (µs|ms|s)$/.test(row[table.columns.indexOf('median')]);
          if (measured) expect(row[ratioColumn]).toMatch(/ ÷ .* = [\d.]+(×| of the ceiling)|^reference$|^ceiling$/);
        }
      }
    }
    expect(out.results[0].targets[0].measured).toMatch(/^t\(plain JS\) ÷ t\(train\(\)\) = [\d.]+×$/);
    expect(out.markdown).toMatch(/<!-- headline:start -->\n\| workload \| comparison \| ratio \|/);
    expect(out.markdown).toMatch(/<!-- targets:start -->\n\| target \|[^]*\| (met|\*\*NOT met\*\*) \|\n<!-- targets:end -->/);
    expect(out.plots.map((p) => p.name).sort()).toEqual(['fit-by-size.svg', 'fit-vs-features.svg', 'fit-vs-rows.svg', 'fused-vs-features.svg', 'fused-vs-rows.svg']);
    expect(out.results[3].targets.map((t) => t.goal)).toEqual(['≥ 1×', '≥ 1×', '≤ 3×']);
    for (const p of out.plots) expect(p.svg).toMatch(/^(<\?xml [^>]*>\n)?<svg [^]*<path[^]*<\/svg>\n?$/); // Observable Plot draws lines as paths
  }, 20_000);

  it('compares against honest peers: plain JS agrees with PyTorch and the QR reference', () => {
    const fx = JSON.parse(readFileSync(new URL('./fixtures/seed-torch-reference.json', import.meta.url), 'utf8'));
    const p = Float64Array.from([...fx.init.w, fx.init.b]);
    plainTrain(Float64Array.from(fx.X.flat()), Float64Array.from(fx.y_obs), 10, 3, p, new Float64Array(4), fx.lr, fx.n_iter, new Float64Array(fx.n_iter));
    expect(maxCoefDiff({ coef: p.subarray(0, 3), intercept: p[3] }, { coef: fx.final.w, intercept: fx.final.b })).toBeLessThan(1e-9);
    const X = new Float64Array(500 * 4);
    const y = new Float64Array(500);
    fillRegression(X, y, 500, 4);
    const ref = referenceFit(X, y, 500, 4);
    expect(maxCoefDiff(plainNormalEquations(X, y, 500, 4), ref)).toBeLessThan(1e-10);
    expect(maxCoefDiff(plainCentredNormalEquations(X, y, 500, 4), ref)).toBeLessThan(1e-12);
    expect(maxCoefDiff(ref, { coef: [-1.5, -1, -0.5, 0], intercept: 1.5 })).toBeLessThan(0.05);
  });

  it('writes the README table only between its markers', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-readme-'));
    const results = path.join(dir, 'RESULTS.md');
    const readme = path.join(dir, 'README.md');
    writeFileSync(results, '| CPU | Test CPU |\n<!-- headline:start -->\n| workload | comparison | ratio |\n|---|---|---|\n| a | b | t(x) ÷ t(y) = 2× |\n<!-- headline:end -->\n'
      + '<!-- targets:start -->\n| target | measured | goal | status |\n|---|---|---|---|\n| t | r | ≥ 10× | **NOT met** |\n<!-- targets:end -->\n');
    writeFileSync(readme, '# title\nno markers here\n');
    expect(updateReadme(results, readme)).toMatch(/left untouched/);
    expect(readFileSync(readme, 'utf8')).toBe('# title\nno markers here\n');
    writeFileSync(readme, '# title\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n');
    updateReadme(results, readme);
    const text = readFileSync(readme, 'utf8');
    expect(text).toContain('| a | b | t(x) ÷ t(y) = 2× |');
    expect(text).toContain('| t | r | ≥ 10× | **NOT met** |');
    expect(text).not.toContain('old');
    expect(text.endsWith('<!-- bench:end -->\nafter\n')).toBe(true);
  });
});
