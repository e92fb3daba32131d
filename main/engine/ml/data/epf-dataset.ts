import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { recogniseHeader } from '../../market/import/price-file-formats.js';
import { HOURS_PER_DAY, type DailySeries } from '../daily-series.js';

/**
 * Reads a dataset in the epftoolbox format (Lago et al. 2021): a header `Date, <price>, <exogenous
 * 1>, …` (names written with leading spaces), then one row per hour, `YYYY-MM-DD HH:MM:SS`, 24 a
 * day with no clock change, the price, then each exogenous series (day-ahead forecasts). The
 * result is the DailySeries every forecasting model reads; the market-data import
 * (market/import) stores the same files in the database instead.
 */

const HOUR_MS = 3_600_000;
/** Problems listed in the error; the rest are counted. */
const PROBLEMS_SHOWN = 10;

/** A file that is not an epftoolbox dataset, with every problem found and its 1-based line. */
export class EpfDatasetError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    const more = problems.length > PROBLEMS_SHOWN ? [`… and ${String(problems.length - PROBLEMS_SHOWN)} more problems`] : [];
    super([`${source}: not an epftoolbox dataset`, ...problems.slice(0, PROBLEMS_SHOWN).map((p) => `${source}:${p}`), ...more].join('\n'));
    this.name = 'EpfDatasetError';
  }
}

/** A cell as a finite number, or null; '' and 'NaN' are not prices. */
function numberOf(cell: string | undefined): number | null {
  if (cell === undefined || cell === '') return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}

/** Parses the text of an epftoolbox dataset; `source` names it in errors. */
export function parseEpfDataset(text: string, source: string): DailySeries {
  const records: string[][] = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  const [header, ...rows] = records;
  const format = header ? recogniseHeader(header)?.format : undefined;
  if (!header || format?.name !== 'epftoolbox') throw new EpfDatasetError(source, [`1: the header "${header?.join(',') ?? ''}" is not "Date, <price>, <exogenous>, …"`]);
  if (rows.length === 0 || rows.length % HOURS_PER_DAY !== 0) throw new EpfDatasetError(source, [`${String(rows.length + 1)}: ${String(rows.length)} hourly rows are not whole days of ${String(HOURS_PER_DAY)}`]);

  const columns = header.length - 1;
  const values = Array.from({ length: columns }, () => new Float64Array(rows.length));
  const problems: string[] = [];
  const first = format.readTimestamp(rows[0]?.[0] ?? '');
  if (first !== null && new Date(first).getUTCHours() !== 0) problems.push('2: the first row is not the hour 00:00 of a day');
  rows.forEach((row, i) => {
    const line = String(i + 2);
    const at = format.readTimestamp(row[0] ?? '');
    if (at === null) problems.push(`${line}: "${row[0] ?? ''}" is not a time written ${format.timestampPattern}`);
    else if (first !== null && at !== first + i * HOUR_MS) problems.push(`${line}: ${row[0] ?? ''} is not the hour after the row before (every day has 24 hours, none missing)`);
    if (row.length !== header.length) problems.push(`${line}: ${String(row.length)} columns, the header has ${String(header.length)}`);
    for (let c = 0; c < columns; c++) {
      const value = numberOf(row[c + 1]);
      if (value === null) problems.push(`${line}: ${header[c + 1] ?? ''} "${row[c + 1] ?? ''}" is not a number`);
      else values[c]![i] = value;
    }
  });
  if (problems.length > 0) throw new EpfDatasetError(source, problems);

  const [prices, ...exogenous] = values as [Float64Array, ...Float64Array[]];
  return {
    dates: rows.filter((_, i) => i % HOURS_PER_DAY === 0).map((row) => (row[0] ?? '').slice(0, 10)),
    prices,
    exogenous: exogenous.map((series, c) => ({ name: header[c + 2] ?? '', values: series })),
  };
}

export async function readEpfDataset(path: string): Promise<DailySeries> {
  return parseEpfDataset(await readFile(path, 'utf8'), path);
}
