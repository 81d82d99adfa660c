// A `.wasm?module` import yields the compiled module: Cloudflare's wrangler, Vercel edge and
// Next.js resolve it so, and the runtime hands it over without compiling bytes.
declare module '*.wasm?module' {
  const module: WebAssembly.Module;
  export default module;
}
