// Entry point of the closed-form solver's module, build/solver.wasm: its kernels, compiled apart
// from the gradient-descent core (assembly/index.ts) so that only users of the closed form load
// them. It imports the core's memory (asconfig target "solver", importMemory) and must keep no
// static data there: the core's arena owns every byte above the core's heapBase (the budget test
// checks that build/solver.wat declares no data segment).
export { gramAccumulate, gramStride } from "./gram";
export { householderQR, applyQ } from "./qr";
export { refineResidual } from "./refine";
