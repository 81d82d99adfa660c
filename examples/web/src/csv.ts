// A small CSV reader for the demo: numbers only, an optional header row, the last column is y.

/** Features, target and column names read from CSV text. */
export interface Dataset { X: number[][]; y: number[]; features: string[]; target: string }

/**
 * Parses comma-, semicolon- or tab-separated numbers. The first row is a header when any of its
 * cells is not a number. Throws an Error naming the first bad cell.
 */
export function parseCsv(text: string): Dataset {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length === 0) throw new Error('the CSV is empty');
  const sep = [',', ';', '\t'].find((s) => lines[0].includes(s)) ?? ',';
  const cells = lines.map((l) => l.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
  const hasHeader = cells[0].some((c) => c === '' || !Number.isFinite(Number(c)));
  const width = cells[0].length;
  if (width < 2) throw new Error('the CSV needs at least two columns: features, then the target last');
  const header = hasHeader ? cells[0] : [...Array.from({ length: width - 1 }, (_, j) => `x${j + 1}`), 'y'];
  const body = hasHeader ? cells.slice(1) : cells;
  if (body.length < 2) throw new Error('the CSV needs at least two data rows');
  const rows = body.map((row, i) => {
    const line = i + 1 + (hasHeader ? 1 : 0);
    if (row.length !== width) throw new Error(`row ${line} has ${row.length} columns, the first row has ${width}`);
    return row.map((c, j) => {
      const v = Number(c);
      if (c === '' || !Number.isFinite(v)) throw new Error(`row ${line}, column ${j + 1}: "${c}" is not a number`);
      return v;
    });
  });
  return { X: rows.map((r) => r.slice(0, -1)), y: rows.map((r) => r[width - 1]), features: header.slice(0, -1), target: header[width - 1] };
}
