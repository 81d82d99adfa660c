// How the optimizer and scheduler tests compare a trajectory with torch's.

/** max |a − b| / max(|b|∞, tiny): the error relative to the reference vector's own size. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0, size = 1e-300;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    size = Math.max(size, Math.abs(b[i]));
  }
  return diff / size;
}
