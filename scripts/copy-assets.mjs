// Puts beside the compiled JS what tsc does not emit: the release modules, core, solver and optimizers (where
// init() looks for them by default), the CommonJS entries (src/cjs/, plain .cjs) and the types of linreg-wasm/linreg.wasm.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';

const at = (path) => new URL(`../${path}`, import.meta.url);

mkdirSync(at('dist/cjs/'), { recursive: true });
copyFileSync(at('build/release.wasm'), at('dist/linreg.wasm'));
copyFileSync(at('build/solver.wasm'), at('dist/solver.wasm'));
copyFileSync(at('build/optimizers.wasm'), at('dist/optimizers.wasm'));
for (const file of readdirSync(at('src/cjs/'))) copyFileSync(at(`src/cjs/${file}`), at(`dist/cjs/${file}`));
copyFileSync(at('src/entries/wasm-url.d.ts'), at('dist/entries/wasm-url.d.ts'));
