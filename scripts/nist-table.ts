// Prints the NIST StRD accuracy columns of the tables in README.md and docs/closed-form.md: log
// relative error (LRE) of LinearRegression + summary() against the certified values.
// Usage: npx tsx scripts/nist-table.ts
import { readFileSync, readdirSync } from 'node:fs';
import { builtModules } from './built-wasm.js';
import { init, LinearRegression, polynomialFeatures } from '../src/index.js';
import { summary } from '../src/stats/index.js';

await init(builtModules());
const dir = new URL('../test/fixtures/nist-strd/', import.meta.url);
const order = ['Norris', 'Pontius', 'NoInt1', 'NoInt2', 'Filip', 'Longley', 'Wampler1', 'Wampler2', 'Wampler3', 'Wampler4', 'Wampler5'];
const lre = (est: number, cert: number) => {
  const err = cert === 0 ? Math.abs(est) : Math.abs(est - cert) / Math.abs(cert);
  return err === 0 ? 15 : Math.min(15, -Math.log10(err));
};
const min = (est: ArrayLike<number>, cert: number[]) => Math.min(...cert.map((c, j) => lre(est[j], c)));
const fmt = (v: number) => v.toFixed(1);
console.log('| dataset | parameters | std devs | residual SD | R² |');
console.log('|---|---:|---:|---:|---:|');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
for (const name of order) {
  if (!files.includes(`${name}.json`)) continue;
  const d = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
  const model = new LinearRegression({ fitIntercept: d.intercept });
  if (d.degree === null) model.fit(d.x, d.y);
  else {
    const { hi, lo } = polynomialFeatures(d.x.map((r: number[]) => r[0]), d.degree);
    model.fit(hi, d.y, { xLow: lo });
    hi.dispose(); lo.dispose();
  }
  const s = summary(model), c = d.certified;
  console.log(`| ${name} | ${fmt(min(s.params, c.parameters))} | ${fmt(min(s.standardErrors, c.standardDeviations))} | ${fmt(lre(s.residualStandardError, c.residualStandardDeviation))} | ${fmt(lre(s.rSquared, c.rSquared))} |`);
}
