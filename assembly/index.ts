// Entry point of the wasm module: every kernel is a flat exported function over byte
// offsets, lengths and numbers. The TypeScript side (src/) owns all memory layout. The bench-only
// readSum (./bandwidth.ts) is a module of its own, build/bench.wasm, so users never download it.
export { heapBase } from "./memory";
export { predict } from "./forward";
export { lossGrad, lossGradAccumulate } from "./loss";
export { optimizerStep } from "./optim";
export { trainLoop } from "./train";
export { gramAccumulate, gramStride } from "./solver/gram";
export { householderQR, applyQ } from "./solver/qr";
export { refineResidual } from "./solver/refine";
