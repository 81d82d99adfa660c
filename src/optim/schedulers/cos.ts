// cos(x) rounded correctly (barring a true value within ~2⁻¹⁰⁰ of a rounding midpoint), for
// CosineAnnealingLR: torch calls glibc's cos, which is correctly rounded in practice, while
// Math.cos is fdlibm's in V8 (off by up to one unit in the last place: cos(12π/10) is one) and the
// system's elsewhere. Computed in double-double arithmetic (pairs hi + lo, about 106 bits):
//
//     x = n·π/2 + r, |r| ≤ π/4, with π/2 in four pieces so n·piece is exact (fdlibm's rem_pio2)
//     cos x = cos r, −sin r, −cos r, sin r   for n mod 4 = 0, 1, 2, 3
//     sin r = Σ (−1)ᵏ r²ᵏ⁺¹/(2k+1)!,  cos r = Σ (−1)ᵏ r²ᵏ/(2k)!   (terms until below 2⁻¹¹⁰ of the sum)
//
// Beyond |x| = 1.6·10⁶ (n ≥ 2²⁰, where n·piece stops being exact) it falls back to Math.cos.

type DD = [hi: number, lo: number];

const PIO2 = [1.57079632673412561417e+00, 6.07710050630396597660e-11, 2.02226624871116645580e-21, 8.47842766036889956997e-32];
const INV_PIO2 = 6.36619772367581382433e-01;
const LIMIT = 1.6e6;
const SPLIT = 134217729; // 2^27 + 1

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ta = SPLIT * a, ah = ta - (ta - a), al = a - ah;
  const tb = SPLIT * b, bh = tb - (tb - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

function add(a: DD, b: DD): DD {
  const s = twoSum(a[0], b[0]);
  const t = twoSum(a[1], b[1]);
  const u = quickTwoSum(s[0], s[1] + t[0]);
  return quickTwoSum(u[0], u[1] + t[1]);
}

function mul(a: DD, b: DD): DD {
  const p = twoProd(a[0], b[0]);
  return quickTwoSum(p[0], p[1] + (a[0] * b[1] + a[1] * b[0]));
}

/** a / m for an integer m < 2⁵³. */
function divInt(a: DD, m: number): DD {
  const q = a[0] / m;
  const p = twoProd(q, m);
  return quickTwoSum(q, (((a[0] - p[0]) - p[1]) + a[1]) / m);
}

/** Σ (−1)ᵏ r^(2k+j) / (2k+j)!: cos r for j = 0, sin r for j = 1. */
function series(r: DD, j: 0 | 1): DD {
  const r2 = mul(r, r);
  let term: DD = j === 0 ? [1, 0] : r;
  let sum = term;
  for (let k = 1; k < 40 && Math.abs(term[0]) > 7.7e-34 * Math.abs(sum[0]); k++) {
    term = divInt(mul(term, r2), (2 * k + j - 1) * (2 * k + j));
    sum = add(sum, k % 2 === 1 ? [-term[0], -term[1]] : term);
  }
  return sum;
}

/** @internal cos(x), correctly rounded for |x| < 1.6·10⁶ (see the file's header). */
export function cos(x: number): number {
  if (!(Math.abs(x) < LIMIT)) return Math.cos(x);
  const n = Math.round(x * INV_PIO2);
  let r = twoSum(x, -n * PIO2[0]);
  for (let i = 1; i < 4; i++) r = add(r, [-n * PIO2[i], 0]);
  const q = ((n % 4) + 4) % 4;
  const v = series(r, (q & 1) as 0 | 1);
  return q === 0 || q === 3 ? v[0] : -v[0];
}
