import type { OptimizerState } from './optimizer.js';
import { checkAllFinite, checkEnvelope, checkInteger, describe } from '../validate.js';

/** @internal Validates the envelope of a saved optimizer state before anything is written. */
export function checkStateDict(dict: unknown, type: string): OptimizerState {
  const d = checkEnvelope(
    dict, 'linreg-wasm/optimizer', 'expected the output of stateDict()', 'unsupported format version', 'loadStateDict: ', type,
  ) as unknown as OptimizerState;
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
