// Every test file starts with the release module loaded from build/ (tests import src/ directly,
// where there is no linreg.wasm beside the code).
import { readFileSync } from 'node:fs';
import { init } from '../src/index.js';

await init(readFileSync(new URL('../build/release.wasm', import.meta.url)));
