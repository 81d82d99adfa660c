// Types of `linreg-wasm/linreg.wasm` and `linreg-wasm/solver.wasm`, the module files themselves, for bundlers that do not follow the
// package's `new URL('../linreg.wasm', import.meta.url)` (esbuild, Rollup without a plugin): the
// README's recipe imports it and hands it to init(). Copied to dist/ by scripts/copy-assets.mjs.

/**
 * The .wasm as the bundler's loader hands it over: its URL with esbuild's `--loader:.wasm=file`
 * (pass `new URL(wasm, import.meta.url)` to `init()`); in Workers (wrangler, or esbuild's
 * `--loader:.wasm=copy`) the compiled `WebAssembly.Module`, which `init()` takes as it is.
 */
declare const wasm: string;
export default wasm;
