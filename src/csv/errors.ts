// The one error kind of CSV content. Bad options raise the built-ins as everywhere in the library
// (TypeError for kinds, RangeError for values); what is wrong with the text raises CsvError.

/** What is wrong with the CSV text. */
export type CsvErrorCode =
  | 'empty'            // no header line, or (reading a whole file) no data row
  | 'missing-column'   // target, feature or weight names a column the header lacks
  | 'ragged'           // a row with more or fewer fields than the header
  | 'missing-value'    // with missing: 'error', a used cell that is empty, blank, NA or NaN
  | 'not-a-number'     // a cell of the target, the weight or a numeric feature that is not a finite number
  | 'unknown-level'    // a categorical cell that is not one of the levels given
  | 'too-many-levels'  // a categorical column with more levels than maxLevels
  | 'levels-needed'    // a categorical column of a stream (read once) whose levels were not given
  | 'unclosed-quote';  // a quoted field still open at the end of the text

/** Where a {@link CsvError} happened. */
export interface CsvErrorInfo {
  /** 1-based line of the row (the header is line 1; in a byte range, the range's first row is line 1). */
  line?: number;
  /** 1-based column of the cell. */
  column?: number;
  /** The header name of that column. */
  columnName?: string;
  /** The cell's text, as read. */
  cell?: string;
}

/**
 * The CSV text cannot become a design: a number that is not one, a missing value (with missing:
 * 'error'), a level not given or one too many, a ragged row, a missing column, an empty file. The
 * message names the source, the 1-based line and the column; the same facts are fields for programs.
 */
export class CsvError extends Error {
  override name = 'CsvError';
  readonly code: CsvErrorCode;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly columnName: string | undefined;
  readonly cell: string | undefined;
  constructor(code: CsvErrorCode, message: string, info: CsvErrorInfo = {}) {
    super(message);
    this.code = code;
    this.line = info.line;
    this.column = info.column;
    this.columnName = info.columnName;
    this.cell = info.cell;
  }
}

/** @internal A cell shown in a message: quoted, shortened, with line breaks visible. */
export function showCell(cell: string): string {
  const s = cell.length > 40 ? `${cell.slice(0, 37)}...` : cell;
  return JSON.stringify(s);
}
