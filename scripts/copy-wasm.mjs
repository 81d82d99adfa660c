// Puts the release module beside the compiled JS, where init() looks for it by default.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
copyFileSync(new URL('../build/release.wasm', import.meta.url), new URL('../dist/linreg.wasm', import.meta.url));
