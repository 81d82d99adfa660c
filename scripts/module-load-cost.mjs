// What loading the closed form's and the optimizers' modules beside the core costs (issue 15: "measure
// the cost of a second module's load"): import + init() in fresh Node processes against dist/, the
// core alone, with solver.wasm, and with both, interleaved; medians of 21 runs each.
// Run after `npm run build`: node scripts/module-load-cost.mjs
import { execFileSync } from 'node:child_process';

const dist = (file) => JSON.stringify(new URL(`../dist/${file}`, import.meta.url).href);
const variants = {
  'core (linreg.wasm)': [],
  'core + solver.wasm': ['solver/kernels.js'],
  'core + solver.wasm + optimizers.wasm': ['solver/kernels.js', 'optim/kernels.js'],
};
const probe = (extra) => `
const t0 = performance.now();
const m = await import(${dist('wasm/init.js')});
${extra.map((f) => `await import(${dist(f)});`).join('\n')}
const t1 = performance.now();
await m.init();
console.log(JSON.stringify({ imports: t1 - t0, init: performance.now() - t1 }));`;

const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let round = 0; round < 21; round++) {
  for (const [name, extra] of Object.entries(variants)) {
    runs[name].push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe(extra)], { encoding: 'utf8' })));
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
console.log(`| loaded | import (ms) | init() (ms) |\n|---|---|---|`);
for (const [name, rs] of Object.entries(runs)) {
  console.log(`| ${name} | ${median(rs.map((r) => r.imports)).toFixed(2)} | ${median(rs.map((r) => r.init)).toFixed(2)} |`);
}
console.log(`\nNode ${process.version}, ${new Date().toISOString()}`);
