// Which columns are linearly dependent, read off the null space of the design.

/** One term of a dependency: `coef · column`. */
export interface DependencyTerm { column: string; coef: number }

/**
 * `column ≈ Σ combination[k].coef · combination[k].column + constant`, holding on the data up to
 * rounding (it spans part of the design's numerical null space).
 */
export interface Dependency { column: string; combination: DependencyTerm[]; constant: number }

/**
 * Dependencies from a null-space basis (rows of `basis`, each of length names.length), reduced
 * to echelon form pivoting from the last column, so later columns are written in terms of
 * earlier ones. `means` (one per column) turns centred dependencies into ones with a constant;
 * `constant[j]` marks column j as a constant column c (it becomes part of the constant term).
 * `scales` (the columns' norms) make pivoting and dropping negligible terms independent of units:
 * a column at scale 2⁻²⁷ duplicated at 2²⁷ is still named.
 */
export function dependencies(
  basis: number[][], names: string[], means?: ArrayLike<number>, constants?: (number | null)[],
  scales?: ArrayLike<number>,
): Dependency[] {
  const p = names.length;
  const scale = (k: number) => (scales && scales[k] > 0 ? scales[k] : 1);
  // in scaled coordinates w_k = v_k·s_k (each row's largest entry 1)
  const rows = basis.map((v) => {
    const w = v.map((t, k) => t * scale(k));
    const big = Math.max(...w.map(Math.abs)) || 1;
    return w.map((t) => t / big);
  });
  const used = new Set<number>();
  const pivots: [number, number][] = [];
  for (let j = p - 1; j >= 0 && pivots.length < rows.length; j--) {
    let best = -1, size = 1e-8;
    rows.forEach((v, r) => { if (!used.has(r) && Math.abs(v[j]) > size) { best = r; size = Math.abs(v[j]); } });
    if (best < 0) continue;
    used.add(best);
    const pv = rows[best].map((t) => t / rows[best][j]);
    rows[best] = pv;
    rows.forEach((v, r) => { if (r !== best) { const s = v[j]; for (let t = 0; t < p; t++) v[t] -= s * pv[t]; } });
    pivots.push([best, j]);
  }
  return pivots.reverse().map(([r, j]) => express(rows[r], j, names, scale, means, constants));
}

// Column j in terms of the others from a scaled relation w (w_j = 1): a_j = −Σ (w_k·s_j/s_k)·a_k.
function express(
  w: number[], j: number, names: string[], scale: (k: number) => number, means?: ArrayLike<number>,
  constants?: (number | null)[],
): Dependency {
  const big = Math.max(...w.map(Math.abs));
  const combination: DependencyTerm[] = [];
  let constant = means ? means[j] : 0;
  w.forEach((t, k) => {
    if (k === j || Math.abs(t) <= 1e-10 * big) return;
    const coef = (-t * scale(j)) / scale(k);
    if (means) constant -= coef * means[k];
    const c = constants?.[k];
    if (c !== undefined && c !== null) constant += coef * c;
    else combination.push({ column: names[k], coef });
  });
  return { column: names[j], combination, constant: constant + 0 };
}

/** `x2 ≈ x1 + 1`: a dependency as text, numbers to 6 significant digits. */
export function formatDependency(d: Dependency): string {
  const terms: string[] = [];
  for (const { column, coef } of d.combination) {
    const mag = Math.abs(coef);
    const body = nice(mag) === '1' ? column : `${nice(mag)}·${column}`;
    terms.push(terms.length === 0 ? (coef < 0 ? `−${body}` : body) : `${coef < 0 ? '−' : '+'} ${body}`);
  }
  const k = d.constant;
  if (Math.abs(k) > 1e-9 * Math.max(1, ...d.combination.map((t) => Math.abs(t.coef))) || terms.length === 0) {
    const text = nice(Math.abs(k));
    terms.push(terms.length === 0 ? (k < 0 ? `−${text}` : text) : `${k < 0 ? '−' : '+'} ${text}`);
  }
  return `${d.column} ≈ ${terms.join(' ')}`;
}

function nice(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** The warning attached to a rank-deficient fit. */
export function rankWarning(rank: number, cols: number, deps: Dependency[], what: string): string {
  const list = deps.map(formatDependency).join('; ');
  return `${what} is rank-deficient (rank ${rank} of ${cols} columns): ${list || 'its columns are linearly dependent'}. `
    + 'Infinitely many coefficient vectors fit equally well; the minimum-norm one is returned.';
}
