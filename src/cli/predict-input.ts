// linreg predict reads rows that have no target, but csvChunks always reads one (a target column
// and at least one feature). The text of new.csv is therefore given one more column at the end of
// each line, a 0 named `__linreg_predict_target__`, which is read as the target and thrown away.
// Appended last, it leaves every real column's number as it was; a quoted field that spans lines
// gets nothing inside it, and blank lines stay blank (csvChunks skips them).

/** The name of the column added as the target. */
export const ADDED = '__linreg_predict_target__';

/** The text pieces of a CSV with `<delimiter>0` (the header: `<delimiter>ADDED`) at the end of each record. */
export async function* withTargetColumn(pieces: AsyncIterable<Buffer | string>, delimiter: string, counted: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let carry = '', inQuotes = false, header = true;
  const line = (text: string): string => {
    const cr = text.endsWith('\r') ? '\r' : '';
    const body = cr ? text.slice(0, -1) : text;
    for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 34) inQuotes = !inQuotes;
    if (inQuotes || body.trim() === '') return `${text}\n`;
    const added = header ? `${delimiter}${ADDED}` : `${delimiter}0`;
    header = false;
    return `${body}${added}${cr}\n`;
  };
  for await (const piece of pieces) {
    if (typeof piece === 'string') carry += piece;
    else { counted(piece.length); carry += decoder.decode(piece, { stream: true }); }
    const last = carry.lastIndexOf('\n');
    if (last < 0) continue;
    let out = '', start = 0;
    for (let nl = carry.indexOf('\n'); nl >= 0 && nl <= last; nl = carry.indexOf('\n', start)) {
      out += line(carry.slice(start, nl));
      start = nl + 1;
    }
    carry = carry.slice(start);
    if (out) yield out;
  }
  carry += decoder.decode();
  if (carry) yield line(carry).slice(0, -1);
}

/** A CsvError message about the text with the added column, as it is about new.csv itself. */
export function withoutTargetColumn(message: string): string {
  return message
    .replace(/(\d+) fields, but the header has (\d+)/, (_, a: string, b: string) => `${Number(a) - 1} fields, but the header has ${Number(b) - 1}`)
    .replace(/, "__linreg_predict_target__"/g, '');
}
