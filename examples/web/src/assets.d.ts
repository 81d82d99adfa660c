// What esbuild's loaders make of the demo's non-JS imports (linreg-wasm/linreg.wasm ships its own types).
declare module '*.csv' {
  const text: string;
  export default text;
}
declare module '*.css';
