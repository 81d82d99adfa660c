import type { OptimizerState } from './optimizer.js';
import { checkAllFinite, checkInteger, describe } from '../validate.js';

/** @internal Validates the envelope of a saved optimizer state before anything is written. */
export function checkStateDict(dict: unknown, type: string): OptimizerState {
  const d = dict as OptimizerState;
  if (typeof d !== 'object' || d === null || d.format !== 'linreg-wasm/optimizer') {
    throw new TypeError(`loadStateDict: expected the output of stateDict(), got ${describe(dict)}`);
  }
  if (d.version !== 1) throw new RangeError(`loadStateDict: unsupported format version ${d.version}; this build reads version 1`);
  if (d.type !== type) throw new TypeError(`loadStateDict: this is a ${type} but the saved state is from ${describe(d.type)}`);
  checkInteger('loadStateDict: step', d.step, 0);
  if (typeof d.options !== 'object' || d.options === null) throw new TypeError('loadStateDict: options missing');
  if (typeof d.state !== 'object' || d.state === null) throw new TypeError('loadStateDict: state missing');
  return d;
}

/** @internal A saved state vector of length n (finite numbers), or null when allowed. */
export function stateVector(d: OptimizerState, name: string, n: number, nullable: boolean): number[] | null {
  const v = d.state[name];
  if (v === null || v === undefined) {
    if (nullable) return null;
    throw new TypeError(`loadStateDict: state.${name} is missing`);
  }
  if (!Array.isArray(v)) throw new TypeError(`loadStateDict: state.${name} must be an array, got ${describe(v)}`);
  if (v.length !== n) {
    throw new RangeError(`loadStateDict: state.${name} has ${v.length} values but the optimizer has ${n} parameters`);
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number') throw new TypeError(`loadStateDict: state.${name}[${i}] must be a number, got ${describe(v[i])}`);
  }
  checkAllFinite(`loadStateDict: state.${name}`, v);
  return v;
}
