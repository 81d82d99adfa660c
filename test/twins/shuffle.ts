// Twin of assembly/train.ts's shuffleRows, in BigInt arithmetic: SplitMix64 (Steele, Lea, Flood
// 2014) drawing 32-bit words from the high half of each output, Lemire's multiply-and-reject
// bounded integers (2019), and Fisher–Yates from the last position down.

const MASK = (1n << 64n) - 1n;

/** A SplitMix64 stream whose state starts at `seed`. */
export function splitMix(seed: number): () => number {
  let state = BigInt(seed) & MASK;
  return () => {
    state = (state + 0x9E3779B97F4A7C15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
    return Number((z ^ (z >> 31n)) >> 32n);
  };
}

/** A uniform integer in [0, bound). */
function below(next: () => number, bound: number): number {
  let m = BigInt(next()) * BigInt(bound);
  if (Number(m & 0xFFFFFFFFn) < bound) {
    const threshold = (2 ** 32 - bound) % bound;
    while (Number(m & 0xFFFFFFFFn) < threshold) m = BigInt(next()) * BigInt(bound);
  }
  return Number(m >> 32n);
}

/** The permutation of 0 … n−1 one shuffled epoch uses, advancing `next`. */
export function shuffledOrder(n: number, next: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = below(next, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
