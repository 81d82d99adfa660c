// Builds the linreg command: esbuild bundles src/cli/main.ts with its libraries (commander,
// cli-progress, Observable Plot and its d3, linkedom) into one file, dist/cli/linreg.js, with a
// #!/usr/bin/env node line; the package's own entries stay imports (../index.js, ../csv/index.js,
// ../stats/index.js: dist/'s files, so init() finds dist/linreg.wasm as it always does). tsc's
// dist/cli/*.js and .d.ts are removed: the command is not an API. Run after tsc (npm run build:ts
// ends with it), so that `npm install linreg-wasm` still installs no other package.
import { build } from 'esbuild';
import { chmodSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const at = (path) => new URL(`../${path}`, import.meta.url);
const version = (name) => JSON.parse(readFileSync(at(`node_modules/${name}/package.json`), 'utf8')).version;
const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8'));

/** The library's entries, imported from the bundle's place in dist/ (src/cli/x.ts and dist/cli/linreg.js are both one level down). */
const ownEntries = {
  name: 'linreg-wasm-entries',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(index|csv\/index|stats\/index)\.js$/ }, (args) => {
      if (!args.importer.includes('/src/cli/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * linkedom's HTML parser (htmlparser2) and CSS parser (cssomnom) are more than half of the bundle,
 * and the plots use neither: Plot builds its SVG with createElementNS on an empty document and
 * reads no style sheet. They are replaced by a module that says so if anything ever calls it.
 */
const unusedParsers = {
  name: 'unused-parsers',
  setup(b) {
    b.onResolve({ filter: /^(htmlparser2|cssomnom\/parse)$/ }, (args) => ({ path: args.path, namespace: 'unused' }));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => ({
      contents: `const no = () => { throw new Error('linreg: ${'${args.path}'} is not bundled (the plots need no parsing)'); };
        export class Parser { constructor() { no(); } }
        export const parse = no;`,
      loader: 'js',
    }));
  },
};

for (const file of readdirSync(at('dist/cli/'))) rmSync(at(`dist/cli/${file}`), { recursive: true });

await build({
  entryPoints: [at('src/cli/main.ts').pathname],
  outfile: at('dist/cli/linreg.js').pathname,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node18',
  minify: true,
  legalComments: 'none',
  plugins: [ownEntries, unusedParsers],
  define: { __LINREG_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    js: [
      '#!/usr/bin/env node',
      `// linreg, the command of linreg-wasm ${pkg.version}. Bundles commander ${version('commander')} (MIT, TJ Holowaychuk),`,
      `// cli-progress ${version('cli-progress')} (MIT, Andi Dittrich), @observablehq/plot ${version('@observablehq/plot')} (ISC, Observable, Inc.),`,
      `// d3 ${version('d3')} (ISC, Mike Bostock) and linkedom ${version('linkedom')} (ISC, Andrea Giammarchi) without its parsers.`,
      "import { createRequire as __linregRequire } from 'node:module'; const require = __linregRequire(import.meta.url);",
    ].join('\n'),
  },
  logLevel: 'warning',
});
chmodSync(at('dist/cli/linreg.js'), 0o755);

const bytes = statSync(at('dist/cli/linreg.js')).size;
const gz = gzipSync(readFileSync(at('dist/cli/linreg.js'))).length;
if (process.env.LINREG_BUILD_VERBOSE) console.log(`dist/cli/linreg.js: ${(bytes / 1024).toFixed(0)} KB (${(gz / 1024).toFixed(0)} KB gzip)`);
