// Entry point of the wasm module: every kernel is a flat exported function over byte
// offsets, lengths and numbers. The TypeScript side (src/) owns all memory layout. Two modules
// share this one's memory: the closed-form solver's kernels (./solver/index.ts, build/solver.wasm,
// loaded by init() only when the closed form is imported) and the bench-only readSum
// (./bandwidth.ts, build/bench.wasm), so gradient-descent users download neither.
export { heapBase } from "./memory";
export { predict } from "./forward";
export { lossGrad, lossGradAccumulate } from "./loss";
export { optimizerStep } from "./optim";
export { trainLoop, shuffleRows } from "./train";
