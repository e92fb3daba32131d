/**
 * Curve rows pasted from a spreadsheet (Excel and LibreOffice copy cells as tab-separated
 * lines; CSV exports use commas or, where the comma is the decimal mark, semicolons).
 *
 * Two columns are price and volume for the period being edited. Three columns are period,
 * price and volume: a block of several periods at once (a day's curves exported as one table),
 * each period's rows in the order pasted. A first line without a single number is a header and
 * skipped. Cells stay text, as typed: the bid rules then mark a cell that is no number, beside
 * that cell, instead of the paste silently dropping it.
 */

export interface PastedRow {
  price: string;
  volume: string;
}

export type PastedCurve = { kind: 'rows'; rows: PastedRow[] } | { kind: 'periods'; periods: { period: number; rows: PastedRow[] }[] };

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A decimal as traders type it: "80", "-12.5", "12,50", "−3" (a typographic minus, as
 * spreadsheets copy it); NaN for anything else, empty included, so the rules report it.
 */
export function parseDecimal(text: string): number {
  const normalised = text.trim().replace(/\u2212/g, '-').replace(',', '.');
  return DECIMAL.test(normalised) ? Number(normalised) : Number.NaN;
}

/** The separator of a pasted line: a tab if there is one, else a semicolon, else a comma (then no decimal commas). */
function cellsOf(line: string): string[] {
  const separator = line.includes('\t') ? '\t' : line.includes(';') ? ';' : ',';
  return line.split(separator).map((cell) => cell.trim());
}

const hasNumber = (cells: readonly string[]): boolean => cells.some((cell) => !Number.isNaN(parseDecimal(cell)));

/**
 * What a pasted text fills; null when it is a single value (or nothing), which the cell takes
 * as an ordinary paste. Three-column lines whose period is no whole number from 1 are left out
 * of a period block: there is no period to put them in.
 */
export function parsePastedCurve(text: string): PastedCurve | null {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map(cellsOf)
    .filter((cells) => cells.some((cell) => cell !== ''));
  const [first] = lines;
  if (!first || (lines.length === 1 && first.length < 2)) return null;
  const data = hasNumber(first) ? lines : lines.slice(1);
  if (data.every((cells) => cells.length >= 3)) {
    const periods = new Map<number, PastedRow[]>();
    for (const [period, price = '', volume = ''] of data) {
      const number = Number(period);
      if (!Number.isInteger(number) || number < 1) continue;
      periods.set(number, [...(periods.get(number) ?? []), { price, volume }]);
    }
    return { kind: 'periods', periods: [...periods].sort(([a], [b]) => a - b).map(([period, rows]) => ({ period, rows })) };
  }
  return { kind: 'rows', rows: data.map(([price = '', volume = '']) => ({ price, volume })) };
}
