// Builds linreg-wasm/csv: esbuild bundles src/csv/index.ts (uDSV inlined, so the package keeps no
// dependencies) over tsc's dist/csv/index.js, and removes tsc's other dist/csv/*.js, which the bundle
// replaces; tsc's .d.ts files stay (index.d.ts re-exports from them) and name no package. The one
// import left is node:fs / node:string_decoder in csvFile, by a variable specifier that bundlers
// for browsers leave alone. Run after tsc (npm run build:ts ends with it).
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync } from 'node:fs';

const at = (path) => new URL(`../${path}`, import.meta.url);
const udsv = JSON.parse(readFileSync(at('node_modules/udsv/package.json'), 'utf8'));

await build({
  entryPoints: [at('src/csv/index.ts').pathname],
  outfile: at('dist/csv/index.js').pathname,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  allowOverwrite: true,
  legalComments: 'none',
  banner: {
    js: `// linreg-wasm/csv. Includes uDSV ${udsv.version} (https://github.com/leeoniya/uDSV), ` +
      'Copyright (c) 2025, Leon Sorokin, MIT License.',
  },
  logLevel: 'warning',
});

for (const file of readdirSync(at('dist/csv/'))) {
  if (file.endsWith('.js') && file !== 'index.js') rmSync(at(`dist/csv/${file}`));
}
