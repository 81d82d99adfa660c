// What esbuild's loaders make of the demo's non-JS imports.
declare module '*.csv' {
  const text: string;
  export default text;
}
declare module '*.wasm' {
  const url: string;
  export default url;
}
declare module '*.css';
